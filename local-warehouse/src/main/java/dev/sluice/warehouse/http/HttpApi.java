package dev.sluice.warehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.warehouse.oauth.EntraIdServer;
import dev.sluice.warehouse.oauth.OAuthServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP front: routing by method and path template, bearer-token auth, the fault switch, and the
 * guarantee that no handler failure reaches the client as anything but a JSON error body.
 *
 * <p>Threads: the JDK server's dispatcher thread accepts connections and watches idle ones; a request is read and
 * handled on a thread of {@link #MAX_THREADS} (created on demand, ended after 30 s unused). No handler holds its
 * thread while a statement runs: the statement POST parks its exchange ({@link Request#park()}) and is answered
 * from another thread. A client that stalls while sending its request is disconnected after
 * {@link Limits#requestTime()}, so stalled clients hold a few threads for a bounded time, not all of them.
 */
public final class HttpApi {

    /** Handler threads at most; requests beyond wait in a queue. */
    static final int MAX_THREADS = 256;

    /**
     * Connection limits. The JDK reads its part ({@code sun.net.httpserver.*}) once per JVM, when the first server
     * is created; {@link #applyToJdk()} sets those not already set on the command line.
     *
     * @param requestTime          longest time a client may take to send a request (headers and body)
     * @param keepAliveConnections connections kept open at most; beyond, responses carry {@code Connection: close}
     * @param idleTime             an idle keep-alive connection is closed after this long
     */
    public record Limits(Duration requestTime, int keepAliveConnections, Duration idleTime) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(20), 512, Duration.ofSeconds(30));

        /** Sets the JDK server's properties from these limits, unless given on the command line. */
        public void applyToJdk() {
            // seconds, both; the JDK closes a connection whose request is not read in full within maxReqTime
            setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(Math.max(1, requestTime.toSeconds())));
            setIfAbsent("sun.net.httpserver.idleInterval", Long.toString(Math.max(1, idleTime.toSeconds())));
            // a backstop only: beyond it the JDK would close connections without telling the client
            setIfAbsent("sun.net.httpserver.maxIdleConnections", Integer.toString(4 * keepAliveConnections));
            // headers and body go out in separate writes: without TCP_NODELAY, Nagle plus delayed ACKs add
            // ~40 ms to every small response
            setIfAbsent("sun.net.httpserver.nodelay", "true");
        }

        private static void setIfAbsent(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }
    }

    /** Handles a routed request; returns the 200 JSON body, or null when it wrote the response itself. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(Request request) throws IOException;
    }

    private record Route(String method, String[] segments, boolean auth, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Faults faults;
    private final Set<String> tokens;
    private final OAuthServer oauth;
    private final EntraIdServer entra;
    private final RequestGuard guard = new RequestGuard(InetAddress.getLoopbackAddress().getHostAddress());
    private final Limits limits;
    private final KeepAliveLimit keepAlive;
    private final AtomicInteger parked = new AtomicInteger();
    private HttpServer server;
    private ThreadPoolExecutor pool;

    public HttpApi(Faults faults, Set<String> tokens, OAuthServer oauth, EntraIdServer entra) {
        this(faults, tokens, oauth, entra, Limits.DEFAULT);
    }

    public HttpApi(Faults faults, Set<String> tokens, OAuthServer oauth, EntraIdServer entra, Limits limits) {
        this.faults = faults;
        this.tokens = Set.copyOf(tokens);
        this.oauth = oauth;
        this.entra = entra;
        this.limits = limits;
        // the JDK closes idle connections on a 10 s clock tick: forget them a little after that
        this.keepAlive = new KeepAliveLimit(limits.keepAliveConnections(), limits.idleTime().plusSeconds(15));
    }

    /**
     * Registers a route; {@code {name}} segments are path variables, and a last segment {@code {name...}} takes the
     * rest of the path (one segment or more, decoded, joined by {@code /}).
     */
    public void route(String method, String template, boolean auth, Handler handler) {
        routes.add(new Route(method, split(template), auth, handler));
    }

    public void start(int port) throws IOException {
        limits.applyToJdk();
        // a backlog for a pool of a few hundred clients connecting at once
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        server.setExecutor(pool);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** Requests parked by their handlers and not yet answered. */
    public int parkedRequests() {
        return parked.get();
    }

    /** Connections the keep-alive limit counts as open (for tests). */
    int keepAliveConnections() {
        return keepAlive.open();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    private void dispatch(HttpExchange ex) {
        boolean parked = false;
        try {
            keepAlive.admit(ex);
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            Faults.Decision d = faults.before(method, path);
            if (d.latencyMs() > 0) {
                Thread.sleep(d.latencyMs());
            }
            if (d.drop()) {
                return; // closing without a response drops the connection
            }
            if (d.error() != null) {
                FaultRule r = d.error();
                Responses.error(ex, new ApiError(r.status, r.errorCode, r.message, Faults.retryAfter(r)));
                return;
            }
            parked = handle(ex, method, path, d.dropAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client went away or sent garbage we could not even answer; nothing more to do
        } finally {
            if (!parked) {
                ex.close(); // without a response this drops the connection
            }
        }
    }

    /**
     * @param dropAfter handle the request, then close the connection without answering
     * @return true when the handler parked the request, to be answered later from another thread
     */
    private boolean handle(HttpExchange ex, String method, String path, boolean dropAfter) throws IOException {
        try {
            guard.checkOrigin(ex.getRequestHeaders());
            String[] parts = split(path);
            Map<String, String> vars = new HashMap<>();
            Route route = find(method, parts, vars);
            if (route == null) {
                throw new ApiError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
            }
            if (route.auth()) {
                ex.setAttribute(Request.PRINCIPAL, authenticate(ex, method, path));
            }
            Request request = new Request(ex, vars, dropAfter, parked);
            JsonNode body = route.handler().handle(request);
            if (body == null && request.parked()) {
                return true;
            }
            if (body != null && !dropAfter) {
                Responses.json(ex, 200, body);
            }
        } catch (ApiError e) {
            if (!dropAfter) {
                Responses.error(ex, e);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception | Error e) {
            // Spark throws checked exceptions Java cannot see (AnalysisException); they are answered too
            System.err.println("Internal error on " + method + " " + path + ": " + e);
            e.printStackTrace();
            Responses.error(ex, new ApiError(500, "INTERNAL_ERROR",
                    "Internal error while handling the request (" + e.getClass().getSimpleName() + ")"));
        }
        return false;
    }

    /** Returns the principal the token stands for: an OAuth or Entra ID client id, or the static token's own name. */
    private String authenticate(HttpExchange ex, String method, String path) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthenticated();
        }
        String token = header.substring(7).trim();
        OAuthServer.TokenState oauthState = oauth.check(token);
        if (oauthState == OAuthServer.TokenState.UNKNOWN) {
            oauthState = entra.check(token, ex.getRequestHeaders()::getFirst);
        }
        if (oauthState == OAuthServer.TokenState.EXPIRED) {
            // a 401, unlike the 403 of an unknown token, tells OAuth clients to fetch a new token and repeat
            throw unauthenticated();
        }
        boolean known = tokens.contains(token) || oauthState == OAuthServer.TokenState.VALID;
        // the fault switch never locks the tests out of the control endpoints that clear it
        boolean expired = !path.startsWith("/sluice/") && faults.tokenExpired(token, method, path);
        if (!known || expired) {
            throw new ApiError(403, 403, "Invalid access token.");
        }
        return principal(token);
    }

    /**
     * Who a valid token stands for: the OAuth or Entra ID client it was issued to (so renewed tokens keep their
     * statements), else the static token itself, named by a digest so that it never appears in a message.
     */
    private String principal(String token) {
        String client = oauth.clientOf(token);
        if (client == null) {
            client = entra.clientOf(token);
        }
        if (client != null) {
            return "client:" + client;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "token:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static ApiError unauthenticated() {
        return new ApiError(401, 401, "Credential was not sent or was of an unsupported type for this API.",
                Map.of("WWW-Authenticate", "Bearer realm=\"DatabricksRealm\""));
    }

    private Route find(String method, String[] parts, Map<String, String> vars) {
        boolean pathMatched = false;
        for (Route r : routes) {
            vars.clear();
            if (matches(r.segments(), parts, vars)) {
                pathMatched = true;
                if (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"))) {
                    return r;
                }
            }
        }
        if (pathMatched) {
            throw new ApiError(405, "BAD_REQUEST", "Method " + method + " is not allowed here");
        }
        return null;
    }

    private static boolean matches(String[] template, String[] parts, Map<String, String> vars) {
        boolean rest = template.length > 0 && template[template.length - 1].endsWith("...}");
        if (rest ? parts.length < template.length : template.length != parts.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (rest && i == template.length - 1) {
                // {name...}: the rest of the (decoded) path, one segment or more, joined by '/'
                vars.put(t.substring(1, t.length() - 4), String.join("/", List.of(parts).subList(i, parts.length)));
                return true;
            }
            if (t.startsWith("{") && t.endsWith("}")) {
                vars.put(t.substring(1, t.length() - 1), parts[i]);
            } else if (!t.equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** Splits a path into segments, ignoring a trailing slash (clients send both forms). */
    private static String[] split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out.toArray(String[]::new);
    }
}
