package dev.sluice.testing.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small forward proxy for tests: {@code CONNECT} tunnels and plain {@code http} requests in absolute form,
 * optionally requiring Basic credentials (407 otherwise). It records every request head it received and forwards
 * plain requests without {@code Proxy-*} headers and with {@code Connection: close}, as a proxy should.
 */
public final class TestProxy implements AutoCloseable {
    /** CR LF CR LF as the last four bytes read. */
    private static final int END_OF_HEAD = 0x0D0A0D0A;

    /** One request the proxy received. */
    public record Seen(String method, String target, String proxyAuthorization, boolean accepted) {
    }

    private final String expected;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Relay relay;

    private TestProxy(String user, String password) throws IOException {
        this.expected = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.relay = new Relay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "test-proxy");
        relay.start(this::serve);
    }

    /** @param user null for a proxy that asks for no credentials */
    public static TestProxy start(String user, String password) throws IOException {
        return new TestProxy(user, password);
    }

    public int port() {
        return relay.port();
    }

    public List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    private void serve(Socket client) {
        try {
            String head = readHead(client.getInputStream());
            if (head == null) {
                relay.close(client);
                return;
            }
            String[] lines = head.split("\r\n");
            String[] request = lines[0].split(" ");
            String authorization = null;
            List<String> forwarded = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).strip()
                        .toLowerCase(Locale.ROOT);
                if (name.equals("proxy-authorization")) {
                    authorization = lines[i].substring(lines[i].indexOf(':') + 1).strip();
                } else if (!name.startsWith("proxy-") && !name.equals("connection") && !name.isEmpty()) {
                    forwarded.add(lines[i]);
                }
            }
            boolean accepted = expected == null || expected.equals(authorization);
            seen.add(new Seen(request[0], request[1], authorization, accepted));
            OutputStream toClient = client.getOutputStream();
            if (!accepted) {
                toClient.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\""
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
                relay.close(client);
                return;
            }
            Socket upstream;
            if (request[0].equals("CONNECT")) {
                int colon = request[1].lastIndexOf(':');
                upstream = new Socket(request[1].substring(0, colon), Integer.parseInt(request[1].substring(colon + 1)));
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
            } else {
                URI uri = URI.create(request[1]);
                upstream = new Socket(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
                StringBuilder out = new StringBuilder(request[0]).append(' ').append(uri.getRawPath())
                        .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ')
                        .append(request[2]).append("\r\n");
                forwarded.forEach(h -> out.append(h).append("\r\n"));
                out.append("Connection: close\r\n\r\n");
                upstream.getOutputStream().write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
            relay.splice(client, upstream);
        } catch (IOException | RuntimeException e) {
            relay.close(client);
        }
    }

    /**
     * Reads up to and including the blank line, byte by byte so that no tunnel byte is consumed; null if the client
     * closed first. Written apart from the driver's own reader so that a test of the driver never shares its bug.
     */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            lastFour = lastFour << 8 | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
