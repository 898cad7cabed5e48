package dev.sluice.jdbc.internal.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;

/**
 * One API exchange with a byte-array body, written and read here as HTTP/1.1 over a socket of
 * {@link Http1Connections}, on the transport's executor while the caller waits on this future as it waits on the
 * JDK HttpClient's. In a cold JVM the JDK client's construction and first exchange take about 140 ms of class
 * loading and set-up; this takes a few classes.
 *
 * <p>What the JDK client did is kept: the request timeout runs until the response headers arrive (a wait past it
 * fails with {@link HttpTimeoutException}), a TCP connect failure is a {@link java.net.ConnectException} (or
 * {@link java.net.http.HttpConnectTimeoutException}), {@link #cancel} ends the exchange at once by closing its
 * socket, no redirect is followed, a POST or PUT without body says {@code Content-Length: 0}, and a request is
 * never sent twice except a GET or HEAD whose kept-alive connection turned out closed before any answer byte.
 */
final class Http1Exchange extends CompletableFuture<HttpResponse<byte[]>> implements Runnable {
    /** Headers the JDK client refuses to set (it writes them itself); an exchange with one goes to the JDK client. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** Every header of an answer is kept. */
    private static final BiPredicate<String, String> ANY = (name, value) -> true;
    /** Longest response head read; a server sending more is broken. */
    private static final int MAX_HEAD = 1 << 20;

    private final Http1Connections connections;
    private final URI uri;
    private final String method;
    private final String hostHeader;
    private final String target;
    private final Map<String, String> headers;
    private final byte[] body;
    private final boolean limited;
    /** Deadline for the response headers (System.nanoTime), meaningful only when {@link #limited}. */
    private final long deadline;
    private final long limitMillis;
    private volatile boolean headersIn;
    /** The TCP socket in use, from its connect on; guarded by this. */
    private Socket current;
    /** Set once the worker no longer uses a connection; guarded by this. */
    private boolean finished;

    /**
     * @param headers every request header beside Host and Content-Length, in order
     * @param body the body, or null for none
     * @param timeout the request timeout, zero for none
     */
    Http1Exchange(Http1Connections connections, URI uri, String method, Map<String, String> headers, byte[] body,
                  Duration timeout) {
        this.connections = connections;
        this.uri = uri;
        this.method = method;
        boolean defaultPort = uri.getPort() == -1 || uri.getPort() == ("https".equalsIgnoreCase(uri.getScheme())
                ? 443 : 80);
        // as the JDK client writes it: the port only when it is not the scheme's own
        this.hostHeader = defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        this.headers = headers;
        this.body = body;
        this.limited = !timeout.isZero();
        this.limitMillis = timeout.toMillis();
        this.deadline = System.nanoTime() + (limited ? timeout.toNanos() : 0);
    }

    /** True when this exchange writes {@code method} and every one of {@code names} as the JDK client would. */
    static boolean carries(String method, Iterable<String> names) {
        if (method.isEmpty()) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c <= ' ' || c >= 127) {
                return false;
            }
        }
        for (String name : names) {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) || !printable(name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || c == ':') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    @Override
    public void run() {
        try {
            complete(exchange());
        } catch (Throwable e) {
            completeExceptionally(e);
        } finally {
            synchronized (this) {
                finished = true;
                current = null;
            }
        }
    }

    private HttpResponse<byte[]> exchange() throws IOException {
        byte[] request = head();
        while (true) {
            Http1Connections.Connection c;
            try {
                c = connections.take(remainingMillis(), this::use);
            } catch (SocketTimeoutException e) {
                // the TLS handshake outlasted the request timeout
                HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
                timeout.initCause(e);
                throw timeout;
            }
            boolean answering = false;
            try {
                c.socket.setSoTimeout(remainingMillis());
                c.out.write(request);
                if (body != null) {
                    c.out.write(body);
                }
                c.out.flush();
                Http1Connections.quickAck(c.raw);
                int first = c.in.read();
                if (first < 0) {
                    throw new EOFException("the server closed the connection without answering");
                }
                answering = true;
                HttpResponse<byte[]> response = read(c, first);
                return response;
            } catch (SocketTimeoutException e) {
                c.close();
                HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
                timeout.initCause(e);
                throw timeout;
            } catch (IOException | RuntimeException e) {
                c.close();
                // a kept-alive connection the server had closed: the JDK client repeats a GET or HEAD once
                if (c.reused && !answering && (method.equals("GET") || method.equals("HEAD")) && !isDone()) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** Registers the socket that {@link #cancel} closes; false when the exchange already ended. */
    private synchronized boolean use(Socket socket) {
        if (isDone()) {
            return false;
        }
        current = socket;
        return true;
    }

    /** Milliseconds to the deadline for a socket timeout, at least 1; 0 (no limit) without one. */
    private int remainingMillis() {
        if (!limited) {
            return 0;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    private byte[] head() {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String value = header.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid header value for " + header.getKey());
            }
            head.append(header.getKey()).append(": ").append(value).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: 0\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the answer whose first byte is {@code first}; gives the connection back when it can carry another. */
    private HttpResponse<byte[]> read(Http1Connections.Connection c, int first) throws IOException {
        InputStream in = c.in;
        Head head = readHead(in, first);
        while (head.status / 100 == 1 && head.status != 101) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the server closed the connection after " + head.status);
            }
            head = readHead(in, next);
        }
        headersIn = true;
        c.socket.setSoTimeout(limited ? (int) Math.min(Integer.MAX_VALUE, Math.max(1, limitMillis)) : 0);
        Map<String, List<String>> fields = head.fields;
        boolean reusable = head.http11 && !hasToken(fields.get("Connection"), "close");
        byte[] answer;
        if (method.equals("HEAD") || head.status == 204 || head.status == 304) {
            answer = new byte[0];
        } else if (fields.containsKey("Transfer-Encoding")) {
            // RFC 9112 6.3: the coding overrides any Content-Length; with one beside it (a smuggling pattern) the
            // bytes that follow cannot be trusted to start the next answer, so the connection is not used again
            if (lastToken(fields.get("Transfer-Encoding")).equalsIgnoreCase("chunked")) {
                answer = readChunked(in);
                reusable &= !fields.containsKey("Content-Length");
            } else {
                // a final coding other than chunked: the body ends when the server closes
                answer = in.readAllBytes();
                reusable = false;
            }
        } else if (fields.containsKey("Content-Length")) {
            answer = readExactly(in, contentLength(fields.get("Content-Length")));
        } else {
            answer = in.readAllBytes();
            reusable = false;
        }
        if (reusable) {
            synchronized (this) {
                current = null;
            }
            connections.release(c);
        } else {
            c.close();
        }
        return new AnsweredResponse(new TransportSeam.Answer(head.status, HttpHeaders.of(fields, ANY), answer), uri,
                method);
    }

    private record Head(int status, boolean http11, Map<String, List<String>> fields) {
    }

    private static Head readHead(InputStream in, int first) throws IOException {
        String statusLine = line(in, first);
        // "HTTP/1.1 200 OK"
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new IOException("the server's answer is not HTTP/1.x");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("the server's status line has no status code");
        }
        boolean http11 = !statusLine.startsWith("HTTP/1.0");
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int size = statusLine.length();
        String last = null;
        while (true) {
            String line = line(in, in.read());
            size += line.length() + 2;
            if (size > MAX_HEAD) {
                throw new IOException("the server's response head is longer than " + MAX_HEAD + " bytes");
            }
            if (line.isEmpty()) {
                return new Head(status, http11, fields);
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                // an obsolete folded line continues the previous value
                List<String> values = fields.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("the server sent a malformed header line");
            }
            last = line.substring(0, colon).strip();
            List<String> values = fields.get(last);
            if (values == null) {
                values = new ArrayList<>(1);
                fields.put(last, values);
            }
            values.add(line.substring(colon + 1).strip());
        }
    }

    /** One line without its CRLF (or bare LF), ISO-8859-1, starting with {@code first}. */
    private static String line(InputStream in, int first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b = first;
        while (true) {
            if (b < 0) {
                throw new EOFException("the server closed the connection in the middle of the answer's head");
            }
            if (b == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            line.append((char) b);
            if (line.length() > MAX_HEAD) {
                throw new IOException("the server sent a header line longer than " + MAX_HEAD + " bytes");
            }
            b = in.read();
        }
    }

    private static boolean hasToken(List<String> values, String token) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last comma-separated token of a header's values, or "" when there is none. */
    private static String lastToken(List<String> values) {
        String last = "";
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    last = part.strip();
                }
            }
        }
        return last;
    }

    private static long contentLength(List<String> values) throws IOException {
        long length = -1;
        for (String value : values) {
            long v;
            try {
                v = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IOException("the server sent an invalid Content-Length");
            }
            if (v < 0 || length >= 0 && v != length) {
                throw new IOException("the server sent an invalid Content-Length");
            }
            length = v;
        }
        return length;
    }

    private static byte[] readExactly(InputStream in, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("an answer of " + length + " bytes is larger than an array");
        }
        byte[] out = in.readNBytes((int) length);
        if (out.length < length) {
            throw new EOFException("the answer ended after " + out.length + " of " + length + " bytes");
        }
        return out;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, in.read());
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the server sent a malformed chunk size");
            }
            if (size < 0 || out.size() + size > Integer.MAX_VALUE - 8) {
                throw new IOException("the server sent a malformed chunk size");
            }
            if (size == 0) {
                // trailers, up to the blank line
                while (!line(in, in.read()).isEmpty()) {
                    continue;
                }
                return out.toByteArray();
            }
            out.write(readExactly(in, size));
            if (!line(in, in.read()).isEmpty()) {
                throw new IOException("the server sent a malformed chunk");
            }
        }
    }

    /** Ends the exchange: the waiting caller returns at once and the socket is closed under the worker. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        abort();
        return cancelled;
    }

    private void abort() {
        Socket socket;
        synchronized (this) {
            socket = finished ? null : current;
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }

    /** Waits, failing with {@link HttpTimeoutException} when the headers are not in by the deadline. */
    @Override
    public HttpResponse<byte[]> get() throws InterruptedException, ExecutionException {
        awaitHeaders(0, false);
        return super.get();
    }

    @Override
    public HttpResponse<byte[]> get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        long until = System.nanoTime() + unit.toNanos(timeout);
        awaitHeaders(until, true);
        return super.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Waits until the exchange ended, its headers arrived, the deadline passed (then times it out) or {@code until}. */
    private void awaitHeaders(long until, boolean bounded) throws InterruptedException {
        if (!limited) {
            return;
        }
        while (!isDone() && !headersIn) {
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                if (completeExceptionally(new HttpTimeoutException("request timed out"))) {
                    abort();
                }
                return;
            }
            if (bounded && until - now <= 0) {
                return;
            }
            try {
                super.get(bounded ? Math.min(left, until - now) : left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException waitMore) {
                // the loop looks again
            }
        }
    }
}
