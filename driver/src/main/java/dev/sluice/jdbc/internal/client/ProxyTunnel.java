package dev.sluice.jdbc.internal.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Opens a tunnel through an HTTP proxy with {@code CONNECT host:port}, sending Basic credentials up front. The JDK
 * clients refuse to send Basic credentials on a CONNECT unless the JVM-wide
 * {@code jdk.http.auth.tunneling.disabledSchemes} is changed, which a driver must not do; writing the CONNECT
 * ourselves keeps the credentials per connection and sends them to the proxy only.
 */
final class ProxyTunnel {
    /** Longest proxy response head read; a proxy answering more is broken. */
    private static final int MAX_HEAD = 16 * 1024;

    private ProxyTunnel() {
    }

    /**
     * Connects {@code socket} to the proxy and establishes the tunnel to {@code host:port}; afterwards the socket
     * carries the bytes of the target connection.
     *
     * @param proxy the proxy (may be unresolved)
     * @param timeoutMillis connect and response timeout; 0 for none
     * @throws ConnectFailedException when the proxy cannot be reached or refuses the tunnel (naming the proxy, the
     *     target and the status, never the credentials)
     */
    static void open(Socket socket, InetSocketAddress proxy, String host, int port, ProxySettings settings,
                     int timeoutMillis) throws IOException {
        try {
            socket.connect(new InetSocketAddress(proxy.getHostString(), proxy.getPort()), timeoutMillis);
        } catch (IOException e) {
            throw unreachable(proxy, e);
        }
        handshake(socket, proxy, host, port, settings, timeoutMillis);
    }

    /** The proxy cannot be reached. */
    static ConnectFailedException unreachable(InetSocketAddress proxy, IOException e) {
        return new ConnectFailedException("cannot connect to the proxy " + proxy.getHostString() + ":"
                + proxy.getPort() + " (" + e.getClass().getSimpleName() + ")", e);
    }

    /** Sends the CONNECT over {@code socket}, already connected to the proxy, and checks the answer. */
    static void handshake(Socket socket, InetSocketAddress proxy, String host, int port, ProxySettings settings,
                          int timeoutMillis) throws IOException {
        String name = proxy.getHostString() + ":" + proxy.getPort();
        String target = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        int status;
        try {
            socket.setSoTimeout(timeoutMillis);
            StringBuilder request = new StringBuilder()
                    .append("CONNECT ").append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(target).append("\r\n");
            String authorization = settings.authorization();
            if (authorization != null) {
                request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            status = statusOf(readHead(socket.getInputStream()));
            socket.setSoTimeout(0);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new ConnectFailedException("the proxy " + name + " did not answer CONNECT " + target + " in time", e);
        } catch (IOException e) {
            socket.close();
            throw new ConnectFailedException("the proxy " + name + " broke off CONNECT " + target + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (status / 100 != 2) {
            socket.close();
            throw new ConnectFailedException(refusal(name, target, status, settings), null, true);
        }
    }

    /** Why a proxy refused a tunnel, in words a user can act on. */
    static String refusal(String proxy, String target, int status, ProxySettings settings) {
        if (status == 407) {
            return settings.authenticates()
                    ? "the proxy " + proxy + " refused the credentials of proxy user '" + settings.user()
                            + "' (HTTP 407)"
                    : "the proxy " + proxy + " requires authentication (HTTP 407): set ProxyAuth=1, ProxyUID and"
                            + " ProxyPwd";
        }
        return "the proxy " + proxy + " refused CONNECT " + target + " (HTTP " + status + ")";
    }

    /** Reads up to and including the blank line, byte by byte so that no tunnel byte is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the proxy closed the connection");
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("the proxy's response head is too long");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int statusOf(String head) throws IOException {
        // "HTTP/1.1 200 Connection established"
        String[] parts = head.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("the proxy did not answer with HTTP");
        }
        try {
            return Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new IOException("the proxy answered with an invalid status line");
        }
    }
}
