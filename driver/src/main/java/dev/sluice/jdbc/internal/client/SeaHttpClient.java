package dev.sluice.jdbc.internal.client;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** {@link SeaClient} over an {@link HttpTransport}, with a {@link RetryPolicy} that it owns. */
public final class SeaHttpClient implements SeaClient {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final String SESSIONS = "/api/2.0/sql/sessions/";
    private static final String STATEMENTS = "/api/2.0/sql/statements/";
    private static final String SESSION_TEMPLATE = SESSIONS + "{session_id}";
    private static final String STATEMENT_TEMPLATE = STATEMENTS + "{statement_id}";
    private static final String CANCEL_TEMPLATE = STATEMENT_TEMPLATE + "/cancel";
    private static final String CHUNK_TEMPLATE = STATEMENT_TEMPLATE + "/result/chunks/{chunk_index}";
    private static final String EXTERNAL_TEMPLATE = "{external_link}";

    private final HttpTransport transport;
    private final RetryPolicy retry;

    /**
     * @param transport the connection's transport; closed with this client
     * @param retry the retry policy, used by this client only (closing the client aborts its waits)
     */
    public SeaHttpClient(HttpTransport transport, RetryPolicy retry) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.retry = Objects.requireNonNull(retry, "retry is null");
    }

    /** A client with {@link RetryPolicy#standard()}. */
    public SeaHttpClient(HttpTransport transport) {
        this(transport, RetryPolicy.standard());
    }

    /** The transport, for changing the request timeout. */
    public HttpTransport transport() {
        return transport;
    }

    @Override
    public String createSession(String warehouseId, String catalog, String schema, Map<String, String> sessionConfs)
            throws IOException {
        Objects.requireNonNull(warehouseId, "warehouseId is null");
        byte[] body = SeaJson.writeCreateSession(warehouseId, catalog, schema, sessionConfs);
        return SeaJson.readSessionId(call(RetryPolicy.Kind.IDEMPOTENT, "POST", SESSIONS, SESSIONS, body, null));
    }

    @Override
    public void deleteSession(String warehouseId, String sessionId) throws IOException {
        String path = SESSIONS + segment(sessionId) + "?warehouse_id=" + segment(warehouseId);
        ignoreNotFound("DELETE", path, SESSION_TEMPLATE + "?warehouse_id={warehouse_id}");
    }

    @Override
    public StatementResponse execute(StatementRequest request) throws IOException {
        byte[] body = SeaJson.writeStatementRequest(request);
        return SeaJson.readStatementResponse(
                call(RetryPolicy.Kind.STATEMENT_SUBMIT, "POST", STATEMENTS, STATEMENTS, body, null));
    }

    @Override
    public StatementResponse get(String statementId) throws IOException {
        return SeaJson.readStatementResponse(call(RetryPolicy.Kind.IDEMPOTENT, "GET",
                STATEMENTS + segment(statementId), STATEMENT_TEMPLATE, null, statementId));
    }

    @Override
    public void cancel(String statementId) throws IOException {
        call(RetryPolicy.Kind.IDEMPOTENT, "POST", STATEMENTS + segment(statementId) + "/cancel", CANCEL_TEMPLATE,
                EMPTY_OBJECT, null);
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
        return SeaJson.readResultData(call(RetryPolicy.Kind.IDEMPOTENT, "GET",
                STATEMENTS + segment(statementId) + "/result/chunks/" + chunkIndex, CHUNK_TEMPLATE, null,
                statementId));
    }

    @Override
    public byte[] download(ExternalLink link) throws IOException {
        URI uri = externalUri(link);
        return retry.execute(RetryPolicy.Kind.IDEMPOTENT, "GET " + EXTERNAL_TEMPLATE, () -> {
            LinkDownloader.Response response = transport.download(uri, link.httpHeaders());
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
            call(RetryPolicy.Kind.IDEMPOTENT, method, path, template, null, null);
        } catch (ApiException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
    }

    private byte[] call(RetryPolicy.Kind kind, String method, String path, String template, byte[] body,
                        String statementId) throws IOException {
        return retry.execute(kind, method + " " + template, () -> {
            HttpResponse<byte[]> response = transport.send(method, path, template, body);
            if (response.statusCode() / 100 == 2) {
                return response.body();
            }
            throw ApiErrors.toException(response.statusCode(), response.headers(), response.body(), method, template,
                    statementId);
        });
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
        retry.abort();
        transport.close();
    }
}
