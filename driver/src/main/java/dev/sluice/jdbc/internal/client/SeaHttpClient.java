package dev.sluice.jdbc.internal.client;

import dev.sluice.jdbc.internal.resilience.CallKind;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.resilience.Timeouts;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SeaClient} over an {@link HttpTransport}. Every call goes through the connection's {@link Resilience}
 * (error table, retries, the workspace's circuit breaker) with the timeout of its operation: statement submit,
 * status poll, or chunk fetch (chunk GET and download).
 */
public final class SeaHttpClient implements SeaClient {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final String SESSIONS = "/api/2.0/sql/sessions/";
    private static final String STATEMENTS = "/api/2.0/sql/statements/";
    private static final String SESSION_TEMPLATE = SESSIONS + "{session_id}";
    private static final String STATEMENT_TEMPLATE = STATEMENTS + "{statement_id}";
    private static final String CANCEL_TEMPLATE = STATEMENT_TEMPLATE + "/cancel";
    private static final String CHUNK_TEMPLATE = STATEMENT_TEMPLATE + "/result/chunks/{chunk_index}";
    private static final String EXTERNAL_TEMPLATE = "{external_link}";

    /** The operations with a timeout of their own, named as the user configures them. */
    private enum Operation {
        SUBMIT("statement submit", "StatementSubmitTimeout"),
        POLL("status poll", "StatementPollTimeout"),
        CHUNK("chunk fetch", "ChunkFetchTimeout"),
        /** A cancel, which must reach the server even from an interrupted thread. */
        CANCEL("cancel", null),
        /** Closing a session: Connection.close() must not hang on a dead or stalled server. */
        END_SESSION("session close", null),
        OTHER("request", null);

        final String label;
        final String property;

        Operation(String label, String property) {
            this.label = label;
            this.property = property;
        }
    }

    /** The longest a session DELETE may take; it is tried once, as closing must return promptly. */
    static final Duration SESSION_CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final HttpTransport transport;
    private final Resilience resilience;
    private final Timeouts timeouts;

    /**
     * @param transport the connection's transport; closed with this client
     * @param resilience the retry policies and breaker, used by this client only (closing it aborts their waits)
     * @param timeouts the per-operation request timeouts
     */
    public SeaHttpClient(HttpTransport transport, Resilience resilience, Timeouts timeouts) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.resilience = Objects.requireNonNull(resilience, "resilience is null");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts is null");
    }

    /** A client with the default timeouts. */
    public SeaHttpClient(HttpTransport transport, Resilience resilience) {
        this(transport, resilience, Timeouts.DEFAULTS);
    }

    /** A client with {@link Resilience#standard()} (no breaker) and the default timeouts. */
    public SeaHttpClient(HttpTransport transport) {
        this(transport, Resilience.standard());
    }

    /** The transport, for changing the request timeout. */
    public HttpTransport transport() {
        return transport;
    }

    /** The retry policies and breaker of this client. */
    public Resilience resilience() {
        return resilience;
    }

    /** The per-operation timeouts. */
    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public String createSession(String warehouseId, String catalog, String schema, Map<String, String> sessionConfs)
            throws IOException {
        Objects.requireNonNull(warehouseId, "warehouseId is null");
        byte[] body = SeaJson.writeCreateSession(warehouseId, catalog, schema, sessionConfs);
        return SeaJson.readSessionId(call(CallKind.IDEMPOTENT, Operation.OTHER, "POST", SESSIONS, SESSIONS, body, null));
    }

    /**
     * One attempt within {@link #SESSION_CLOSE_TIMEOUT}, no retry waits: a session that could not be closed expires
     * on the server, while a close that retries for seconds blocks a pool's housekeeping or an application's
     * shutdown.
     */
    @Override
    public void deleteSession(String warehouseId, String sessionId) throws IOException {
        String path = SESSIONS + segment(sessionId) + "?warehouse_id=" + segment(warehouseId);
        try {
            call(CallKind.IDEMPOTENT, Operation.END_SESSION, "DELETE", path,
                    SESSION_TEMPLATE + "?warehouse_id={warehouse_id}", null, null, Duration.ZERO);
        } catch (ApiException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
    }

    @Override
    public StatementResponse execute(StatementRequest request) throws IOException {
        return execute(request, null);
    }

    @Override
    public StatementResponse execute(StatementRequest request, Duration budget) throws IOException {
        byte[] body = SeaJson.writeStatementRequest(request);
        return SeaJson.readStatementResponse(call(CallKind.STATEMENT_SUBMIT, Operation.SUBMIT, "POST", STATEMENTS,
                STATEMENTS, body, null, budget));
    }

    @Override
    public StatementResponse get(String statementId) throws IOException {
        return get(statementId, null);
    }

    @Override
    public StatementResponse get(String statementId, Duration budget) throws IOException {
        return SeaJson.readStatementResponse(call(CallKind.IDEMPOTENT, Operation.POLL, "GET",
                STATEMENTS + segment(statementId), STATEMENT_TEMPLATE, null, statementId, budget));
    }

    @Override
    public void cancel(String statementId) throws IOException {
        call(CallKind.IDEMPOTENT, Operation.CANCEL, "POST", STATEMENTS + segment(statementId) + "/cancel",
                CANCEL_TEMPLATE, EMPTY_OBJECT, null);
    }

    @Override
    public void close(String statementId) throws IOException {
        ignoreNotFound("DELETE", STATEMENTS + segment(statementId), STATEMENT_TEMPLATE);
    }

    @Override
    public ResultData chunk(String statementId, int chunkIndex) throws IOException {
        if (chunkIndex < 0) {
            throw new IllegalArgumentException("chunkIndex must be >= 0, got " + chunkIndex);
        }
        return SeaJson.readResultData(call(CallKind.IDEMPOTENT, Operation.CHUNK, "GET",
                STATEMENTS + segment(statementId) + "/result/chunks/" + chunkIndex, CHUNK_TEMPLATE, null,
                statementId));
    }

    @Override
    public byte[] download(ExternalLink link) throws IOException {
        return download(link, null);
    }

    @Override
    public byte[] download(ExternalLink link, ByteBuffer target) throws IOException {
        URI uri = externalUri(link);
        String what = "GET " + EXTERNAL_TEMPLATE;
        // cloud storage is another host: its failures say nothing about the workspace's breaker
        return resilience.callElsewhere(CallKind.IDEMPOTENT, what, () -> {
            LinkDownloader.Response response;
            try {
                response = transport.download(uri, link.httpHeaders(), timeouts.chunk(), target);
            } catch (ResponseTimeoutException e) {
                throw named(e, what, Operation.CHUNK);
            }
            if (response.statusCode() / 100 == 2) {
                return response.body();
            }
            throw ApiErrors.toException(response.statusCode(), response.headers(), response.body(), "GET",
                    EXTERNAL_TEMPLATE, null);
        });
    }

    private static URI externalUri(ExternalLink link) throws IOException {
        try {
            URI uri = new URI(link.url());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new IOException("the external link of chunk " + link.chunkIndex() + " is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            // the exception's text would repeat the signed URL
            throw new IOException("the external link of chunk " + link.chunkIndex() + " is not a valid URI");
        }
    }

    private void ignoreNotFound(String method, String path, String template) throws IOException {
        try {
            call(CallKind.IDEMPOTENT, Operation.OTHER, method, path, template, null, null);
        } catch (ApiException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
    }

    private byte[] call(CallKind kind, Operation operation, String method, String path, String template,
                        byte[] body, String statementId) throws IOException {
        return call(kind, operation, method, path, template, body, statementId, null);
    }

    private byte[] call(CallKind kind, Operation operation, String method, String path, String template,
                        byte[] body, String statementId, Duration budget) throws IOException {
        String what = method + " " + template;
        return resilience.call(kind, what, budget, () -> {
            HttpResponse<byte[]> response;
            try {
                // an interrupted submit is let finish, as its answer holds the id the cancel needs, and so is the
                // cancel an interrupt causes
                response = transport.send(method, path, template, body, timeoutOf(operation),
                        operation == Operation.SUBMIT || operation == Operation.CANCEL);
            } catch (ResponseTimeoutException e) {
                throw named(e, what, operation);
            }
            if (response.statusCode() / 100 == 2) {
                return response.body();
            }
            throw ApiErrors.toException(response.statusCode(), response.headers(), response.body(), method, template,
                    statementId);
        });
    }

    private Duration timeoutOf(Operation operation) {
        return switch (operation) {
            case SUBMIT -> timeouts.submit();
            case POLL -> timeouts.poll();
            case CHUNK -> timeouts.chunk();
            case END_SESSION -> SESSION_CLOSE_TIMEOUT;
            case CANCEL -> Duration.ZERO;
            case OTHER -> Duration.ZERO;
        };
    }

    /** The timeout again, naming the operation and the setting whose limit passed. */
    private ResponseTimeoutException named(ResponseTimeoutException e, String what, Operation operation) {
        Duration own = timeoutOf(operation);
        Duration limit = transport.effectiveTimeout(own);
        boolean ownLimit = operation.property != null && limit.equals(own);
        String source = ownLimit ? operation.property : "SocketTimeout or Connection.setNetworkTimeout";
        return new ResponseTimeoutException(operation.label + " timed out: " + what + " got no response within "
                + limit.toMillis() + " ms (" + source + ")", e);
    }

    /** Percent-encodes an id for use as one path segment or query value. */
    static String segment(String value) {
        Objects.requireNonNull(value, "id is null");
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public void abortDownload(Thread fetchThread) {
        transport.abortDownload(fetchThread);
    }

    @Override
    public void close() {
        resilience.abort();
        transport.close();
    }
}
