package dev.sluice.jdbc.internal.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Where simulation meets the transport: every API exchange and every external-link download of a connection
 * passes through one seam, which may let it reach the network (and keep a copy) or answer it by itself. All REST
 * clients share the transport, so a seam covers them all without knowing any of them.
 */
public interface TransportSeam extends Closeable {

    /** Status, headers and body of an answer, whoever gave it. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    /** The real exchange, run only when the seam asks for it. */
    @FunctionalInterface
    interface Live {
        Answer run() throws IOException;
    }

    /**
     * An API request.
     *
     * @param pathAndQuery path and query, starting with {@code /}
     * @param body the JSON body, or null
     * @param live the network exchange
     */
    Answer send(String method, String pathAndQuery, byte[] body, Live live) throws IOException;

    /**
     * An external-link download.
     *
     * @param url the pre-signed URL; its query is a secret
     * @param headers the link's headers; secrets too
     */
    Answer download(URI url, Map<String, String> headers, Live live) throws IOException;

    /** Status, headers and body of a streamed answer; whoever reads the body closes it. */
    record Streamed(int status, HttpHeaders headers, InputStream body) {
    }

    /** The real streamed exchange, sending the body the seam passes (the caller's, or one that watches it). */
    @FunctionalInterface
    interface LiveStream {
        Streamed run(HttpRequest.BodyPublisher body) throws IOException;
    }

    /**
     * A request whose body and answer are streamed, never whole in memory: the Files API, and the pre-signed URLs
     * of the SQL {@code PUT}/{@code GET} volume commands.
     *
     * @param pathAndQuery path and query of an API call; for a pre-signed URL ({@code external}) its path only,
     *     the query being a secret
     * @param range the request's {@code Range} header, or null: it selects the answer
     * @param body the body, or null for none
     */
    Streamed stream(String method, String pathAndQuery, boolean external, String range,
                    HttpRequest.BodyPublisher body, LiveStream live) throws IOException;

    /** Called when the transport closes; idempotent. */
    @Override
    void close();
}
