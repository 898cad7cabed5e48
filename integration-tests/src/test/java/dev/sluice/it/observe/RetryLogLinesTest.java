package dev.sluice.it.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The logging rules hold for retries and the circuit breaker: one WARN per retry and one when the breaker opens,
 * naming the request by method and path template and the workspace by host:port, never a URL, a header value, the
 * token or an id; the breaker's recovery is one INFO line, its half-open step DEBUG.
 */
class RetryLogLinesTest {
    private static final String HEADER_SECRET = "header-secret-value";
    private static final String RATE_LIMITED =
            "POST /api/2\\.0/sql/statements/: HTTP 429 REQUEST_LIMIT_EXCEEDED \\(RATE_LIMITED\\); ";

    private static void select(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void retriesAndTheBreakerLogWithoutUrlsHeaderValuesOrIds() throws Exception {
        try (ScriptedWarehouse server = ScriptedWarehouse.start()) {
            server.script(StatementScript.forSql("SELECT 1").succeeds(Result.jsonRows(Column.list("x INT"),
                    List.of(Result.row("1")))));
            retryAndOpenTheBreaker(server);
        }
    }

    private static void retryAndOpenTheBreaker(ScriptedWarehouse server) throws Exception {
        String url = server.jdbcUrl("wh1") + ";RateLimitRetryBackoff=1;InternalErrorRetryAttempts=1"
                + ";CircuitBreakerFailureThreshold=1;CircuitBreakerDelay=1;CircuitBreakerSuccessThreshold=1"
                + ";http.header.X-Custom=" + HEADER_SECRET;
        String host = "127.0.0.1:" + server.port();
        try (LogCapture logs = LogCapture.start();
             Connection c = new SluiceDriver().connect(url, new Properties())) {
            server.on(Endpoint.EXECUTE_STATEMENT).times(2).reply(HttpReply.tooManyRequests(0));
            select(c);
            server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.internalError("overloaded"));
            assertThatThrownBy(() -> select(c)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> select(c)).isInstanceOf(SQLTransientConnectionException.class);
            Thread.sleep(1100);
            select(c);

            List<LogCapture.Line> warn = logs.sluice(Level.WARN);
            assertThat(warn).extracting(LogCapture.Line::message)
                    .filteredOn(m -> m.startsWith("POST /api/2.0/sql/statements/: HTTP 429"))
                    .satisfiesExactly(
                            m -> assertThat(m).matches(RATE_LIMITED + "attempt 2 of 5 in \\d+ ms"),
                            m -> assertThat(m).matches(RATE_LIMITED + "attempt 3 of 5 in \\d+ ms"));
            assertThat(warn).extracting(LogCapture.Line::message)
                    .containsOnlyOnce("circuit breaker for " + host + " opened after 1 failed calls in a row;"
                            + " calls fail at once for 1 s")
                    .hasSize(3);
            assertThat(logs.sluice(Level.INFO)).extracting(LogCapture.Line::message)
                    .anyMatch(m -> m.startsWith("connected to "))
                    .contains("circuit breaker for " + host + " closed: calls go through again")
                    .hasSize(2);
            assertThat(logs.sluice(Level.DEBUG)).extracting(LogCapture.Line::message)
                    .contains("circuit breaker for " + host + " is half-open: letting calls through again");

            List<String> secrets = List.of("http://", ScriptedWarehouse.DEFAULT_TOKEN, HEADER_SECRET);
            List<String> ids = server.statementIds();
            for (Level level : List.of(Level.ERROR, Level.WARN, Level.INFO)) {
                assertThat(logs.sluice(level)).as("%s lines", level).allSatisfy(line -> {
                    assertThat(line.text()).doesNotContain(secrets);
                    assertThat(line.text()).doesNotContain(ids);
                });
            }
        }
    }
}
