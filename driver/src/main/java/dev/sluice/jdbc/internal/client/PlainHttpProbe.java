package dev.sluice.jdbc.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tells whether a port speaks plain HTTP. A TLS client that reaches such a port sends its handshake to a server
 * that may wait for a request line for ever (the JDK's own HttpServer does), so the connection fails only when the
 * connect timeout passes, as if the host were unreachable. One plain request on a connection of its own says what
 * is wrong instead.
 */
final class PlainHttpProbe {
    private static final byte[] REQUEST = "HEAD / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    private PlainHttpProbe() {
    }

    /** True when the port answered a plain HTTP request with an HTTP status line within {@code timeout}. */
    static boolean speaksPlainHttp(String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(REQUEST);
            out.flush();
            InputStream in = socket.getInputStream();
            for (byte expected : ANSWER) {
                if (in.read() != expected) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
