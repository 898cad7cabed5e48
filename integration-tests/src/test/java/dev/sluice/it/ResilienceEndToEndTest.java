package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The driver's retries against the local warehouse's fault switch, counting how many times the warehouse executed
 * each statement ({@code /sluice/executions}): a statement submission answered 429 or 503 with Retry-After is sent
 * again and runs once; one whose connection drops after the warehouse accepted it is not sent again and ran once;
 * one that lost a real Delta transaction conflict is run again and commits.
 */
@ExtendWith(LocalWarehouseExtension.class)
class ResilienceEndToEndTest {
    private static final String SUBMIT = "\"method\":\"POST\",\"path\":\"/api/2.0/sql/statements/?$\"";

    private final LocalWarehouse warehouse;
    private final RestClient rest;

    ResilienceEndToEndTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @BeforeEach
    @AfterEach
    void clearFaults() {
        rest.delete("/sluice/faults");
    }

    private Connection connect() throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
    }

    /** A statement text no other test runs, so that its execution count is its own. */
    private static String unique(String label) {
        return "SELECT '" + label + "-" + System.nanoTime() + "' AS v";
    }

    private int executions(String sql) {
        RestClient.Reply r = rest.get("/sluice/executions?statement=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        return r.body().path("executions").asInt(-1);
    }

    private void fault(String json) {
        assertThat(rest.post("/sluice/faults", json).status()).isEqualTo(200);
    }

    private static String run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private int faultsLeft() {
        return rest.get("/sluice/faults").body().path("rules").size();
    }

    @Test
    void aRateLimitedSubmissionIsSentAgainAfterRetryAfterAndRunsOnce() throws SQLException {
        String sql = unique("rate-limited");
        try (Connection c = connect()) {
            fault("{\"action\":\"error\",\"status\":429,\"retry_after_seconds\":1," + SUBMIT + ",\"count\":2}");
            long start = System.nanoTime();
            assertThat(run(c, sql)).startsWith("rate-limited-");
            // two waits of Retry-After: 1 s each (a lower bound: the driver must not come back earlier)
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        assertThat(faultsLeft()).as("both 429s were served").isZero();
        assertThat(executions(sql)).isEqualTo(1);
    }

    @Test
    void anUnavailableSubmissionWithRetryAfterIsSentAgainAndRunsOnce() throws SQLException {
        String sql = unique("unavailable");
        try (Connection c = connect()) {
            fault("{\"action\":\"error\",\"status\":503,\"retry_after_seconds\":1," + SUBMIT + ",\"count\":2}");
            assertThat(run(c, sql)).startsWith("unavailable-");
        }
        assertThat(faultsLeft()).isZero();
        assertThat(executions(sql)).isEqualTo(1);
    }

    @Test
    void aSubmissionWhoseConnectionDropsAfterItWasAcceptedIsNotSentAgainAndRanOnce() throws SQLException {
        String sql = unique("dropped-after-accept");
        try (Connection c = connect()) {
            fault("{\"action\":\"drop_after\"," + SUBMIT + ",\"count\":1}");
            assertThatThrownBy(() -> run(c, sql)).isInstanceOf(SQLTransientException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("58030"));
            assertThat(faultsLeft()).isZero();
            // the connection survives the lost exchange
            assertThat(run(c, "SELECT 'still usable'")).isEqualTo("still usable");
        }
        assertThat(executions(sql)).as("the warehouse ran it once and the driver did not send it again")
                .isEqualTo(1);
    }

    @Test
    void aSubmissionDroppedBeforeItWasHandledIsNotSentAgainEither() throws SQLException {
        String sql = unique("dropped-before-handling");
        try (Connection c = connect()) {
            fault("{\"action\":\"drop\"," + SUBMIT + ",\"count\":1}");
            // the driver cannot tell this drop from the one after acceptance, so it must not guess
            assertThatThrownBy(() -> run(c, sql)).isInstanceOf(SQLTransientException.class);
        }
        assertThat(executions(sql)).isZero();
    }

    /**
     * A real Delta conflict: a MERGE that deletes a row is held inside its transaction, at a gate in its source
     * (which Delta reads after the transaction took its snapshot), while an UPDATE of the same row commits from
     * another connection; let through, the MERGE fails with one of Delta's concurrent-write error classes, and the
     * driver runs it again, this time committing. The gate, not a pause, orders the two commits, so a slow
     * machine cannot make the UPDATE come first or last.
     */
    @Test
    void aStatementThatLostARealDeltaConflictIsRunAgainAndCommits() throws Exception {
        String table = "main.default.conflict_" + System.nanoTime();
        String gate = "/sluice/gates/" + table;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT, v INT) USING DELTA");
            s.execute("INSERT INTO " + table + " VALUES (1, 0), (2, 0)");
        }
        String heldDelete = "MERGE INTO " + table + " t USING (SELECT 2 AS id"
                + " WHERE reflect('dev.sluice.warehouse.sql.Gates', 'pass', '" + table + "', CAST(120000 AS BIGINT))"
                + " = 'open') s ON t.id = s.id WHEN MATCHED THEN DELETE";
        try (Connection deleter = connect(); Connection updater = connect();
             Statement d = deleter.createStatement(); Statement u = updater.createStatement()) {
            CompletableFuture<Integer> deleted =
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            return d.executeUpdate(heldDelete);
                        } catch (SQLException e) {
                            throw new CompletionException(e);
                        }
                    });
            try {
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (rest.get(gate).body().path("waiting").asInt() < 1) {
                    assertThat(deleted).as("the MERGE is still running").isNotDone();
                    assertThat(System.nanoTime()).as("the MERGE reached its gate").isLessThan(until);
                    Thread.sleep(20);
                }
                // the MERGE's transaction has read the table and waits: this commit is the concurrent one
                assertThat(u.executeUpdate("UPDATE " + table + " SET v = 1 WHERE id = 2")).isEqualTo(1);
            } finally {
                rest.post(gate, "{}");
            }
            assertThat(deleted.get(120, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            rest.delete(gate);
        }
        assertThat(executions(heldDelete)).as("lost the conflict once, then committed").isEqualTo(2);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), max(id) FROM " + table)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
            s.execute("DROP TABLE " + table);
        }
    }

    @Test
    void pollsAreRetriedThroughServerErrors() throws SQLException {
        String sql = unique("polled");
        // an asynchronous submit, so the result comes from polls, the first two of which fail
        try (Connection c = new SluiceDriver().connect(warehouse.jdbcUrl() + ";WaitTimeout=0"
                + ";InternalErrorRetryBackoff=50", new Properties())) {
            fault("{\"action\":\"error\",\"status\":500,\"method\":\"GET\","
                    + "\"path\":\"/api/2.0/sql/statements/[^/]+$\",\"count\":2}");
            assertThat(run(c, sql)).startsWith("polled-");
        }
        assertThat(faultsLeft()).isZero();
        assertThat(executions(sql)).isEqualTo(1);
    }
}
