package dev.sluice.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.jdbc.internal.jdbc.SluiceConnection;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HikariCP and an open circuit breaker: the fast failure is a SQLTransientConnectionException whose SQLState
 * (58030) is not class 08, so the pool keeps the connection, whose session is intact on the server, and the same
 * connection works again once the breaker lets requests through.
 */
class HikariBreakerConformanceTest {
    private ScriptedWarehouse server;

    @BeforeEach
    void start() {
        server = ScriptedWarehouse.start();
        server.script(StatementScript.forSqlMatching("SELECT \\d").succeeds(Result.jsonRows(Column.list("x INT"),
                List.of(Result.row("1")))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HikariDataSource pool() {
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl(server.jdbcUrl("wh1") + ";CircuitBreakerFailureThreshold=1;CircuitBreakerDelay=1"
                + ";InternalErrorRetryAttempts=1");
        HikariConfig config = new HikariConfig();
        config.setPoolName("sluice-breaker");
        config.setDataSource(ds);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    private static void select(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
            assertThat(rs.next()).isTrue();
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static SQLException catchSql(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an SQLException");
    }

    @Test
    void theBreakersFastFailureDoesNotMakeThePoolEvictTheConnection() throws Exception {
        try (HikariDataSource pool = pool()) {
            SluiceConnection physical;
            SQLException fastFailure;
            try (Connection c = pool.getConnection()) {
                physical = c.unwrap(SluiceConnection.class);
                server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.internalError("overloaded"));
                assertThatThrownBy(() -> select(c)).isInstanceOf(SQLException.class);
                fastFailure = catchSql(() -> select(c));
            }
            assertThat(physical.isClosed()).as("evicted by the pool").isFalse();
            assertThat((Throwable) fastFailure).isInstanceOf(SQLTransientConnectionException.class);
            assertThat(fastFailure.getSQLState()).isEqualTo("58030");
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(1);
            assertThat(server.deletedSessionIds()).isEmpty();

            Thread.sleep(1100); // the breaker's 1 s interval
            try (Connection c = pool.getConnection()) {
                assertThat(c.unwrap(SluiceConnection.class)).isSameAs(physical);
                select(c);
            }
            assertThat(server.createdSessionIds()).hasSize(1);
        }
    }
}
