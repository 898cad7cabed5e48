package dev.sluice.jdbc.internal.client;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

/**
 * The Statement Execution API as the JDBC layer sees it: sessions, submit, poll, chunks, downloads, cancel, close.
 * Knows nothing of JDBC. Implementations are thread-safe.
 *
 * <p>Every method throws {@link ApiException} for a non-2xx answer, {@link TransportException} for a network
 * failure, {@link java.io.InterruptedIOException} when interrupted, and {@link IOException} for a malformed response
 * or a closed client.
 */
public interface SeaClient extends Closeable {
    /**
     * Opens a SQL session ({@code POST /api/2.0/sql/sessions/}).
     *
     * @param catalog default catalog, or null
     * @param schema default schema, or null
     * @param sessionConfs session configuration, or null/empty for none
     * @return the session id
     * @throws IOException as described on the interface
     */
    String createSession(String warehouseId, String catalog, String schema, Map<String, String> sessionConfs)
            throws IOException;

    /**
     * Closes a session ({@code DELETE /api/2.0/sql/sessions/{id}?warehouse_id=...}); a session the server no longer
     * knows (404) counts as closed.
     *
     * @throws IOException as described on the interface
     */
    void deleteSession(String warehouseId, String sessionId) throws IOException;

    /**
     * Submits a statement ({@code POST /api/2.0/sql/statements/}). Repeated only when the server proves it did not
     * accept it. An execution failure is a response with state FAILED, not an exception.
     *
     * @throws IOException as described on the interface
     */
    StatementResponse execute(StatementRequest request) throws IOException;

    /**
     * Polls a statement ({@code GET /api/2.0/sql/statements/{id}}).
     *
     * @throws StatementGoneException when the server no longer knows the statement (404)
     * @throws IOException as described on the interface
     */
    StatementResponse get(String statementId) throws IOException;

    /**
     * As {@link #get(String)}, but no retry wait is started that would end after {@code budget}: a poll must not
     * outlast the statement's own time limit.
     *
     * @param budget the time left, or null for the client's own limits only
     * @throws IOException as {@link #get(String)}
     */
    default StatementResponse get(String statementId, Duration budget) throws IOException {
        return get(statementId);
    }

    /**
     * As {@link #execute(StatementRequest)}, but no retry wait is started that would end after {@code budget}.
     *
     * @param budget the time left, or null for the client's own limits only
     * @throws IOException as {@link #execute(StatementRequest)}
     */
    default StatementResponse execute(StatementRequest request, Duration budget) throws IOException {
        return execute(request);
    }

    /**
     * Asks the server to cancel ({@code POST .../{id}/cancel}); only polling tells whether it did.
     *
     * @throws IOException as described on the interface
     */
    void cancel(String statementId) throws IOException;

    /**
     * Closes a statement and frees its results ({@code DELETE .../{id}}); a statement already gone (404) counts as
     * closed.
     *
     * @throws IOException as described on the interface
     */
    void close(String statementId) throws IOException;

    /**
     * Fetches one chunk's data or fresh links ({@code GET .../{id}/result/chunks/{i}}).
     *
     * @throws StatementGoneException when the server no longer knows the statement (404)
     * @throws IOException as described on the interface
     */
    ResultData chunk(String statementId, int chunkIndex) throws IOException;

    /**
     * Downloads an external link: plain GET, no Authorization, the link's {@code http_headers}.
     *
     * @return the response body
     * @throws ApiException for a non-2xx answer (its message never holds the URL)
     * @throws IOException as described on the interface
     */
    byte[] download(ExternalLink link) throws IOException;

    /**
     * As {@link #download(ExternalLink)}, reading the body into {@code target} when it fits there.
     *
     * @param target a buffer to read the body into, from position 0
     * @return null when the body is in {@code target} (flipped: position 0, limit its length); else the body as
     *     an array, {@code target} left unspecified
     */
    default byte[] download(ExternalLink link, ByteBuffer target) throws IOException {
        byte[] body = download(link);
        return DirectChunkPool.fill(target, body) ? null : body;
    }

    /**
     * Stops the external-link download that {@code fetchThread} is running, if any: a blocked socket read does
     * not notice an interrupt. The interrupted download fails with an IOException.
     */
    default void abortDownload(Thread fetchThread) {
    }

    /** Ends retry waits and releases the HTTP client; calls after this fail. */
    @Override
    void close();
}
