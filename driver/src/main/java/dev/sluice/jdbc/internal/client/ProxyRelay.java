package dev.sluice.jdbc.internal.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the JDK HttpClient tunnel through a proxy that wants Basic credentials. The HttpClient will not send Basic
 * credentials on a CONNECT (see {@link ProxyTunnel}), so it is pointed at this relay on the loopback interface
 * instead, and the relay opens the real tunnel with {@link ProxyTunnel} and then copies bytes both ways. TLS still
 * runs end to end between the HttpClient and the server: the relay sees only ciphertext.
 *
 * <p>Other local processes could reach the relay, so every CONNECT must carry
 * {@code Proxy-Authorization: Bearer <key>} with this relay's random key; the HttpClient sends that header (it
 * refuses only Basic) on the CONNECT and never inside the tunnel. A failed tunnel is answered with 502 and the
 * reason is kept for {@link #lastFailure()}, so that the caller can report the proxy's refusal rather than the
 * HttpClient's bare "Tunnel failed".
 */
final class ProxyRelay implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyRelay.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int MAX_HEAD = 16 * 1024;

    private final ProxySettings settings;
    private final int timeoutMillis;
    private final String key;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final String name;
    private volatile ConnectFailedException lastFailure;
    private volatile boolean closed;

    /**
     * Starts listening on an ephemeral loopback port.
     *
     * @param timeoutMillis connect and response timeout towards the proxy
     */
    ProxyRelay(ProxySettings settings, int timeoutMillis) throws IOException {
        this.settings = settings;
        this.timeoutMillis = timeoutMillis;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.name = "sluice-proxy-relay-" + IDS.incrementAndGet();
        Thread acceptor = new Thread(this::acceptLoop, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where the HttpClient should send its CONNECT. */
    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** The {@code Proxy-Authorization} value every request through the relay must carry. */
    String authorization() {
        return "Bearer " + key;
    }

    /** Why the last tunnel failed, or null. */
    ConnectFailedException lastFailure() {
        return lastFailure;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), name + "-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("proxy relay accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            client.setSoTimeout(timeoutMillis);
            String[] target = readConnect(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            if (target == null) {
                toClient.write(response("403 Forbidden"));
                return;
            }
            int port = Integer.parseInt(target[1]);
            InetSocketAddress proxy = settings.proxyFor(URI.create("https://" + target[0] + ":" + port));
            if (proxy == null) {
                toClient.write(response("403 Forbidden"));
                return;
            }
            try {
                ProxyTunnel.open(upstream, proxy, target[0], port, settings, timeoutMillis);
            } catch (ConnectFailedException e) {
                lastFailure = e;
                toClient.write(response("502 Bad Gateway"));
                return;
            }
            lastFailure = null;
            client.setSoTimeout(0);
            toClient.write(response("200 Connection established"));
            toClient.flush();
            Thread back = new Thread(() -> copy(upstream, client), name + "-down");
            back.setDaemon(true);
            back.start();
            copy(client, upstream);
        } catch (IOException | RuntimeException e) {
            LOG.debug("proxy relay tunnel ended: {}", e.toString());
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** host and port of a well-formed CONNECT that carries this relay's key; null otherwise. */
    private String[] readConnect(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] request = lines[0].split(" ");
        if (request.length != 3 || !"CONNECT".equals(request[0])) {
            return null;
        }
        boolean authorized = false;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("proxy-authorization")) {
                authorized = MessageDigest.isEqual(line.substring(colon + 1).strip().getBytes(StandardCharsets.UTF_8),
                        authorization().getBytes(StandardCharsets.UTF_8));
            }
        }
        int colon = request[1].lastIndexOf(':');
        if (!authorized || colon <= 0) {
            return null;
        }
        String host = request[1].substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new String[] {host, request[1].substring(colon + 1)};
    }

    private static byte[] response(String status) {
        return ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[32 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed; closing both ends below ends the opposite copy too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Stops accepting and cuts every tunnel. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    @Override
    public String toString() {
        return "ProxyRelay[" + address() + " -> " + settings + "]";
    }
}
