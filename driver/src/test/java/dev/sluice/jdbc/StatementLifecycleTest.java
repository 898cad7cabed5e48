package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.SqlError;
import dev.sluice.testing.sea.StatementScript;
import dev.sluice.testing.sea.StatementState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Connection and statement behaviour, asserted on what reached the (scripted) server. */
class StatementLifecycleTest {
    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();

    private Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("wh1") + extra);
    }

    @Test
    void connectionIsASessionWithCatalogSchemaAndConfsAndCloseDeletesIt() throws SQLException {
        try (Connection c = connect(";ConnCatalog=main;ConnSchema=sales;ANSI_MODE=false")) {
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(server.sessionRequests()).hasSize(1);
        assertThat(server.sessionRequests().get(0).catalog()).isEqualTo("main");
        assertThat(server.sessionRequests().get(0).schema()).isEqualTo("sales");
        assertThat(server.sessionRequests().get(0).sessionConfs()).containsEntry("ANSI_MODE", "false");
        assertThat(server.deletedSessionIds()).containsExactlyElementsOf(server.createdSessionIds());
    }

    @Test
    void jsonRowsAreReadAndTheStatementIsClosedOnTheServer() throws SQLException {
        server.script(StatementScript.forSql("SELECT id, name FROM t")
                .succeeds(Result.jsonRows(Column.list("id BIGINT", "name STRING"),
                        List.of(Result.row("1", "a"), Result.row("2", null)))));
        try (Connection c = connect(";EnableArrow=0"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("id")).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("a");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("NAME")).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat(server.closedStatementIds()).isEmpty();
            assertThat(rs.next()).isFalse();
            // the last row read releases the server's copy (off the reader's path); close() sends no second DELETE
            assertThat(server.closedStatementIds(1)).containsExactlyElementsOf(server.statementIds());
        }
        assertThat(server.requests(Endpoint.CLOSE_STATEMENT)).hasSize(1);
        server.assertExecutedOnce("SELECT id, name FROM t");
        assertThat(server.statementRequests().get(0).format()).isEqualTo("JSON_ARRAY");
        assertThat(server.statementRequests().get(0).disposition()).isEqualTo("INLINE");
        assertThat(server.statementRequests().get(0).sessionId()).isEqualTo(server.createdSessionIds().get(0));
        assertThat(server.closedStatementIds()).containsExactlyElementsOf(server.statementIds());
    }

    @Test
    void arrowRequestIsWhatTheOfficialDriverSends() throws SQLException {
        server.script(StatementScript.forSql("CREATE TABLE t (a INT)").succeeds(Result.noResultSet()));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThat(s.execute("CREATE TABLE t (a INT)")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
        }
        var request = server.statementRequests().get(0);
        assertThat(request.format()).isEqualTo("ARROW_STREAM");
        assertThat(request.disposition()).isEqualTo("INLINE_OR_EXTERNAL_LINKS");
        assertThat(request.resultCompression()).isEqualTo("LZ4_FRAME");
        // the official driver asks for the 10 s hybrid wait; Sluice submits asynchronously so that a cancel, a
        // close or an interrupt always has the statement id to send (README: cancel and close)
        assertThat(request.waitTimeout()).isEqualTo("0s");
        assertThat(request.onWaitTimeout()).isEqualTo("CONTINUE");
        assertThat(request.warehouseId()).isEqualTo("wh1");
    }

    @Test
    void pendingAndRunningArePolledUntilSuccess() throws SQLException {
        server.script(StatementScript.forSql("SELECT 1")
                .polls(StatementState.PENDING, StatementState.RUNNING, StatementState.RUNNING)
                .succeeds(Result.jsonRows(Column.list("1 INT"), List.of(Result.row("1")))));
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(server.requests(Endpoint.GET_STATEMENT)).hasSizeGreaterThanOrEqualTo(3);
        server.assertExecutedOnce("SELECT 1");
    }

    @Test
    void failedStatementKeepsTheServersSqlStateAndErrorClass() throws SQLException {
        server.script(StatementScript.forSql("SELEC 1").fails(SqlError.of("PARSE_SYNTAX_ERROR",
                "Syntax error at or near 'SELEC'.", "42601")));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("PARSE_SYNTAX_ERROR")
                    .satisfies(e -> {
                        SQLException x = (SQLException) e;
                        assertThat(x.getSQLState()).isEqualTo("42601");
                        ServerError detail = (ServerError) x.getCause();
                        assertThat(detail.errorClass()).contains("PARSE_SYNTAX_ERROR");
                        assertThat(detail.statementId()).isPresent();
                    });
        }
    }

    @Test
    void theLastRowDoesNotWaitForTheStatementCloseWhichCloseStillSendsAndLeavesNothingRunning() throws Exception {
        server.script(StatementScript.forSql("SELECT id FROM t")
                .succeeds(Result.jsonRows(Column.list("id BIGINT"), List.of(Result.row("1")))));
        // every statement DELETE is held by the server until released
        server.on(Endpoint.CLOSE_STATEMENT).always().delay(Duration.ofMinutes(2));
        Connection c = connect(";EnableArrow=0");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM t");
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isFalse();
        // next() returned while the DELETE it sent is still held: the reader did not wait for it
        assertThat(server.requests(Endpoint.CLOSE_STATEMENT, 1)).hasSize(1);
        assertThat(server.closedStatementIds()).isEmpty();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                c.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        server.releaseHeld();
        closing.get(1, TimeUnit.MINUTES);
        assertThat(server.closedStatementIds()).containsExactlyElementsOf(server.statementIds());
        assertThat(server.requests(Endpoint.CLOSE_STATEMENT)).hasSize(1);
        assertThat(server.deletedSessionIds()).hasSize(1);
        // the senders are daemon threads that end once idle: none is left running
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sluice-statement-close-")) {
                t.join(TimeUnit.MINUTES.toMillis(1));
                assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
            }
        }
    }

    @Test
    void dmlCountsComeFromNumAffectedRows() throws SQLException {
        server.script(StatementScript.forSql("INSERT INTO t VALUES (1), (2), (3)").succeeds(Result.inserted(3, 3)));
        server.script(StatementScript.forSql("DELETE FROM t WHERE a > 1").succeeds(Result.affected(2)));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)")).isEqualTo(3);
            assertThat(s.execute("DELETE FROM t WHERE a > 1")).isFalse();
            assertThat(s.getLargeUpdateCount()).isEqualTo(2);
        }
        assertThat(server.closedStatementIds()).containsExactlyInAnyOrderElementsOf(server.statementIds());
    }

    @Test
    void cancelFromAnotherThreadReachesTheServer() throws Exception {
        server.script(StatementScript.forSql("SELECT sleep()").runsUntilCancelled());
        try (Connection c = connect(";WaitTimeout=0"); Statement s = c.createStatement()) {
            CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("SELECT sleep()");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            while (server.statementIds().isEmpty()) {
                Thread.sleep(5);
            }
            s.cancel();
            Throwable t = running.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(SQLException.class);
            assertThat(((SQLException) t).getSQLState()).isEqualTo("57014");
        }
        assertThat(server.cancelledStatementIds()).containsExactlyElementsOf(server.statementIds());
    }

    @Test
    void queryTimeoutCancelsOnTheServerAndThrowsTimeout() throws SQLException {
        server.script(StatementScript.forSql("SELECT slow()").runsUntilCancelled());
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.executeQuery("SELECT slow()")).isInstanceOf(SQLTimeoutException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HYT00"));
        }
        assertThat(server.statementRequests().get(0).waitTimeout()).isEqualTo("0s");
        assertThat(server.cancelledStatementIds()).hasSize(1);
    }

    @Test
    void preparedParametersAreTypedPositionalOrdinals() throws SQLException {
        server.script(StatementScript.forSql("SELECT * FROM t WHERE a = ? AND b = ? AND c = ?")
                .succeeds(Result.empty(Column.list("a INT"))));
        try (Connection c = connect(""); PreparedStatement ps =
                c.prepareStatement("SELECT * FROM t WHERE a = ? AND b = ? AND c = ?")) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(3);
            ps.setInt(1, 7);
            ps.setBigDecimal(2, new java.math.BigDecimal("12.50"));
            ps.setNull(3, java.sql.Types.VARCHAR);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isFalse();
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
            }
        }
        List<Map<String, Object>> params = server.statementRequests().get(0).parameters();
        assertThat(params).hasSize(3);
        assertThat(params.get(0)).containsEntry("ordinal", 1L).containsEntry("type", "INT").containsEntry("value", "7");
        assertThat(params.get(1)).containsEntry("type", "DECIMAL(4,2)").containsEntry("value", "12.50");
        assertThat(params.get(2)).containsEntry("type", "STRING").doesNotContainKey("value");
    }

    @Test
    void namedMarkersAreSentByName() throws SQLException {
        server.script(StatementScript.forSql("SELECT :x + :y, :x").succeeds(Result.empty(Column.list("s INT"))));
        try (Connection c = connect(""); PreparedStatement ps = c.prepareStatement("SELECT :x + :y, :x")) {
            ps.setLong(1, 1);
            ps.setLong(2, 2);
            ps.executeQuery().close();
        }
        List<Map<String, Object>> params = server.statementRequests().get(0).parameters();
        assertThat(params).extracting(p -> p.get("name")).containsExactly("x", "y");
    }

    @Test
    void unboundParameterIsRefusedBeforeAnythingIsSent() throws SQLException {
        try (Connection c = connect(""); PreparedStatement ps = c.prepareStatement("SELECT ?, ?")) {
            ps.setInt(1, 1);
            assertThatThrownBy(ps::executeQuery).hasMessageContaining("parameter 2 of 2 is not set")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07001"));
        }
        assertThat(server.statementRequests()).isEmpty();
    }

    @Test
    void insertBatchBecomesOneMultiRowStatement() throws SQLException {
        String multi = "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)";
        server.script(StatementScript.forSql(multi).succeeds(Result.inserted(3, 3)));
        try (Connection c = connect(""); PreparedStatement ps = c.prepareStatement("INSERT INTO t (a, b) VALUES (?, ?)")) {
            for (int i = 0; i < 3; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
        }
        server.assertExecutedOnce(multi);
        assertThat(server.statementRequests().get(0).parameters()).hasSize(6)
                .extracting(p -> p.get("ordinal")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void rateLimitedSubmissionIsRetriedAfterRetryAfterAndRunsOnce() throws SQLException {
        server.script(StatementScript.forSql("SELECT 2").succeeds(Result.jsonRows(Column.list("2 INT"),
                List.of(Result.row("2")))));
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.tooManyRequests(1));
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(server.requests(Endpoint.EXECUTE_STATEMENT)).hasSize(2);
        server.assertExecutedOnce("SELECT 2");
    }

    @Test
    void serverErrorOnSubmissionIsNotRetried() throws SQLException {
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.internalError("boom"));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELECT 3")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("500");
        }
        assertThat(server.requests(Endpoint.EXECUTE_STATEMENT)).hasSize(1);
    }

    @Test
    void aLostExchangeIsTransientAndLeavesTheConnectionUsable() throws SQLException {
        server.script(StatementScript.forSql("SELECT 1").succeeds(Result.jsonRows(Column.list("1 INT"),
                List.of(Result.row("1")))));
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).fault(Fault.CONNECTION_RESET_BY_PEER);
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLTransientException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("58030"));
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void aSessionTheServerNoLongerKnowsIsAConnectionFailure() throws SQLException {
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.notFound("session expired"));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOf(SQLNonTransientConnectionException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
        }
    }

    @Test
    void wrongTokenIsAnAuthorizationError() {
        server.expectToken("right");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("wh1", "wrong")))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .hasMessageNotContaining("wrong")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
    }

    @Test
    void unreachableServerIs08001() {
        int port = server.port();
        server.close();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + port
                + ";ssl=0;httpPath=/sql/1.0/warehouses/w;PWD=x"))
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }

    @Test
    void closedConnectionCascadesAndRefusesWork() throws SQLException {
        server.script(StatementScript.forSql("SELECT 4").succeeds(Result.jsonRows(Column.list("4 INT"),
                List.of(Result.row("4"), Result.row("5")))));
        Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 4");
        c.close();
        assertThat(s.isClosed()).isTrue();
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(c::createStatement)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
        c.close();
        assertThat(server.closedStatementIds()).containsExactlyElementsOf(server.statementIds());
        assertThat(server.deletedSessionIds()).hasSize(1);
    }

    @Test
    void theServerVersionIsAskedOncePerConnection() throws SQLException {
        server.script(StatementScript.forSql("SELECT version()").succeeds(Result.jsonRows(Column.list("v STRING"),
                List.of(Result.row("4.2.0 abcdef")))));
        try (Connection c = connect("")) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("4.2.0");
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("4.2.0");
            assertThat(c.getMetaData().getDatabaseMajorVersion()).isEqualTo(4);
        }
        assertThat(server.submissionCount("SELECT version()")).isEqualTo(1);
    }

    @Test
    void isValidDoesARealRoundTrip() throws SQLException {
        server.script(StatementScript.forSql("SELECT 1").succeeds(Result.jsonRows(Column.list("1 INT"),
                List.of(Result.row("1")))));
        try (Connection c = connect("")) {
            assertThat(c.isValid(5)).isTrue();
            server.on(Endpoint.EXECUTE_STATEMENT).always().reply(HttpReply.unavailable(1));
            assertThat(c.isValid(1)).isFalse();
        }
        assertThat(server.statementRequests()).extracting(r -> r.statement()).contains("SELECT 1");
    }
}
