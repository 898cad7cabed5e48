package dev.sluice.jdbc.internal.client;

import dev.sluice.jdbc.internal.observe.ApiCall;
import dev.sluice.jdbc.internal.resilience.ErrorTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;

/**
 * The HTTP side of one connection, with the driver's default headers, the authorization supplier and a request
 * timeout that can change at run time ({@code Connection.setNetworkTimeout}). API calls with a byte-array body
 * straight to the workspace are HTTP/1.1 exchanges of the driver's own ({@link Http1Exchange} over kept-alive
 * {@link Http1Connections}): in a cold JVM that answers about 100 ms sooner than building the JDK {@link HttpClient}
 * and making its first exchange. The JDK client, pinned to HTTP/1.1, is built on first need only: streamed calls
 * (Files API, pre-signed volume transfers), calls through a proxy, and a header the JDK client writes itself.
 *
 * <p>API requests carry {@code User-Agent}, {@code Accept: application/json}, {@code Content-Type: application/json}
 * (with a body), the configured extra headers and {@code Authorization}. External-link downloads go through the same
 * client with only the {@code User-Agent} and the link's own headers: no Authorization, no JSON headers.
 *
 * <p>Network failures become {@link TransportException}s that say whether the request may have reached the server.
 * Status codes are returned, not thrown: interpreting them is the caller's business.
 */
public final class HttpTransport implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    /** How long the first TLS exchange may go unanswered before the port is checked for plain HTTP. */
    static final Duration PLAIN_HTTP_CHECK_AFTER = Duration.ofSeconds(2);
    /** The keep-alive of the executor's idle threads once the transport is closed. */
    private static final long CLOSED_KEEP_ALIVE_MILLIS = 100;

    /** The driver version shown in the User-Agent. */
    static final String VERSION = detectVersion();

    private final TransportOptions options;
    /** Built on first need; guarded by {@link #inFlight}. */
    private HttpClient client;
    private final ThreadPoolExecutor executor;
    private final String baseUri;
    private final String userAgent;
    private final LinkDownloader downloader;
    /** Kept-alive connections of the API calls that go straight to the workspace; null through a proxy. */
    private final Http1Connections connections;
    /** Simulation's hook (record, replay), or null when every exchange goes to the network as it is. */
    private final TransportSeam seam;
    private volatile Duration requestTimeout;
    private final Set<CompletableFuture<?>> inFlight = new HashSet<>();
    private volatile boolean closed;
    /** Set once the server answered a request: from then on its port is known to speak what we speak. */
    private volatile boolean answered;

    /** Creates the HTTP client; no connection is opened until the first request. */
    public HttpTransport(TransportOptions options) {
        this(options, null);
    }

    /**
     * Creates the HTTP client with a simulation seam every exchange passes through; no connection is opened until
     * the seam lets the first request reach the network.
     *
     * @param seam the seam, or null for none
     */
    public HttpTransport(TransportOptions options, TransportSeam seam) {
        this.options = Objects.requireNonNull(options, "options is null");
        this.seam = seam;
        this.requestTimeout = options.requestTimeout();
        this.executor = newDaemonPool("sluice-http-" + POOL_IDS.incrementAndGet());
        this.downloader = new LinkDownloader(options.network());
        this.connections = options.network().isDirect() ? new Http1Connections(options.host(), options.port(),
                options.tls() ? options.network().tls() : null, options.connectTimeout()) : null;
        this.baseUri = baseUri(options).toString();
        this.userAgent = "Sluice/" + VERSION + " (Java " + Runtime.version().feature() + "; "
                + System.getProperty("os.name", "unknown") + ")"
                + (options.userAgentEntry() == null || options.userAgentEntry().isBlank()
                ? "" : " " + options.userAgentEntry().strip());
    }

    /** {@code http(s)://host:port} of the workspace these options point at. */
    public static URI baseUri(TransportOptions options) {
        return baseUri(options.host(), options.port(), options.tls());
    }

    /** As {@link #baseUri(TransportOptions)}, from the parts. */
    public static URI baseUri(String host, int port, boolean tls) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create((tls ? "https" : "http") + "://" + h + ":" + port);
    }

    private static ThreadPoolExecutor newDaemonPool(String name) {
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // Cached like the JDK client's own default (its tasks are short and must never queue behind each other),
        // but daemon so an open connection never keeps a JVM alive; idle threads die after 30 s.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    private static String detectVersion() {
        String version = HttpTransport.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (InputStream in = HttpTransport.class.getResourceAsStream(
                "/META-INF/maven/dev.sluice/sluice-jdbc/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "dev");
            }
        } catch (IOException unreadable) {
            LOG.debug("cannot read the driver version", unreadable);
        }
        return "dev";
    }

    /** The simulation seam every exchange passes through, or null. */
    public TransportSeam seam() {
        return seam;
    }

    /** {@code http(s)://host:port} of the workspace. */
    public URI baseUri() {
        return URI.create(baseUri);
    }

    /** The User-Agent sent with every request. */
    public String userAgent() {
        return userAgent;
    }

    /** The current per-request timeout; zero means none. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Changes the per-request timeout for requests started from now on.
     *
     * @param timeout the new timeout; zero means none
     * @throws IllegalArgumentException when negative
     */
    public void setRequestTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        this.requestTimeout = timeout;
    }

    /**
     * Sends an API request and returns the response whatever its status. A 401 is repeated once when the
     * authorization supplier says fresh credentials are available.
     *
     * @param method HTTP method
     * @param pathAndQuery path (and query) starting with {@code /}, already encoded
     * @param pathTemplate the path with placeholders, for messages and logs
     * @param jsonBody the JSON body, or null for none
     * @throws ConnectFailedException when no connection could be made (the request was not sent)
     * @throws ResponseTimeoutException when no response came within the request timeout
     * @throws ConnectionLostException when the connection broke during the exchange
     * @throws InterruptedIOException when the thread was interrupted (its interrupt flag is set again)
     * @throws IOException when the transport is closed or the authorization supplier fails
     */
    public HttpResponse<byte[]> send(String method, String pathAndQuery, String pathTemplate, byte[] jsonBody)
            throws IOException {
        return send(method, pathAndQuery, pathTemplate, jsonBody, Duration.ZERO);
    }

    /**
     * As {@link #send(String, String, String, byte[])}, with a timeout of its own for this request; the smaller
     * of it and the transport's {@link #requestTimeout()} applies (zero means none).
     */
    public HttpResponse<byte[]> send(String method, String pathAndQuery, String pathTemplate, byte[] jsonBody,
                                     Duration timeout) throws IOException {
        return send(method, pathAndQuery, pathTemplate, jsonBody, timeout, false);
    }

    /**
     * As {@link #send(String, String, String, byte[], Duration)}; with {@code finishWhenInterrupted} an interrupt
     * does not abort the exchange: its response is awaited (within the timeout) and returned with the thread's
     * interrupt flag set. For a statement submit, whose response brings the id that a cancel needs.
     */
    public HttpResponse<byte[]> send(String method, String pathAndQuery, String pathTemplate, byte[] jsonBody,
                                     Duration timeout, boolean finishWhenInterrupted) throws IOException {
        String what = method + " " + pathTemplate;
        Duration limit = effectiveTimeout(timeout);
        return ApiCall.observe(method, pathTemplate, options.host(), options.port(), call -> {
            HttpResponse<byte[]> response = call(method, pathAndQuery, jsonBody, limit, what,
                    finishWhenInterrupted);
            call.responded(response.statusCode(), jsonBody, response.body());
            // the TOKEN_EXPIRED row of the error table: one immediate repeat after a refresh, never a loop
            for (int refresh = 0; response.statusCode() == 401 && refresh < ErrorTable.TOKEN_REFRESHES
                    && options.auth().onUnauthorized(); refresh++) {
                LOG.debug("{} -> 401; repeating once with fresh credentials", what);
                response = call(method, pathAndQuery, jsonBody, limit, what, finishWhenInterrupted);
                call.responded(response.statusCode(), jsonBody, response.body());
            }
            return response;
        });
    }

    /**
     * Sends an API request whose body and answer are streamed, never held whole in memory (the Files API): the
     * response comes back once its headers arrived, whatever its status, and its body is read from the stream,
     * which the caller must close. The request timeout covers the exchange up to the response headers, so a body
     * being sent counts against it. A 401 is repeated once with fresh credentials only when the body can be sent
     * again ({@code repeatable}: none, or one that re-opens its source on every subscription, like a file).
     *
     * @param headers request headers beside the driver's own (e.g. {@code Content-Type}, {@code Range})
     * @param body the body, or null for none
     * @throws IOException as {@link #send(String, String, String, byte[])}
     */
    public HttpResponse<InputStream> stream(String method, String pathAndQuery, String pathTemplate,
                                            Map<String, String> headers, HttpRequest.BodyPublisher body,
                                            boolean repeatable) throws IOException {
        String what = method + " " + pathTemplate;
        Duration limit = effectiveTimeout(Duration.ZERO);
        return ApiCall.observe(method, pathTemplate, options.host(), options.port(), call -> {
            TransportSeam.LiveStream live = sent -> StreamedResponse.of(exchange(
                    streamRequest(method, pathAndQuery, headers, sent, limit), HttpResponse.BodyHandlers.ofInputStream(),
                    what, baseUri, false));
            URI uri = URI.create(baseUri + pathAndQuery);
            HttpResponse<InputStream> response = streamed(method, uri, pathAndQuery, false, headers, body, live);
            call.responded(response.statusCode());
            for (int refresh = 0; response.statusCode() == 401 && (body == null || repeatable)
                    && refresh < ErrorTable.TOKEN_REFRESHES && options.auth().onUnauthorized(); refresh++) {
                LOG.debug("{} -> 401; repeating once with fresh credentials", what);
                response.body().close();
                response = streamed(method, uri, pathAndQuery, false, headers, body, live);
                call.responded(response.statusCode());
            }
            return response;
        });
    }

    /**
     * Sends a request to a pre-signed URL (a volume operation's upload, download or delete link), streamed both
     * ways: only the User-Agent and the link's own headers go with it, never Authorization nor trace context.
     * Recorded as an API call (span {@code databricks.api.request}, {@code databricks_api_requests_total}) with
     * the endpoint {@code {presigned_url}}.
     *
     * @param url the pre-signed URL (never shown in messages)
     * @param body the body, or null for none
     * @throws IOException as {@link #send(String, String, String, byte[])}
     */
    public HttpResponse<InputStream> streamExternal(String method, URI url, Map<String, String> headers,
                                                    HttpRequest.BodyPublisher body) throws IOException {
        String what = method + " {presigned_url}";
        HttpRequest.Builder builder = HttpRequest.newBuilder(url);
        Duration limit = effectiveTimeout(Duration.ZERO);
        if (!limit.isZero()) {
            builder.timeout(limit);
        }
        options.network().prepare(builder, url);
        builder.setHeader("User-Agent", userAgent);
        headers.forEach(builder::setHeader);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        String target = url.getScheme() + "://" + url.getAuthority();
        if (seam == null) {
            return observedExternal(method, url, builder.build(), what, target);
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return streamed(method, url, path, true, headers, body, sent -> StreamedResponse.of(observedExternal(method,
                url, builder.method(method, sent == null ? HttpRequest.BodyPublishers.noBody() : sent).build(), what,
                target)));
    }

    /**
     * A pre-signed transfer on the network, counted and traced like every API call under the fixed endpoint
     * {@code {presigned_url}}: the link's path and signature never reach a label or a span, and no trace context
     * is sent to the storage host.
     */
    private HttpResponse<InputStream> observedExternal(String method, URI url, HttpRequest request, String what,
                                                       String target) throws IOException {
        int port = url.getPort() >= 0 ? url.getPort() : "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
        return ApiCall.observe(method, "{presigned_url}", url.getHost(), port, call -> {
            HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(), what,
                    target, false);
            call.responded(response.statusCode());
            return response;
        });
    }

    /** A streamed exchange through the seam, or straight to the network when there is none. */
    private HttpResponse<InputStream> streamed(String method, URI uri, String pathAndQuery, boolean external,
                                               Map<String, String> headers, HttpRequest.BodyPublisher body,
                                               TransportSeam.LiveStream live) throws IOException {
        if (seam == null) {
            return new StreamedResponse(live.run(body), uri, method);
        }
        if (closed) {
            throw new IOException(method + " " + (external ? "{presigned_url}" : pathAndQuery)
                    + ": the connection is closed");
        }
        String range = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Range"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        return new StreamedResponse(seam.stream(method, pathAndQuery, external, range, body, live), uri, method);
    }

    private HttpRequest streamRequest(String method, String pathAndQuery, Map<String, String> headers,
                                      HttpRequest.BodyPublisher body, Duration timeout) throws IOException {
        HttpRequest.Builder builder = apiRequestBuilder(pathAndQuery, timeout, apiHeaders(false));
        headers.forEach(builder::setHeader);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        return builder.build();
    }

    private HttpResponse<byte[]> call(String method, String pathAndQuery, byte[] jsonBody, Duration limit,
                                      String what, boolean finishWhenInterrupted) throws IOException {
        if (seam == null) {
            return apiExchange(method, pathAndQuery, jsonBody, limit, what, finishWhenInterrupted);
        }
        if (closed) {
            throw new IOException(what + ": the connection is closed");
        }
        TransportSeam.Answer answer = seam.send(method, pathAndQuery, jsonBody, () -> AnsweredResponse.of(
                apiExchange(method, pathAndQuery, jsonBody, limit, what, finishWhenInterrupted)));
        return new AnsweredResponse(answer, URI.create(baseUri + pathAndQuery), method);
    }

    /**
     * One API exchange on the network: the driver's own HTTP/1.1 exchange when the call goes straight to the
     * workspace and every header is one the JDK client would send as given, else through the JDK client.
     */
    private HttpResponse<byte[]> apiExchange(String method, String pathAndQuery, byte[] jsonBody, Duration limit,
                                             String what, boolean finishWhenInterrupted) throws IOException {
        Map<String, String> headers = apiHeaders(jsonBody != null);
        if (connections == null || !Http1Exchange.carries(method, headers.keySet())) {
            return jdkExchange(method, pathAndQuery, headers, jsonBody, limit, what, finishWhenInterrupted);
        }
        URI uri = URI.create(baseUri + pathAndQuery);
        return exchange(() -> {
            Http1Exchange exchange = new Http1Exchange(connections, uri, method, headers, jsonBody, limit);
            executor.execute(exchange);
            return exchange;
        }, uri, limit, what, baseUri, finishWhenInterrupted);
    }

    private HttpResponse<byte[]> jdkExchange(String method, String pathAndQuery, Map<String, String> headers,
                                             byte[] jsonBody, Duration limit, String what,
                                             boolean finishWhenInterrupted) throws IOException {
        HttpRequest.Builder builder = apiRequestBuilder(pathAndQuery, limit, headers);
        builder.method(method, jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(jsonBody));
        return exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray(), what, baseUri,
                finishWhenInterrupted);
    }

    /**
     * An API request's driver headers, Authorization and trace context, in the order they are set; a later one
     * replaces an earlier one of the same name in any case, as {@link HttpRequest.Builder#setHeader} does.
     */
    private Map<String, String> apiHeaders(boolean withBody) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        setHeader(headers, "User-Agent", userAgent);
        setHeader(headers, "Accept", "application/json");
        for (Map.Entry<String, String> extra : options.extraHeaders().entrySet()) {
            setHeader(headers, extra.getKey(), extra.getValue());
        }
        String authorization = options.auth().authorization();
        if (authorization != null) {
            setHeader(headers, "Authorization", authorization);
        }
        for (Map.Entry<String, String> extra : options.auth().extraHeaders().entrySet()) {
            setHeader(headers, extra.getKey(), extra.getValue());
        }
        // traceparent goes to the API only: storage downloads get no trace context (see OBSERVABILITY.md)
        ApiCall.injectTraceContext((name, value) -> setHeader(headers, name, value));
        if (withBody) {
            setHeader(headers, "Content-Type", "application/json");
        }
        return headers;
    }

    private static void setHeader(Map<String, String> headers, String name, String value) {
        for (Iterator<String> names = headers.keySet().iterator(); names.hasNext(); ) {
            if (names.next().equalsIgnoreCase(name)) {
                names.remove();
            }
        }
        headers.put(name, value);
    }

    /** The smaller non-zero of {@code timeout} and the transport's request timeout; zero when both are zero. */
    public Duration effectiveTimeout(Duration timeout) {
        Duration general = requestTimeout;
        if (timeout == null || timeout.isZero()) {
            return general;
        }
        return general.isZero() || timeout.compareTo(general) < 0 ? timeout : general;
    }

    /**
     * Downloads an external link: a plain GET with the link's headers and no Authorization.
     *
     * @param url the pre-signed URL (never shown in messages)
     * @param headers the link's {@code http_headers}
     * @throws IOException as {@link #send}, or when the link carries a header the JDK refuses to send
     */
    public LinkDownloader.Response download(URI url, Map<String, String> headers) throws IOException {
        return download(url, headers, Duration.ZERO);
    }

    /**
     * As {@link #download(URI, Map)}, with a read timeout of its own; the smaller of it and the transport's
     * {@link #requestTimeout()} applies.
     */
    public LinkDownloader.Response download(URI url, Map<String, String> headers, Duration timeout)
            throws IOException {
        return download(url, headers, timeout, null);
    }

    /**
     * As {@link #download(URI, Map, Duration)}, reading a 2xx body into {@code target} when it fits there: the
     * response's body is then null and {@code target} holds it (flipped).
     *
     * @param target where to read the body, or null for an array
     */
    public LinkDownloader.Response download(URI url, Map<String, String> headers, Duration timeout,
                                            ByteBuffer target) throws IOException {
        if (closed) {
            throw new IOException("GET {external_link}: the connection is closed");
        }
        long start = System.nanoTime();
        Duration limit = effectiveTimeout(timeout);
        LinkDownloader.Response response;
        if (seam == null) {
            response = downloader.get(url, headers, userAgent, options.connectTimeout(), limit, target);
        } else {
            TransportSeam.Answer answer = seam.download(url, headers, () -> {
                LinkDownloader.Response live = downloader.get(url, headers, userAgent, options.connectTimeout(),
                        limit);
                return new TransportSeam.Answer(live.statusCode(), live.headers(), live.body());
            });
            byte[] body = answer.body();
            if (target != null && answer.status() / 100 == 2 && DirectChunkPool.fill(target, body)) {
                body = null;
            }
            response = new LinkDownloader.Response(answer.status(), answer.headers(), body);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("GET {external_link} -> {} ({} bytes) in {} ms", response.statusCode(),
                    response.body() == null ? target.limit() : response.body().length, elapsedMillis(start));
        }
        return response;
    }

    /** Stops the download running on {@code thread}, if any. */
    public void abortDownload(Thread thread) {
        downloader.abort(thread);
    }

    /** An API request's URI, timeout, proxy and {@code headers}; no method yet. */
    private HttpRequest.Builder apiRequestBuilder(String pathAndQuery, Duration timeout, Map<String, String> headers)
            throws IOException {
        URI uri = URI.create(baseUri + pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (!timeout.isZero()) {
            builder.timeout(timeout);
        }
        options.network().prepare(builder, uri);
        headers.forEach(builder::setHeader);
        return builder;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what,
                                         String target, boolean finishWhenInterrupted) throws IOException {
        return exchange(() -> client().sendAsync(request, handler), request.uri(),
                request.timeout().orElse(Duration.ZERO), what, target, finishWhenInterrupted);
    }

    /** Starts an exchange and waits for it; its failure becomes a {@link TransportException} saying what it was. */
    private <T> HttpResponse<T> exchange(Exchange<T> start, URI uri, Duration limit, String what, String target,
                                         boolean finishWhenInterrupted) throws IOException {
        long start0 = System.nanoTime();
        CompletableFuture<HttpResponse<T>> exchange = startExchange(start, what);
        try {
            HttpResponse<T> response = finishWhenInterrupted ? awaitThroughInterrupts(exchange)
                    : awaitFirstAnswer(exchange, what, target);
            answered = true;
            ConnectFailedException proxyFailure = response.statusCode() == 407
                    ? options.network().proxyFailure(uri, 407, null) : null;
            if (proxyFailure != null) {
                throw new ConnectFailedException(what + ": cannot connect to " + target + ": "
                        + proxyFailure.getMessage(), null, true);
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} -> {} in {} ms", what, response.statusCode(), elapsedMillis(start0));
            }
            return response;
        } catch (CancellationException e) {
            throw closedDuring(what, e);
        } catch (ExecutionException e) {
            // the JDK's future completes with a CancellationException when cancelled, as well as throwing one
            if (e.getCause() instanceof CancellationException cancelled) {
                throw closedDuring(what, cancelled);
            }
            throw failure(e.getCause(), uri, limit, what, target, start0);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(what + " was interrupted");
            interrupted.initCause(e);
            throw interrupted;
        } finally {
            synchronized (inFlight) {
                inFlight.remove(exchange);
            }
        }
    }

    /**
     * Waits for the exchange. Until the server first answered, a TLS exchange still unanswered after
     * {@link #PLAIN_HTTP_CHECK_AFTER} checks whether the port speaks plain HTTP, where the handshake would only end
     * at the connect timeout (and the retries of an unreachable host would follow it): then it fails at once, for
     * good, saying so.
     */
    private <T> HttpResponse<T> awaitFirstAnswer(CompletableFuture<HttpResponse<T>> exchange, String what,
                                                 String target)
            throws ExecutionException, InterruptedException, IOException {
        if (answered || !options.tls() || !options.network().isDirect()) {
            return exchange.get();
        }
        try {
            return exchange.get(PLAIN_HTTP_CHECK_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            if (PlainHttpProbe.speaksPlainHttp(options.host(), options.port(), PLAIN_HTTP_CHECK_AFTER)) {
                exchange.cancel(true);
                throw new ConnectFailedException(what + ": cannot connect to " + target + ": the TLS handshake"
                        + " failed because port " + options.port() + " spoke plain HTTP; use ssl=0 for a plain-HTTP"
                        + " server, or the server's TLS port", null, true);
            }
            return exchange.get();
        }
    }

    /** Waits for the exchange whatever interrupts come; the thread's interrupt flag is set again afterwards. */
    private static <T> HttpResponse<T> awaitThroughInterrupts(CompletableFuture<HttpResponse<T>> exchange)
            throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return exchange.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sends asynchronously and remembers the exchange until it ends, so that {@link #close()} can end it: the
     * calling thread waits on the future, not inside the client, and a cancelled future releases it at once.
     */
    private <T> CompletableFuture<HttpResponse<T>> startExchange(Exchange<T> start, String what)
            throws IOException {
        synchronized (inFlight) {
            if (closed) {
                throw new IOException(what + ": the connection is closed");
            }
            CompletableFuture<HttpResponse<T>> exchange = start.start();
            inFlight.add(exchange);
            return exchange;
        }
    }

    /** Starts one exchange on the network. */
    @FunctionalInterface
    private interface Exchange<T> {
        CompletableFuture<HttpResponse<T>> start() throws IOException;
    }

    /** The JDK client, built on its first use; the caller holds {@link #inFlight}. */
    private HttpClient client() {
        if (client == null) {
            client = options.network().newHttpClient()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(options.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        }
        return client;
    }

    private static IOException closedDuring(String what, CancellationException e) {
        return new IOException(what + ": the connection was closed during the request", e);
    }

    /** The failure of an exchange as a {@link TransportException} saying whether the request may have been sent. */
    private IOException failure(Throwable cause, URI uri, Duration limit, String what, String target, long start) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (!(cause instanceof IOException)) {
            return new IOException(what + ": " + describe(cause), cause);
        }
        IOException e = (IOException) cause;
        if (e instanceof HttpConnectTimeoutException) {
            return new ConnectFailedException(what + ": connecting to " + target + " timed out after "
                    + options.connectTimeout().toMillis() + " ms", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new ResponseTimeoutException(what + ": no response within " + limit.toMillis() + " ms", e);
        }
        if (e instanceof ConnectFailedException tunnel) {
            // the proxy refused the tunnel that ProxyTunnel asked for
            return new ConnectFailedException(what + ": cannot connect to " + target + ": " + tunnel.getMessage(),
                    tunnel, tunnel.isPermanent());
        }
        ConnectFailedException proxyFailure = options.network().proxyFailure(uri, 0, e);
        if (proxyFailure != null) {
            return new ConnectFailedException(what + ": cannot connect to " + target + ": "
                    + proxyFailure.getMessage(), e, proxyFailure.isPermanent());
        }
        if (isConnectFailure(e)) {
            return new ConnectFailedException(what + ": cannot connect to " + target + " (" + describe(e) + ")", e,
                    Tls.explain(e) != null);
        }
        return new ConnectionLostException(what + ": connection lost after " + elapsedMillis(start) + " ms ("
                + describe(e) + ")", e);
    }

    private static boolean isConnectFailure(IOException e) {
        Throwable cause = e.getCause();
        return e instanceof ConnectException || e instanceof SSLHandshakeException
                || cause instanceof ConnectException || cause instanceof SSLHandshakeException
                || Tls.explain(e) != null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().getMessage();
        }
        String tls = Tls.explain(e);
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + Redaction.redact(message))
                + (tls == null ? "" : "; " + tls);
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Refuses further requests and ends those in flight: their callers get an IOException at once. No thread of
     * this transport outlives it for long: the executor is not shut down (the client still needs it to wind the
     * cancelled exchanges down, and a shut-down executor could leave a request waiting for ever), but its idle
     * threads now end within {@value #CLOSED_KEEP_ALIVE_MILLIS} ms instead of 30 s. The JDK client's selector
     * thread is stopped with {@code shutdownNow()} where the JDK has it (21 and later); on 17 it ends by itself once
     * the client is unreachable, at the next garbage collection.
     */
    @Override
    public void close() {
        List<CompletableFuture<?>> running;
        synchronized (inFlight) {
            closed = true;
            running = new ArrayList<>(inFlight);
        }
        running.forEach(exchange -> exchange.cancel(true));
        if (connections != null) {
            connections.close();
        }
        if (seam != null) {
            seam.close();
        }
        executor.setKeepAliveTime(CLOSED_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
        HttpClient built;
        synchronized (inFlight) {
            built = client;
        }
        if (built != null) {
            shutdownClient(built);
        }
        options.network().close();
    }

    private static void shutdownClient(HttpClient client) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (NoSuchMethodException beforeJava21) {
            // the selector thread ends when the client is collected
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot shut the HTTP client down: {}", e.toString());
        }
    }
}
