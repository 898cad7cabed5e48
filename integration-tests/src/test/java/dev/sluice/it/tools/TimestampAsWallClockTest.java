package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.Properties;
import java.util.TimeZone;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TIMESTAMP written as 10:00 in a session whose zone is Pacific/Chatham (+13:45 in March) is the instant
 * 20:15 UTC the day before. Sluice hands out that instant; with TimestampAsWallClock=1 it hands out what
 * Databricks' own driver does: 10:00 read in the JVM's zone (or the Calendar's), whatever instant that is.
 */
@ExtendWith(LocalWarehouseExtension.class)
class TimestampAsWallClockTest {
    private static final String QUERY = "SELECT TIMESTAMP'2024-03-01 10:00:00', TIMESTAMP_NTZ'2024-03-01 10:00:00'";
    private final LocalWarehouse warehouse;

    TimestampAsWallClockTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    private Connection open(String extra) throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl() + ";TIMEZONE=Pacific/Chatham" + extra, new Properties());
    }

    @ParameterizedTest(name = "EnableArrow={0}")
    @ValueSource(strings = {"1", "0"})
    void theTrueInstantByDefaultTheSessionWallClockOnRequest(String arrow) throws SQLException {
        try (Connection c = open(";EnableArrow=" + arrow); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(QUERY)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(Instant.parse("2024-02-29T20:15:00Z"));
            assertThat(((Timestamp) rs.getObject(1)).toInstant()).isEqualTo(Instant.parse("2024-02-29T20:15:00Z"));
        }
        try (Connection c = open(";TimestampAsWallClock=1;EnableArrow=" + arrow); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(QUERY)) {
            assertThat(rs.next()).isTrue();
            LocalDateTime ten = LocalDateTime.parse("2024-03-01T10:00:00");
            assertThat(rs.getTimestamp(1)).isEqualTo(Timestamp.valueOf(ten));
            assertThat(rs.getObject(1)).isEqualTo(Timestamp.valueOf(ten));
            assertThat(rs.getObject(1, Timestamp.class)).isEqualTo(Timestamp.valueOf(ten));
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            assertThat(rs.getTimestamp(1, utc).toInstant()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
            // getString and the java.time readings were the wall clock already, and stay so
            assertThat(rs.getString(1)).startsWith("2024-03-01 10:00:00");
            assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(ten);
            // TIMESTAMP_NTZ is a wall clock in both modes
            assertThat(rs.getTimestamp(2)).isEqualTo(Timestamp.valueOf(ten));
        }
    }
}
