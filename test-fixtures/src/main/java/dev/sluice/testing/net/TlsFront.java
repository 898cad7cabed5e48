package dev.sluice.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Terminates TLS on a loopback port and passes the plain bytes to a plain HTTP server behind it, so that a WireMock
 * based server can be reached over https with the test certificate and only the given protocols.
 */
public final class TlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final int backendPort;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger failedHandshakes = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TlsFront(SSLContext context, int backendPort, String... protocols) throws IOException {
        this.backendPort = backendPort;
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        this.server = s;
        Thread t = new Thread(this::acceptLoop, "tls-front");
        t.setDaemon(true);
        t.start();
    }

    /** @param protocols the server's protocols; none for the JDK defaults */
    public static TlsFront start(SSLContext context, int backendPort, String... protocols) throws IOException {
        return new TlsFront(context, backendPort, protocols);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Completed TLS handshakes. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Handshakes the client broke off or that failed. */
    public int failedHandshakes() {
        return failedHandshakes.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve((SSLSocket) client), "tls-front-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket client) {
        open.add(client);
        try {
            client.startHandshake();
            handshakes.incrementAndGet();
        } catch (IOException e) {
            failedHandshakes.incrementAndGet();
            close(client);
            return;
        }
        try {
            Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            open.add(backend);
            Thread back = new Thread(() -> pipe(backend, client), "tls-front-back");
            back.setDaemon(true);
            back.start();
            pipe(client, backend);
        } catch (IOException e) {
            close(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::close);
    }
}
