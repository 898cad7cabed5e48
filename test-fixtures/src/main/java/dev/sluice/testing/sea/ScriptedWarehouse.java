package dev.sluice.testing.sea;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/**
 * A scripted Databricks SQL Statement Execution server on loopback, for tests of clients that speak the
 * protocol of protocol.md §1, §3 and §7: sessions, statements with every response shape, polling, cancel,
 * close, result chunks and external-link downloads, HTTP errors and connection faults. Every request is
 * recorded before it is answered, so tests can assert what the client sent and did.
 *
 * <pre>{@code
 * try (ScriptedWarehouse warehouse = ScriptedWarehouse.start()) {
 *     warehouse.script(StatementScript.forSql("SELECT 1 AS one")
 *             .succeeds(Result.jsonRows(Column.list("one INT"), List.of(Result.row("1")))));
 *     try (Connection connection = DriverManager.getConnection(warehouse.jdbcUrl("wh1"))) {
 *         ... run "SELECT 1 AS one" ...
 *     }
 *     warehouse.assertExecutedOnce("SELECT 1 AS one");
 *     assertThat(warehouse.closedStatementIds()).containsExactlyElementsOf(warehouse.statementIds());
 * }
 * }</pre>
 *
 * <p>Behaviour worth knowing:
 * <ul>
 *   <li>Scripts and intercepts: the most recently registered match wins (as in WireMock); a statement no script
 *       matches is answered 400 INVALID_PARAMETER_VALUE naming the SQL, unless {@link #scriptFallback} is set.</li>
 *   <li>Validation as the real server: the POST body must be a JSON object with {@code statement} and
 *       {@code warehouse_id} (any warehouse id is accepted), {@code wait_timeout} {@code 0s} or {@code 5s..50s},
 *       known enum values, no INLINE + CSV; else 400 INVALID_PARAMETER_VALUE. A {@code session_id} that was not
 *       created here, or was deleted, is answered 404 RESOURCE_DOES_NOT_EXIST (the real code is unconfirmed).</li>
 *   <li>Authentication: paths under {@code /api/} need {@code Authorization: Bearer <token>}; without it 401 with
 *       {@code WWW-Authenticate: Bearer realm="DatabricksRealm"}, with another token 403, both with the integer
 *       {@code error_code} bodies of §3. Downloads refuse any Authorization header (400, as cloud storage does).</li>
 *   <li>After {@code DELETE /statements/{id}}, GET answers 200 {@code CLOSED}; chunk GETs answer 404. Links
 *       already issued stay downloadable until they expire, as pre-signed URLs do.</li>
 *   <li>Unknown paths answer 404 {@code ENDPOINT_NOT_FOUND} without authentication (OIDC discovery, the official
 *       driver's {@code /.well-known/databricks-config}).</li>
 * </ul>
 * Thread-safe. WireMock's own logging and request journal are off.
 */
public final class ScriptedWarehouse implements AutoCloseable {

    /** The token the server expects until {@link #expectToken} or {@link #acceptAnyToken} says otherwise. */
    public static final String DEFAULT_TOKEN = "dapi-scripted-warehouse-token";

    private static final String LOOPBACK = "127.0.0.1";

    private final Journal journal = new Journal();
    private final Intercepts intercepts = new Intercepts();
    private final ScriptBook scripts = new ScriptBook();
    private final Sessions sessions = new Sessions();
    private final Statements statements = new Statements();
    private final Links links = new Links();
    private final Pauses pauses = new Pauses();
    private final Dispatcher.Authentication authentication = new Dispatcher.Authentication();
    private final WireMockServer server;
    private final int port;

    private ScriptedWarehouse() {
        StatementEndpoints endpoints = new StatementEndpoints(scripts, statements, sessions,
                new ResponseBodies(links), pauses);
        Dispatcher dispatcher = new Dispatcher(journal, intercepts, sessions, statements, endpoints, links, pauses,
                authentication);
        authentication.expectedToken(DEFAULT_TOKEN);
        server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress(LOOPBACK)
                .http2PlainDisabled(true)
                .containerThreads(64)
                .notifier(new QuietNotifier())
                .disableRequestJournal()
                .maxLoggedResponseSize(0) // no second copy of every chunk download for a journal nobody reads
                .stubRequestLoggingDisabled(true)
                .templatingEnabled(false)
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .extensions(dispatcher));
        server.start();
        port = server.port();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
        links.baseUrl(baseUrl());
    }

    /** Starts a server on a free loopback port. */
    public static ScriptedWarehouse start() {
        return new ScriptedWarehouse();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + port();
    }

    /** The loopback address the server listens on. */
    public String host() {
        return LOOPBACK;
    }

    /** The port the server listens on (still answered after {@link #close()}, for messages). */
    public int port() {
        return port;
    }

    /**
     * A JDBC URL for this server: {@code jdbc:databricks://127.0.0.1:<port>/default;ssl=0;AuthMech=3;UID=token;}
     * {@code PWD=<token>;httpPath=/sql/1.0/warehouses/<warehouseId>}.
     */
    public String jdbcUrl(String warehouseId, String token) {
        return "jdbc:databricks://" + LOOPBACK + ":" + port() + "/default;ssl=0;AuthMech=3;UID=token;PWD=" + token
                + ";httpPath=/sql/1.0/warehouses/" + warehouseId;
    }

    /** {@link #jdbcUrl(String, String)} with the expected token; {@link #DEFAULT_TOKEN} when any token is accepted. */
    public String jdbcUrl(String warehouseId) {
        String expected = authentication.expectedToken();
        return jdbcUrl(warehouseId, expected == null ? DEFAULT_TOKEN : expected);
    }

    // ---------------------------------------------------------------- configuration

    /** Accepts only this bearer token on API paths (others get 403). */
    public ScriptedWarehouse expectToken(String token) {
        authentication.expectedToken(Objects.requireNonNull(token, "token is null"));
        return this;
    }

    /** Accepts any bearer token; requests without one still get 401. */
    public ScriptedWarehouse acceptAnyToken() {
        authentication.expectedToken(null);
        return this;
    }

    /** Whether API paths need a bearer token at all (default true). */
    public ScriptedWarehouse requireAuthorization(boolean required) {
        authentication.required(required);
        return this;
    }

    // ---------------------------------------------------------------- scripting

    /** Registers a statement script; it takes precedence over scripts registered before it. */
    public ScriptedWarehouse script(StatementScript script) {
        scripts.add(Objects.requireNonNull(script, "script is null"));
        return this;
    }

    /** The script for statements no registered script matches (its matcher and {@code times} are ignored). */
    public ScriptedWarehouse scriptFallback(StatementScript script) {
        scripts.fallback(Objects.requireNonNull(script, "script is null"));
        return this;
    }

    /** Starts an intercept for requests to these endpoints. */
    public InterceptBuilder on(Endpoint endpoint, Endpoint... more) {
        return new InterceptBuilder(this, intercepts, EnumSet.of(endpoint, more));
    }

    /** Starts an intercept for every request. */
    public InterceptBuilder onAnyRequest() {
        return new InterceptBuilder(this, intercepts, EnumSet.noneOf(Endpoint.class));
    }

    /**
     * Forgets scripts, intercepts, recordings, sessions and statements, wakes held requests, and restores the
     * default authentication ({@link #DEFAULT_TOKEN} required). The port stays the same.
     */
    public void reset() {
        pauses.wakeAll();
        scripts.clear();
        intercepts.clear();
        journal.clear();
        sessions.clear();
        statements.clear();
        links.clear();
        authentication.required(true);
        authentication.expectedToken(DEFAULT_TOKEN);
    }

    /** Stops the server; held requests end at once. */
    @Override
    public void close() {
        pauses.close();
        server.stop();
    }

    // ---------------------------------------------------------------- recordings

    /** Every request received, in arrival order (including intercepted and refused ones). */
    public List<RecordedRequest> requests() {
        return journal.all();
    }

    /** The requests to these endpoints, in arrival order. */
    public List<RecordedRequest> requests(Endpoint endpoint, Endpoint... more) {
        EnumSet<Endpoint> wanted = EnumSet.of(endpoint, more);
        return journal.filter(request -> wanted.contains(request.endpoint()));
    }

    /**
     * The requests to this endpoint once at least {@code count} have arrived: a driver may send some off its
     * caller's path. Waits at most 30 seconds, then returns what there is.
     */
    public List<RecordedRequest> requests(Endpoint endpoint, int count) {
        try {
            journal.await(request -> request.endpoint() == endpoint, count, 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return requests(endpoint);
    }

    /** Ends the delays ({@link InterceptBuilder#delay}) of the requests that arrived before now. */
    public void releaseHeld() {
        pauses.wakeAll();
    }

    /** The requests whose whole path (without query) matches the regular expression. */
    public List<RecordedRequest> requestsTo(String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return journal.filter(request -> pattern.matcher(request.path()).matches());
    }

    /** The bodies of every statement POST received, in order, whether or not it was accepted. */
    public List<StatementRequest> statementRequests() {
        return journal.filter(request -> request.endpoint() == Endpoint.EXECUTE_STATEMENT).stream()
                .map(StatementRequest::new)
                .toList();
    }

    /** The sessions created, in order, with what the client sent. */
    public List<SessionRequest> sessionRequests() {
        return sessions.requests();
    }

    /** Ids of the sessions created, in order. */
    public List<String> createdSessionIds() {
        return sessions.createdIds();
    }

    /** Ids of the sessions deleted, in order (only deletes that the server accepted). */
    public List<String> deletedSessionIds() {
        return sessions.deletedIds();
    }

    /** Ids of the statements created, in order. */
    public List<String> statementIds() {
        return statements.ids();
    }

    /** Ids of the statements created for exactly this SQL text, in order. */
    public List<String> statementIdsFor(String sql) {
        return statements.idsFor(sql);
    }

    /** Statement ids whose cancel the server accepted, in order (a cancel that lost the race still counts). */
    public List<String> cancelledStatementIds() {
        return statements.cancelled();
    }

    /** Statement ids whose close (DELETE) the server accepted, in order. */
    public List<String> closedStatementIds() {
        return statements.closed();
    }

    /**
     * The statement closes accepted once there are at least {@code count} of them: a driver may send a close off
     * its caller's path (a result read to its end). Waits at most 30 seconds, then returns what there is.
     */
    public List<String> closedStatementIds(int count) {
        try {
            statements.awaitClosed(count, 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return statements.closed();
    }

    /** The state a statement is in now, without counting as a poll; empty for an unknown id. */
    public Optional<StatementState> stateOf(String statementId) {
        RunningStatement statement = statements.get(statementId);
        return statement == null ? Optional.empty() : Optional.of(statement.current());
    }

    /** How many statement POSTs carried exactly this SQL text, accepted or not (retries included). */
    public int submissionCount(String sql) {
        return journal.count(request -> request.endpoint() == Endpoint.EXECUTE_STATEMENT
                && request.json() != null && sql.equals(request.json().get("statement")));
    }

    /** How many statements the server created for exactly this SQL text: what would have run. */
    public int executionCount(String sql) {
        return statements.idsFor(sql).size();
    }

    /** Fails unless exactly one statement was created for this SQL text. */
    public void assertExecutedOnce(String sql) {
        Assertions.assertEquals(1, executionCount(sql),
                () -> "executions of [" + sql + "] (" + submissionCount(sql) + " submissions)");
    }

    /** How many chunk GETs named this chunk index, for any statement (attempts, intercepted ones included). */
    public int chunkFetchCount(int chunkIndex) {
        return countChunkRequests(Endpoint.GET_CHUNK, null, chunkIndex);
    }

    /** How many chunk GETs named this statement and chunk index. */
    public int chunkFetchCount(String statementId, int chunkIndex) {
        return countChunkRequests(Endpoint.GET_CHUNK, statementId, chunkIndex);
    }

    /** How many downloads of external links for this chunk index arrived, for any statement (attempts). */
    public int downloadCount(int chunkIndex) {
        return countChunkRequests(Endpoint.DOWNLOAD, null, chunkIndex);
    }

    /** How many downloads of external links for this statement and chunk index arrived (attempts). */
    public int downloadCount(String statementId, int chunkIndex) {
        return countChunkRequests(Endpoint.DOWNLOAD, statementId, chunkIndex);
    }

    @Override
    public String toString() {
        return "ScriptedWarehouse[" + baseUrl() + "]";
    }

    private int countChunkRequests(Endpoint endpoint, String statementId, int chunkIndex) {
        return journal.count(request -> request.endpoint() == endpoint
                && request.chunkIndex().orElse(-1) == chunkIndex
                && (statementId == null || statementId.equals(request.statementId())));
    }
}
