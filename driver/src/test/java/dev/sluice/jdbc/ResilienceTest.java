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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error table, the breaker and the timeouts through JDBC against the scripted warehouse, asserting what reached
 * the server: how many times each statement was submitted and how many times it was executed.
 */
class ResilienceTest {
    /** Waits of a millisecond, so that retries are counted, not sat through; Retry-After is 0 in these replies. */
    private static final String FAST = ";RateLimitRetryBackoff=1;TemporarilyUnavailableRetryBackoff=1"
            + ";InternalErrorRetryBackoff=1;ConcurrentModificationRetryBackoff=1";
    private static final String CONFLICT = "Transaction conflict detected. A concurrent WRITE added data to table"
            + " `main`.`default`.`t` committed at version 7.";

    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();

    private Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("wh1") + FAST + extra);
    }

    private void scriptSelect(String sql) {
        server.script(StatementScript.forSql(sql).succeeds(Result.jsonRows(Column.list("x INT"),
                List.of(Result.row("1")))));
    }

    private static int selectOne(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    // ---------------------------------------------------------------- submission: repeated only when not accepted

    @Test
    void aRateLimitedSubmissionIsSentUntilAcceptedAndRunsOnce() throws SQLException {
        scriptSelect("SELECT 429");
        server.on(Endpoint.EXECUTE_STATEMENT).times(4).reply(HttpReply.tooManyRequests(0));
        try (Connection c = connect("")) {
            assertThat(selectOne(c, "SELECT 429")).isEqualTo(1);
        }
        assertThat(server.submissionCount("SELECT 429")).isEqualTo(5);
        server.assertExecutedOnce("SELECT 429");
    }

    @Test
    void aRateLimitedSubmissionGivesUpAfterFiveAttemptsAsATransientFailure() throws SQLException {
        scriptSelect("SELECT 429");
        server.on(Endpoint.EXECUTE_STATEMENT).always().reply(HttpReply.tooManyRequests(0));
        try (Connection c = connect("")) {
            assertThatThrownBy(() -> selectOne(c, "SELECT 429")).isInstanceOf(SQLTransientException.class)
                    .hasMessageContaining("429");
        }
        assertThat(server.submissionCount("SELECT 429")).isEqualTo(5);
        assertThat(server.executionCount("SELECT 429")).isZero();
    }

    @Test
    void rateLimitRetryZeroTurnsRateLimitRetriesOff() throws SQLException {
        scriptSelect("SELECT 429");
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.tooManyRequests(0));
        try (Connection c = connect(";RateLimitRetry=0")) {
            assertThatThrownBy(() -> selectOne(c, "SELECT 429")).isInstanceOf(SQLTransientException.class);
        }
        assertThat(server.submissionCount("SELECT 429")).isEqualTo(1);
    }

    @Test
    void anUnavailableSubmissionIsRepeatedOnlyWhenTheServerSentRetryAfter() throws SQLException {
        scriptSelect("SELECT 503");
        server.on(Endpoint.EXECUTE_STATEMENT).times(2).reply(HttpReply.unavailable(0));
        try (Connection c = connect("")) {
            assertThat(selectOne(c, "SELECT 503")).isEqualTo(1);
            assertThat(server.submissionCount("SELECT 503")).isEqualTo(3);
            server.assertExecutedOnce("SELECT 503");

            server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.unavailable(0).withoutHeader("Retry-After"));
            assertThatThrownBy(() -> selectOne(c, "SELECT 503")).isInstanceOf(SQLTransientException.class);
            assertThat(server.submissionCount("SELECT 503")).isEqualTo(4);
        }
    }

    static Stream<Arguments> answersThatMayFollowAcceptance() {
        return Stream.of(
                Arguments.of("500", HttpReply.internalError("boom")),
                Arguments.of("502", HttpReply.status(502)),
                Arguments.of("504", HttpReply.status(504)),
                Arguments.of("connection reset", HttpReply.fault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("closed without answer", HttpReply.fault(Fault.EMPTY_RESPONSE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersThatMayFollowAcceptance")
    void aSubmissionTheServerMayHaveAcceptedIsSentExactlyOnce(String what, HttpReply reply) throws SQLException {
        scriptSelect("SELECT 500");
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(reply);
        try (Connection c = connect("")) {
            assertThatThrownBy(() -> selectOne(c, "SELECT 500")).isInstanceOf(SQLException.class);
            // the connection is still usable: the next statement runs
            assertThat(selectOne(c, "SELECT 500")).isEqualTo(1);
        }
        assertThat(server.submissionCount("SELECT 500")).isEqualTo(2);
        server.assertExecutedOnce("SELECT 500");
    }

    @Test
    void aStatementAcceptedAndThenCutOffIsNeitherResentNorRunTwice() throws SQLException {
        scriptSelect("SELECT 1");
        // handled normally, so the statement runs on the server, then the response is cut after its headers
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).truncateBody(0);
        try (Connection c = connect("")) {
            assertThatThrownBy(() -> selectOne(c, "SELECT 1")).isInstanceOf(SQLTransientException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("58030"));
        }
        assertThat(server.submissionCount("SELECT 1")).isEqualTo(1);
        server.assertExecutedOnce("SELECT 1");
    }

    @Test
    void aSlowSubmissionTimesOutOnceAsHyt00NamingItsSetting() throws SQLException {
        scriptSelect("SELECT 30");
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).delay(Duration.ofMillis(2500));
        try (Connection c = connect(";WaitTimeout=0;StatementSubmitTimeout=1")) {
            assertThatThrownBy(() -> selectOne(c, "SELECT 30")).isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("statement submit timed out").hasMessageContaining("StatementSubmitTimeout")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HYT00"));
        }
        assertThat(server.submissionCount("SELECT 30")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- idempotent calls are repeated

    @Test
    void pollsAndChunkFetchesAreRetried() throws SQLException {
        server.script(StatementScript.forSql("SELECT x FROM chunks").polls(StatementState.PENDING, StatementState.RUNNING)
                .succeeds(Result.jsonChunks(Column.list("x INT"), List.of(
                        List.of(Result.row("1")), List.of(Result.row("2")), List.of(Result.row("3"))))));
        server.on(Endpoint.GET_STATEMENT).times(2).reply(HttpReply.unavailable(0));
        server.on(Endpoint.GET_CHUNK).forChunk(1).times(2).reply(HttpReply.internalError("chunk store hiccup"));
        server.on(Endpoint.GET_CHUNK).forChunk(2).times(1).fault(Fault.CONNECTION_RESET_BY_PEER);
        int sum = 0;
        try (Connection c = connect(";EnableArrow=0"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT x FROM chunks")) {
            while (rs.next()) {
                sum += rs.getInt(1);
            }
        }
        assertThat(sum).isEqualTo(6);
        server.assertExecutedOnce("SELECT x FROM chunks");
        assertThat(server.chunkFetchCount(1)).isEqualTo(3);
        assertThat(server.chunkFetchCount(2)).isEqualTo(2);
        assertThat(server.requests(Endpoint.GET_STATEMENT)).hasSizeGreaterThanOrEqualTo(4);
    }

    // ---------------------------------------------------------------- ConcurrentModification: the one re-run

    @Test
    void aStatementThatLostADeltaConflictRunsAgainUntilItCommits() throws SQLException {
        String insert = "INSERT INTO t VALUES (1)";
        server.script(StatementScript.forSql(insert).succeeds(Result.inserted(1, 1)));
        server.script(StatementScript.forSql(insert).times(2)
                .fails(SqlError.of("DELTA_CONCURRENT_APPEND.WITHOUT_HINT", CONFLICT, "2D521")));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(insert)).isEqualTo(1);
        }
        assertThat(server.executionCount(insert)).isEqualTo(3);
    }

    @Test
    void aConflictThatPersistsFailsWithTheServersErrorAfterTheConfiguredRuns() throws SQLException {
        String merge = "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET *";
        server.script(StatementScript.forSql(merge)
                .fails(SqlError.of("DELTA_CONCURRENT_DELETE_READ.WITHOUT_HINT", CONFLICT, "2D521")));
        try (Connection c = connect(";ConcurrentModificationRetryAttempts=2"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(merge)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("DELTA_CONCURRENT_DELETE_READ")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("2D521"));
        }
        assertThat(server.executionCount(merge)).isEqualTo(2);
    }

    @Test
    void otherFailedStatementsRunOnce() throws SQLException {
        server.script(StatementScript.forSql("SELEC 1")
                .fails(SqlError.of("PARSE_SYNTAX_ERROR", "Syntax error at or near 'SELEC'.", "42601")));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELEC 1")).isInstanceOf(SQLException.class);
        }
        server.assertExecutedOnce("SELEC 1");
    }

    // ---------------------------------------------------------------- statement timeout

    @Test
    void withoutAQueryTimeoutTheStatementTimeoutCancelsAndIsHyt00() throws SQLException {
        server.script(StatementScript.forSql("SELECT sleep").runsUntilCancelled());
        try (Connection c = connect(";StatementTimeout=1"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELECT sleep")).isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("StatementTimeout").hasMessageContaining("1 s")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HYT00"));
        }
        assertThat(server.cancelledStatementIds()).containsExactlyElementsOf(server.statementIdsFor("SELECT sleep"));
        // the server was not asked to hold the answer longer than the statement may take
        assertThat(server.statementRequests().get(0).waitTimeout()).isEqualTo("0s");
    }

    @Test
    void aQueryTimeoutWinsOverTheStatementTimeout() throws SQLException {
        server.script(StatementScript.forSql("SELECT sleep").runsUntilCancelled());
        long start = System.nanoTime();
        try (Connection c = connect(";StatementTimeout=30"); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.execute("SELECT sleep")).isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("query timeout of 1 s");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void retriesOfAPollStopAtTheQueryTimeout() throws SQLException {
        server.script(StatementScript.forSql("SELECT slow").runsUntilCancelled());
        // every poll is rate limited for 1 s: five attempts would take four seconds, the query may take two
        server.on(Endpoint.GET_STATEMENT).always().reply(HttpReply.tooManyRequests(1));
        try (Connection c = connect(";WaitTimeout=0"); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            assertThatThrownBy(() -> s.execute("SELECT slow")).isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("query timeout of 2 s");
        }
        assertThat(server.requests(Endpoint.GET_STATEMENT)).hasSizeLessThan(5);
        assertThat(server.cancelledStatementIds()).containsExactlyElementsOf(server.statementIdsFor("SELECT slow"));
    }

    // ---------------------------------------------------------------- circuit breaker

    @Test
    void anOpenBreakerFailsFastWithATransientConnectionExceptionThatPoolsDoNotEvictOn() throws SQLException {
        scriptSelect("SELECT 2");
        try (Connection c = connect(";CircuitBreakerFailureThreshold=2;CircuitBreakerDelay=2"
                + ";InternalErrorRetryAttempts=1")) {
            server.on(Endpoint.EXECUTE_STATEMENT).always().reply(HttpReply.internalError("overloaded"));
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> selectOne(c, "SELECT 2")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("58000"));
            }
            assertThatThrownBy(() -> selectOne(c, "SELECT 2"))
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("circuit breaker for 127.0.0.1:" + server.port() + " is open")
                    .hasMessageContaining("will be tried again at")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("58030"));
            assertThat(server.submissionCount("SELECT 2")).as("nothing sent while open").isEqualTo(2);
            assertThat(c.isClosed()).isFalse();
            // a new connection to the same workspace is refused at once too, as "cannot connect"
            int sessions = server.createdSessionIds().size();
            assertThatThrownBy(() -> connect("").close()).isInstanceOf(SQLTransientConnectionException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
            assertThat(server.createdSessionIds()).hasSize(sessions);
        }
    }

    @Test
    void badResilienceSettingsAre22023NamingTheKey() {
        for (String bad : new String[] {";RateLimitRetryAttempts=0", ";CircuitBreakerSuccessThreshold=0",
                ";StatementPollTimeout=0", ";ChunkFetchTimeout=-1", ";TemporarilyUnavailableRetry=maybe"}) {
            String key = bad.substring(1, bad.indexOf('='));
            assertThatThrownBy(() -> connect(bad).close()).as(bad).isInstanceOf(SQLException.class)
                    .hasMessageContaining(key)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        }
    }
}
