package dev.sluice.warehouse.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One HTTP request as the handlers see it: method, decoded path variables, query, JSON body. */
public final class Request {

    /** The exchange attribute holding the authenticated principal (set by HttpApi on authenticated routes). */
    static final String PRINCIPAL = "sluice.principal";

    /** Statement texts are at most 16 MiB; allow some room for the JSON around them. */
    private static final int MAX_BODY = 20 << 20;

    private final HttpExchange exchange;
    private final Map<String, String> pathVars;
    private final Map<String, String> query;
    private final boolean dropAfter;
    private final AtomicInteger parkedCount;
    private byte[] body;
    private Reply parked;

    Request(HttpExchange exchange, Map<String, String> pathVars) {
        this(exchange, pathVars, false, new AtomicInteger());
    }

    /** @param parkedCount requests parked and not yet answered, counted up here and down by the reply */
    Request(HttpExchange exchange, Map<String, String> pathVars, boolean dropAfter,
            AtomicInteger parkedCount) {
        this.exchange = exchange;
        this.pathVars = Map.copyOf(pathVars);
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
        this.dropAfter = dropAfter;
        this.parkedCount = parkedCount;
    }

    /**
     * Parks the request: the handler returns null at once, giving its HTTP thread back, and answers later through
     * the returned {@link Reply} from any thread. Read the body first.
     */
    public Reply park() {
        if (parked == null) {
            parkedCount.incrementAndGet();
            parked = new Reply(exchange, dropAfter, parkedCount::decrementAndGet);
        }
        return parked;
    }

    boolean parked() {
        return parked != null;
    }

    public String method() { return exchange.getRequestMethod(); }

    public String path() { return exchange.getRequestURI().getPath(); }

    public HttpExchange exchange() { return exchange; }

    public String pathVar(String name) { return pathVars.get(name); }

    public String query(String name) { return query.get(name); }

    public String header(String name) { return exchange.getRequestHeaders().getFirst(name); }

    /** Who sent the request, as HttpApi authenticated it; null on routes without authentication. */
    public String principal() { return (String) exchange.getAttribute(PRINCIPAL); }

    public byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Request body exceeds " + MAX_BODY + " bytes");
            }
        }
        return body;
    }

    /** The body as a JSON object; a body declared as anything but JSON (a browser's form or text) is refused. */
    public ObjectNode json() throws IOException {
        RequestGuard.checkJsonBody(exchange.getRequestHeaders());
        return Json.parseObject(body());
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("Malformed query parameter '" + k + "'");
            }
        }
        return out;
    }
}
