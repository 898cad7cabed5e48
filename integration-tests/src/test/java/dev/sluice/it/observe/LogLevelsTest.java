package dev.sluice.it.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The logging rules against the local warehouse: one INFO line per connection, requests at DEBUG without bodies,
 * bodies only at TRACE, a failed statement once at ERROR without the server's message.
 */
@ExtendWith(LocalWarehouseExtension.class)
class LogLevelsTest {
    private final LocalWarehouse warehouse;

    LogLevelsTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void aBusyConnectionLogsOneInfoLineAndRequestsWithoutBodiesAtDebug() throws SQLException {
        try (LogCapture logs = LogCapture.start()) {
            try (Connection c = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
                 Statement s = c.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    try (ResultSet rs = s.executeQuery("SELECT " + i + " AS n")) {
                        assertThat(rs.next()).isTrue();
                    }
                }
                s.execute("SET TIME ZONE 'UTC'");
                DatabaseMetaData meta = c.getMetaData();
                try (ResultSet rs = meta.getSchemas()) {
                    assertThat(rs.next()).isTrue();
                }
                assertThat(c.isValid(5)).isTrue();
            }
            List<LogCapture.Line> info = logs.sluice(Level.INFO);
            assertThat(info).as("INFO lines of one connection").hasSize(1);
            assertThat(info.get(0).message()).contains(warehouse.host() + ":" + warehouse.port())
                    .contains(warehouse.warehouseId()).contains("AuthMech=3").contains("session ")
                    .contains("Sluice ").doesNotContain(warehouse.token());
            assertThat(logs.sluice(Level.WARN)).isEmpty();
            assertThat(logs.sluice(Level.ERROR)).isEmpty();

            List<LogCapture.Line> debug = logs.sluice(Level.DEBUG);
            assertThat(debug).extracting(LogCapture.Line::message)
                    .anyMatch(m -> m.startsWith("POST /api/2.0/sql/statements/ -> 200"))
                    .anyMatch(m -> m.startsWith("DELETE /api/2.0/sql/sessions/{session_id}"))
                    .noneMatch(m -> m.contains("SELECT") || m.contains("{\""));
            List<LogCapture.Line> trace = logs.sluice(Level.TRACE);
            assertThat(trace).extracting(LogCapture.Line::message)
                    .anyMatch(m -> m.startsWith("POST /api/2.0/sql/statements/ request body: ")
                            && m.contains("\"statement\":\"SELECT 2 AS n\""))
                    .anyMatch(m -> m.contains("response body: {\"statement_id\""));
        }
    }

    @Test
    void aFailedStatementIsOneErrorLineWithItsIdStateAndClassButNotTheServersMessage() throws SQLException {
        try (LogCapture logs = LogCapture.start();
             Connection c = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT CAST('confidential-value' AS INT)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("confidential-value");
            List<LogCapture.Line> errors = logs.sluice(Level.ERROR);
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).message()).startsWith("statement ").contains("failed (execute)")
                    .contains("SQLSTATE 22018").contains("CAST_INVALID_INPUT").doesNotContain("confidential-value");
            // the response body at TRACE masks the value the server quoted back
            assertThat(logs.lines()).noneMatch(l -> l.logger().startsWith("dev.sluice.jdbc.internal.observe.Payloads")
                    && l.text().contains("The value 'confidential-value'"));
        }
    }

    @Test
    void aStatementInterruptedBeforeItStartedIsNoErrorLine() throws SQLException {
        try (LogCapture logs = LogCapture.start();
             Connection c = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
             Statement s = c.createStatement()) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("HY008");
            } finally {
                Thread.interrupted();
            }
            assertThat(logs.sluice(Level.ERROR)).as("the application interrupted its own thread").isEmpty();
            assertThat(logs.sluice(Level.DEBUG)).anyMatch(l -> l.message().contains("HY008"));
            try (ResultSet rs = s.executeQuery("SELECT 2")) {
                assertThat(rs.next()).as("the connection is fine afterwards").isTrue();
            }
        }
    }
}
