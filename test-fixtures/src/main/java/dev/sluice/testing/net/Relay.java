package dev.sluice.testing.net;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The socket plumbing the loopback test servers share: a daemon accept loop that hands each connection to its own
 * thread, the two-way byte relay between a client and its upstream, and the bookkeeping that lets {@link #close()}
 * cut every connection still open, so that a test's server never outlives the test.
 */
final class Relay implements AutoCloseable {
    private final ServerSocket server;
    private final String name;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** @param name prefix of the threads' names */
    Relay(ServerSocket server, String name) {
        this.server = requireNonNull(server, "server is null");
        this.name = requireNonNull(name, "name is null");
    }

    /**
     * Accepts until the server socket is closed, calling {@code serve} on a thread of its own per connection; the
     * connection is already tracked, so {@code serve} may simply {@link #close(Socket)} it or {@link #splice} it.
     * Call it last in the owner's constructor, once everything {@code serve} reads is assigned.
     */
    void start(Consumer<Socket> serve) {
        requireNonNull(serve, "serve is null");
        daemon(() -> acceptLoop(serve), name);
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Copies bytes both ways between {@code client} and {@code upstream} until either side closes, then closes both;
     * the upstream-to-client direction runs on a new thread, the other on the caller's.
     */
    void splice(Socket client, Socket upstream) {
        open.add(upstream);
        daemon(() -> pipe(upstream, client), name + "-back");
        pipe(client, upstream);
    }

    /** Closes {@code s} quietly and forgets it. */
    void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting and closes every connection still open. */
    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::close);
    }

    private void acceptLoop(Consumer<Socket> serve) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                daemon(() -> serve.accept(client), name + "-conn");
            } catch (IOException e) {
                return;
            }
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

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
