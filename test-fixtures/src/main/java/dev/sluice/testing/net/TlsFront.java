package dev.sluice.testing.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Terminates TLS on a loopback port and passes the plain bytes to a plain HTTP server behind it, so that a WireMock
 * based server can be reached over https with the test certificate and only the given protocols.
 */
public final class TlsFront implements AutoCloseable {
    private final Relay relay;
    private final int backendPort;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger failedHandshakes = new AtomicInteger();

    private TlsFront(SSLContext context, int backendPort, String... protocols) throws IOException {
        this.backendPort = backendPort;
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        this.relay = new Relay(s, "tls-front");
        relay.start(this::serve);
    }

    /** @param protocols the server's protocols; none for the JDK defaults */
    public static TlsFront start(SSLContext context, int backendPort, String... protocols) throws IOException {
        return new TlsFront(context, backendPort, protocols);
    }

    public int port() {
        return relay.port();
    }

    /** Completed TLS handshakes. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Handshakes the client broke off or that failed. */
    public int failedHandshakes() {
        return failedHandshakes.get();
    }

    private void serve(Socket socket) {
        SSLSocket client = (SSLSocket) socket;
        try {
            client.startHandshake();
            handshakes.incrementAndGet();
        } catch (IOException e) {
            failedHandshakes.incrementAndGet();
            relay.close(client);
            return;
        }
        try {
            relay.splice(client, new Socket(InetAddress.getLoopbackAddress(), backendPort));
        } catch (IOException e) {
            relay.close(client);
        }
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
