package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class BindingsTest {

    @Test
    void decimalsCarryTheirPrecisionAndScale() throws SQLException {
        assertThat(Bindings.ofDecimal(new BigDecimal("123.45"))).isEqualTo(new Binding("DECIMAL(5,2)", "123.45"));
        assertThat(Bindings.ofDecimal(new BigDecimal("0.001"))).isEqualTo(new Binding("DECIMAL(3,3)", "0.001"));
        assertThat(Bindings.ofDecimal(new BigDecimal("1E+3"))).isEqualTo(new Binding("DECIMAL(4,0)", "1000"));
        assertThatThrownBy(() -> Bindings.ofDecimal(new BigDecimal("1" + "0".repeat(40))))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
    }

    @Test
    void instantsKeepTheirOffsetSoTheSessionZoneCannotShiftThem() throws SQLException {
        Instant i = Instant.parse("2024-03-01T10:15:30.123456Z");
        assertThat(Bindings.ofObject(OffsetDateTime.ofInstant(i, ZoneOffset.ofHours(-7))).value())
                .isEqualTo("2024-03-01 03:15:30.123456-07:00");
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        assertThat(Bindings.ofTimestamp(Timestamp.from(i), utc))
                .isEqualTo(new Binding("TIMESTAMP", "2024-03-01 10:15:30.123456+00:00"));
    }

    @Test
    void wallClockValuesAreNtzAndDatesAreIso() throws SQLException {
        assertThat(Bindings.ofObject(LocalDateTime.parse("2024-01-02T03:04:05")))
                .isEqualTo(new Binding("TIMESTAMP_NTZ", "2024-01-02 03:04:05"));
        assertThat(Bindings.ofObject(LocalDate.parse("2024-01-02"))).isEqualTo(new Binding("DATE", "2024-01-02"));
    }

    @Test
    void targetTypesConvertWithChecks() throws SQLException {
        assertThat(Bindings.ofObject("12", Types.INTEGER, 0)).isEqualTo(new Binding("INT", "12"));
        assertThat(Bindings.ofObject(new BigDecimal("1.005"), Types.DECIMAL, 2))
                .isEqualTo(new Binding("DECIMAL(3,2)", "1.01"));
        assertThat(Bindings.ofObject(null, Types.DATE, 0)).isEqualTo(new Binding("DATE", null));
        assertThatThrownBy(() -> Bindings.ofObject(300, Types.TINYINT, 0))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
        assertThatThrownBy(() -> Bindings.ofObject("x", Types.INTEGER, 0))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22018"));
    }

    @Test
    void binaryMustBeTextAndOtherClassesAreRefusedByName() throws SQLException {
        assertThat(Bindings.ofBytes("héllo".getBytes(StandardCharsets.UTF_8)).value()).isEqualTo("héllo");
        assertThatThrownBy(() -> Bindings.ofBytes(new byte[] {(byte) 0xff, 0}))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                .hasMessageContaining("unhex");
        assertThatThrownBy(() -> Bindings.ofObject(new Object()))
                .hasMessageContaining("java.lang.Object");
        assertThat(Bindings.ofObject(null)).isEqualTo(new Binding("VOID", null));
    }
}
