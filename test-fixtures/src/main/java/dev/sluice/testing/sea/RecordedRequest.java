package dev.sluice.testing.sea;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One HTTP request as the server received it, before any scripted answer. Immutable.
 *
 * <p>Header names compare case-insensitively. The body is kept as sent; {@link #json()} is its parse when it
 * is a JSON object.
 */
public final class RecordedRequest {

    private final long sequence;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Map<String, Object> json;
    private final Route route;

    RecordedRequest(long sequence, Instant receivedAt, String method, String url,
                    Map<String, List<String>> headers, byte[] body) {
        this.sequence = sequence;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt is null");
        this.method = Objects.requireNonNull(method, "method is null");
        int question = url.indexOf('?');
        this.path = question < 0 ? url : url.substring(0, question);
        this.rawQuery = question < 0 ? null : url.substring(question + 1);
        this.query = parseQuery(rawQuery);
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> sorted.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(sorted);
        this.body = body == null ? new byte[0] : body.clone();
        this.json = parseObject(this.body);
        this.route = Route.of(method, path);
    }

    /** Position of this request in arrival order, from 1. */
    public long sequence() {
        return sequence;
    }

    /** When the server received the request. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** Path without query string, as sent (not decoded). */
    public String path() {
        return path;
    }

    /** The raw query string without {@code ?}, or null when there was none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Decoded query parameters in order of appearance. */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /** First value of a query parameter, or null. */
    public String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All headers; the map's keys compare case-insensitively. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a header (case-insensitive name), or null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the header was sent (case-insensitive name). */
    public boolean hasHeader(String name) {
        return headers.containsKey(name);
    }

    /** The body bytes as sent (a copy); empty when there was none. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as a JSON object (insertion ordered, unmodifiable; numbers as Long, BigInteger or
     * BigDecimal), or null when the body is empty, malformed or not an object.
     */
    public Map<String, Object> json() {
        return json;
    }

    /** What the request addressed. */
    public Endpoint endpoint() {
        return route.endpoint();
    }

    /** The statement id in the path (statement, cancel, close, chunk and download requests), or null. */
    public String statementId() {
        return route.statementId();
    }

    /** The chunk index in the path (chunk and download requests). */
    public OptionalInt chunkIndex() {
        return route.chunkIndex() < 0 ? OptionalInt.empty() : OptionalInt.of(route.chunkIndex());
    }

    /** The session id in the path (session deletes), or null. */
    public String sessionId() {
        return route.sessionId();
    }

    Route route() {
        return route;
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(parameters);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseObject(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            Object tree = Json.parse(body);
            return tree instanceof Map ? (Map<String, Object>) tree : null;
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }
}
