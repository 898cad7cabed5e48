package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * The JDK's HttpServer waits for a request line that a TLS handshake never sends, so the handshake used to end
     * only at the connect timeout, three times over (95 s), saying "connect timed out".
     */
    @Test
    void tlsAgainstAPlainHttpPortIs08001SayingSoWithoutRetries() throws Exception {
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger plainRequests = new AtomicInteger();
        plain.createContext("/", exchange -> {
            plainRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        ExecutorService handlers = Executors.newCachedThreadPool();
        // handler threads, as the local warehouse has: the handshake's bytes hold one of them, not the server
        plain.setExecutor(handlers);
        plain.start();
        try {
            SQLException e = sqlFailure(() -> DriverManager.getConnection("jdbc:databricks://127.0.0.1:"
                    + plain.getAddress().getPort() + "/default;ssl=1;ConnectTimeout=20;httpPath=/sql/1.0/warehouses/wh1;"
                    + "AuthMech=3;UID=token;PWD=dapi-x"));
            assertThat(e.getSQLState()).isEqualTo("08001");
            assertThat(e.getMessage()).contains("plain HTTP").contains("ssl=0").doesNotContain("timed out");
            assertThat(plainRequests.get()).as("the one plain request of the check").isEqualTo(1);
        } finally {
            plain.stop(0);
            handlers.shutdownNow();
        }
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

    // ------------------------------------------------- closing from another thread while next() waits for a chunk

    private static final int CHUNK_ROWS = 1000;

    /**
     * A result of two external-link chunks whose second download stalls, read on another thread until next() waits
     * for that chunk; returns the failure of that read.
     */
    private CompletableFuture<SQLException> readUntilStalled(ResultSet rs) throws InterruptedException {
        AtomicLong rows = new AtomicLong();
        CompletableFuture<SQLException> read = CompletableFuture.supplyAsync(() -> {
            try {
                while (rs.next()) {
                    rows.incrementAndGet();
                }
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        while (rows.get() < CHUNK_ROWS && !read.isDone()) {
            Thread.sleep(5);
        }
        // the reader now waits for the stalled chunk (or is about to: either way the outcome is the same)
        Thread.sleep(100);
        return read;
    }

    private void scriptStalledSecondChunk() {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            chunks.add(Chunk.of(CHUNK_ROWS, SyntheticChunks.chunk((long) i * CHUNK_ROWS, CHUNK_ROWS, 256)));
        }
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(Column.list("id BIGINT", "name STRING", "value DOUBLE"), chunks)));
        server.on(Endpoint.DOWNLOAD).forChunk(1).always().delay(Duration.ofSeconds(30));
    }

    @Test
    void closingTheResultSetDuringARead24000ForTheReader() throws Exception {
        scriptStalledSecondChunk();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("wh1")); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT big");
            CompletableFuture<SQLException> read = readUntilStalled(rs);
            rs.close();
            SQLException e = read.get(20, TimeUnit.SECONDS);
            assertThat((Throwable) e).as("the reader's failure").isNotNull();
            assertThat(e.getSQLState()).isEqualTo("24000");
            assertThat(e.getMessage()).contains("closed");
        }
    }

    @Test
    void closingTheConnectionDuringARead08003ForTheReader() throws Exception {
        scriptStalledSecondChunk();
        Connection c = DriverManager.getConnection(server.jdbcUrl("wh1"));
        ResultSet rs = c.createStatement().executeQuery("SELECT big");
        CompletableFuture<SQLException> read = readUntilStalled(rs);
        c.close();
        SQLException e = read.get(20, TimeUnit.SECONDS);
        assertThat((Throwable) e).as("the reader's failure").isNotNull();
        assertThat(e.getSQLState()).isEqualTo("08003");
    }

    /**
     * An interrupt while the submit is on the wire does not abort it: its answer brings the statement id, which is
     * then cancelled. Aborting it, as before, left a statement the server had accepted running with nobody to cancel
     * it.
     */
    @Test
    void anInterruptDuringTheSubmitLetsItFinishAndCancelsTheStatement() throws Exception {
        server.script(StatementScript.forSql("SELECT held").runsUntilCancelled());
        server.on(Endpoint.EXECUTE_STATEMENT).always().delay(Duration.ofSeconds(3));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("wh1")); Statement s = c.createStatement()) {
            CompletableFuture<Thread> runner = new CompletableFuture<>();
            CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
                runner.complete(Thread.currentThread());
                try {
                    s.executeQuery("SELECT held").close();
                    return null;
                } catch (SQLException e) {
                    return e;
                } finally {
                    Thread.interrupted();
                }
            });
            Thread thread = runner.get(10, TimeUnit.SECONDS);
            // well inside the 3 s the submit is held on the server
            Thread.sleep(500);
            thread.interrupt();
            SQLException e = run.get(20, TimeUnit.SECONDS);
            assertThat((Throwable) e).as("the interrupted statement's failure").isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");
        }
        assertThat(server.statementIdsFor("SELECT held")).singleElement()
                .satisfies(id -> assertThat(server.cancelledStatementIds()).contains(id));
    }
}
