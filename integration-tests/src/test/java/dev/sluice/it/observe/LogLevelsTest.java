package dev.sluice.it.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.sluice.it.RestClient;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The logging rules against the local warehouse: one INFO line per connection, requests at DEBUG without bodies,
 * bodies only at TRACE, a failed statement once at ERROR without the server's message, a statement the
 * application cancelled or interrupted at DEBUG only.
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

    @Test
    void aCancelledStatementIsNoErrorLine() throws Exception {
        RestClient rest = new RestClient(warehouse);
        String gate = "log-cancel-" + System.nanoTime();
        try (LogCapture logs = LogCapture.start();
             Connection c = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
             Statement s = c.createStatement()) {
            // held on the warehouse at a gate until cancelled (or 30 s)
            String held = "SELECT reflect('dev.sluice.warehouse.sql.Gates', 'pass', '" + gate
                    + "', CAST(30000 AS BIGINT)) AS g";
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery(held)) {
                    rs.next();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            }, command -> new Thread(command, "held-statement").start());
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rest.get("/sluice/gates/" + gate).body().path("waiting").asInt(-1) < 1) {
                assertThat(outcome).as("the held statement is still running").isNotDone();
                assertThat(System.nanoTime()).as("the statement reached its gate").isLessThan(until);
                Thread.sleep(20);
            }
            s.cancel();
            SQLException failure = outcome.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getSQLState()).isEqualTo("57014");
            assertThat(logs.sluice(Level.ERROR)).as("the application cancelled its own statement").isEmpty();
            assertThat(logs.sluice(Level.DEBUG)).anyMatch(l -> l.message().contains("57014"));
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }
}
