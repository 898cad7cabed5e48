package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The small ways of giving up: each failure is an SQLException with the SQLState that says what happened, never a
 * RuntimeException, a generic HY000 or "connection lost".
 */
class GivingUpCleanlyTest {
    private static final String FAST = ";RateLimitRetryBackoff=1;TemporarilyUnavailableRetryBackoff=1"
            + ";InternalErrorRetryBackoff=1";

    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();

    private static SQLException sqlFailure(ThrowingAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an SQLException, got " + e, e);
        }
        throw new AssertionError("expected an SQLException, nothing was thrown");
    }

    private interface ThrowingAction {
        void run() throws Exception;
    }

    @Test
    void aNullUrlIsAnSqlExceptionWhileAForeignUrlIsNull() throws SQLException {
        SQLException e = sqlFailure(() -> new SluiceDriver().connect(null, new Properties()));
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("URL is null");
        assertThat(new SluiceDriver().connect("jdbc:postgresql://localhost/db", new Properties())).isNull();
    }

    @Test
    void aNonAsciiHostIs22023NamingTheHost() {
        SQLException e = sqlFailure(() -> new SluiceDriver().connect(
                "jdbc:databricks://wärehouse.example.com:443/default;httpPath=/sql/1.0/warehouses/wh1", null));
        assertThat(e.getSQLState()).isEqualTo("22023");
        assertThat(e.getMessage()).contains("wärehouse.example.com").contains("xn--");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aMegabyteUserAgentEntryIsRefusedAtConnectNamingTheProperty() {
        String huge = "x".repeat(1 << 20);
        SQLException e = sqlFailure(() -> DriverManager.getConnection(server.jdbcUrl("wh1")
                + ";UserAgentEntry=" + huge));
        assertThat(e.getSQLState()).isEqualTo("22023");
        assertThat(e.getMessage()).contains("UserAgentEntry").hasSizeLessThan(300);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aShortUserAgentEntryIsSent() throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("wh1") + ";UserAgentEntry=MyTool/1.2")) {
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(server.requests(Endpoint.CREATE_SESSION)).singleElement()
                .satisfies(r -> assertThat(r.header("User-Agent")).endsWith(" MyTool/1.2"));
    }

    @Test
    void aForbiddenAnswerSaysTheStatusOnce() {
        server.on(Endpoint.CREATE_SESSION).always().reply(HttpReply.forbidden());
        SQLException e = sqlFailure(() -> DriverManager.getConnection(server.jdbcUrl("wh1")));
        assertThat(e.getSQLState()).isEqualTo("28000");
        assertThat(e.getMessage()).contains("HTTP 403").doesNotContain("403 403").contains("Invalid access token");
    }

    @Test
    void exhaustedRateLimitRetriesName429AndTheRateLimitWith53000OnAnOpenConnection() throws SQLException {
        server.script(StatementScript.forSql("SELECT 1").succeeds(Result.jsonRows(Column.list("x INT"),
                List.of(Result.row("1")))));
        server.on(Endpoint.EXECUTE_STATEMENT).always().reply(HttpReply.tooManyRequests(0));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("wh1") + FAST);
             Statement s = c.createStatement()) {
            SQLException e = sqlFailure(() -> s.executeQuery("SELECT 1"));
            assertThat((Throwable) e).isInstanceOf(SQLTransientException.class);
            assertThat(e.getSQLState()).isEqualTo("53000");
            assertThat(e.getMessage()).contains("429").contains("rate limited").contains("RateLimitRetryAttempts");
        }
    }

    @Test
    void exhaustedRateLimitRetriesWhileConnectingAre08004() {
        server.on(Endpoint.CREATE_SESSION).always().reply(HttpReply.tooManyRequests(0));
        SQLException e = sqlFailure(() -> DriverManager.getConnection(server.jdbcUrl("wh1") + FAST));
        assertThat(e.getSQLState()).isEqualTo("08004");
        assertThat(e.getMessage()).contains("429").contains("rate limited");
    }

    @Test
    void closeDoesNotRetryTheSessionDeleteAgainstAFailingServer() throws SQLException {
        Connection c = DriverManager.getConnection(server.jdbcUrl("wh1") + ";TemporarilyUnavailableRetryBackoff=2000");
        server.on(Endpoint.DELETE_SESSION).always().reply(HttpReply.unavailable(5));
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(server.requests(Endpoint.DELETE_SESSION)).as("one attempt, no retry waits").hasSize(1);
    }
}
