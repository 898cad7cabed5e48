package dev.sluice.jdbc.internal.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The kept-alive HTTP/1.1 connections of one transport to its workspace, straight (no proxy), plain or TLS. A
 * connection is taken for one exchange and given back once its answer was read whole; before it is used again a
 * non-blocking read of its channel checks that the server has not closed it meanwhile (HttpURLConnection checks
 * before a POST with a read of 1 ms; this takes a few microseconds, and API calls on loopback take a few ms).
 */
final class Http1Connections implements Closeable {
    /** Idle connections kept at most. */
    private static final int MAX_IDLE = 4;
    /** An idle connection older than this is closed rather than used again. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String host;
    private final int port;
    private final Tls tls;
    private final int connectMillis;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    /** One socket with its buffered streams. */
    static final class Connection implements Closeable {
        /** The TCP socket: closing it from another thread ends a blocked read or handshake without TLS locks. */
        final Socket raw;
        /** The socket carrying HTTP: {@link #raw} or the TLS socket over it. */
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final boolean reused;
        long idleSince;

        private Connection(Socket raw, Socket socket) throws IOException {
            this(raw, socket, new BufferedInputStream(socket.getInputStream(), 16 * 1024),
                    new BufferedOutputStream(socket.getOutputStream(), 8 * 1024), false);
        }

        private Connection(Socket raw, Socket socket, InputStream in, OutputStream out, boolean reused) {
            this.raw = raw;
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.reused = reused;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
            try {
                raw.close();
            } catch (IOException ignored) {
                // closed with the TLS socket already
            }
        }
    }

    /**
     * @param tls the connection's TLS settings, or null for plain {@code http}
     */
    Http1Connections(String host, int port, Tls tls, Duration connectTimeout) {
        this.host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        this.port = port;
        this.tls = tls;
        this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    /**
     * An idle connection still open, or a new one.
     *
     * @param handshakeMillis how long the TLS handshake may take; 0 for no limit
     * @param watch told of the TCP socket before it is used (a new one before its connect), so that it can be
     *     closed from another thread; when it answers false the socket is closed and the exchange given up
     * @throws HttpConnectTimeoutException when the TCP connect timed out
     * @throws ConnectException when the host cannot be reached or resolved
     * @throws IOException the TLS handshake's failure, or when {@code watch} gave the exchange up
     */
    Connection take(int handshakeMillis, Predicate<Socket> watch) throws IOException {
        while (true) {
            Connection c;
            synchronized (this) {
                if (closed) {
                    throw new IOException("the connection is closed");
                }
                c = idle.pollLast();
            }
            if (c == null) {
                return open(handshakeMillis, watch);
            }
            if (System.nanoTime() - c.idleSince < MAX_IDLE_NANOS && stillOpen(c)) {
                if (!watch.test(c.raw)) {
                    c.close();
                    throw new IOException("the exchange was cancelled");
                }
                return new Connection(c.raw, c.socket, c.in, c.out, true);
            }
            c.close();
        }
    }

    /** Gives a connection whose exchange ended cleanly back for the next one. */
    void release(Connection c) {
        c.idleSince = System.nanoTime();
        Connection dropped = null;
        synchronized (this) {
            if (closed) {
                dropped = c;
            } else {
                idle.addLast(c);
                if (idle.size() > MAX_IDLE) {
                    dropped = idle.pollFirst();
                }
            }
        }
        if (dropped != null) {
            dropped.close();
        }
    }

    /**
     * Whether nothing came from the server while the connection was idle: no end of stream and no byte, which
     * would be unasked data (for TLS, a close_notify or a message after the handshake; a fresh connection is the
     * safe answer to either).
     */
    private static boolean stillOpen(Connection c) {
        SocketChannel channel = c.raw.getChannel();
        try {
            if (c.in.available() > 0) {
                return false;
            }
            // an idle connection is touched by this thread only
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException broken) {
            return false;
        }
    }

    private Connection open(int handshakeMillis, Predicate<Socket> watch) throws IOException {
        // a channel's socket, so that stillOpen can look without blocking. It goes straight to the workspace: a
        // channel uses no SOCKS proxy from the JVM's system properties or ProxySelector, as with the JDK client (the
        // driver's own proxy settings send calls to the JDK client instead). Only pool threads carry exchanges, so
        // the channel closing when its thread is interrupted (the transport shutting its pool down) is what is wanted
        Socket raw = SocketChannel.open().socket();
        Socket socket = raw;
        try {
            if (!watch.test(raw)) {
                throw new IOException("the exchange was cancelled");
            }
            try {
                raw.connect(new InetSocketAddress(host, port), connectMillis);
            } catch (SocketTimeoutException e) {
                HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("HTTP connect timed out");
                timeout.initCause(e);
                throw timeout;
            } catch (ConnectException e) {
                throw e;
            } catch (IOException e) {
                // an unknown host, no route: the request was not sent
                ConnectException failed = new ConnectException(e.getClass().getSimpleName() + ": " + e.getMessage());
                failed.initCause(e);
                throw failed;
            }
            raw.setTcpNoDelay(true);
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.socketFactory().createSocket(raw, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.setSoTimeout(handshakeMillis);
                socket = secure;
                try {
                    secure.startHandshake();
                } catch (SSLException e) {
                    if (e instanceof SSLHandshakeException) {
                        throw e;
                    }
                    // no TLS session came of it: the request was not sent
                    SSLHandshakeException failed = new SSLHandshakeException(e.getMessage());
                    failed.initCause(e);
                    throw failed;
                }
            }
            return new Connection(raw, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Asks the kernel to acknowledge what arrives next at once (Linux {@code TCP_QUICKACK}, which it turns off again
     * by itself): a server that leaves Nagle's algorithm on writes the body of its answer only once the client
     * acknowledged the head, and a delayed acknowledgement holds that for about 40 ms. Nothing where the option
     * does not exist.
     */
    static void quickAck(Socket raw) {
        if (QUICK_ACK) {
            try {
                raw.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | RuntimeException ignored) {
                // only a hint
            }
        }
    }

    private static final boolean QUICK_ACK = quickAckSupported();

    private static boolean quickAckSupported() {
        try (SocketChannel probe = SocketChannel.open()) {
            return probe.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Closes the idle connections and refuses to open more. */
    @Override
    public void close() {
        ArrayDeque<Connection> open;
        synchronized (this) {
            closed = true;
            open = new ArrayDeque<>(idle);
            idle.clear();
        }
        open.forEach(Connection::close);
    }
}
