package dev.sluice.testing.sea;

import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer given verbatim: status, headers, exact body bytes, an optional delay before it is sent, or a
 * connection-level {@link Fault} instead of any answer. Immutable; the {@code with*} methods return copies.
 *
 * <p>Error factories produce the Databricks error body {@code {"error_code":...,"message":...}} (protocol.md
 * §7.1). Every 429 and 503 made by {@link #error}, {@link #tooManyRequests} or {@link #unavailable} carries
 * {@code Retry-After} (integer seconds), because clients rely on it (§7.2); remove it with
 * {@link #withoutHeader} to test a client against a server that forgets it.
 */
public final class HttpReply {

    /** The 401 body Databricks sends when no (bearer) credential was sent; note the integer error code. */
    public static final String UNAUTHORIZED_BODY =
            "{\"error_code\":401,\"message\":\"Credential was not sent or was of an unsupported type for this API.\"}";
    /** The 403 body Databricks sends for a wrong token; note the integer error code. */
    public static final String FORBIDDEN_BODY = "{\"error_code\":403,\"message\":\"Invalid access token.\"}";

    private static final String CONTENT_TYPE = "Content-Type";
    private static final String JSON = "application/json";

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Fault fault;
    private final Duration delay;
    private final int truncateAt;

    private HttpReply(int status, Map<String, String> headers, byte[] body, Fault fault, Duration delay,
                      int truncateAt) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
        this.fault = fault;
        this.delay = Objects.requireNonNull(delay, "delay is null");
        this.truncateAt = truncateAt;
    }

    /** A reply with this status and exactly this body, {@code Content-Type: application/json}. */
    public static HttpReply of(int status, String jsonBody) {
        Objects.requireNonNull(jsonBody, "jsonBody is null");
        return new HttpReply(status, Map.of(CONTENT_TYPE, JSON), jsonBody.getBytes(StandardCharsets.UTF_8),
                null, Duration.ZERO, -1);
    }

    /** A reply sharing the body array, which nobody modifies; for large payloads built by the server. */
    static HttpReply ofShared(int status, String contentType, byte[] body) {
        return new HttpReply(status, Map.of(CONTENT_TYPE, contentType), body, null, Duration.ZERO, -1);
    }

    /** A reply with this status, no body and no headers. */
    public static HttpReply status(int status) {
        return new HttpReply(status, Map.of(), new byte[0], null, Duration.ZERO, -1);
    }

    /** {@code {"error_code":"<errorCode>","message":"<message>"}}; 429 and 503 get {@code Retry-After: 1}. */
    public static HttpReply error(int status, String errorCode, String message) {
        String body = Json.write(Json.object().put("error_code", errorCode).put("message", message));
        HttpReply reply = of(status, body);
        return status == 429 || status == 503 ? reply.withHeader("Retry-After", "1") : reply;
    }

    /** 400 {@code INVALID_PARAMETER_VALUE}, the answer to a request the server does not accept. */
    public static HttpReply badRequest(String message) {
        return error(400, "INVALID_PARAMETER_VALUE", message);
    }

    /** 401 with {@link #UNAUTHORIZED_BODY} and {@code WWW-Authenticate: Bearer realm="DatabricksRealm"}. */
    public static HttpReply unauthorized() {
        return of(401, UNAUTHORIZED_BODY).withHeader("WWW-Authenticate", "Bearer realm=\"DatabricksRealm\"");
    }

    /** 403 with {@link #FORBIDDEN_BODY}. */
    public static HttpReply forbidden() {
        return of(403, FORBIDDEN_BODY);
    }

    /** 404 {@code RESOURCE_DOES_NOT_EXIST}. */
    public static HttpReply notFound(String message) {
        return error(404, "RESOURCE_DOES_NOT_EXIST", message);
    }

    /** 409 {@code RESOURCE_CONFLICT}. */
    public static HttpReply conflict(String message) {
        return error(409, "RESOURCE_CONFLICT", message);
    }

    /** 429 {@code REQUEST_LIMIT_EXCEEDED} with {@code Retry-After: <seconds>}. */
    public static HttpReply tooManyRequests(int retryAfterSeconds) {
        return error(429, "REQUEST_LIMIT_EXCEEDED", "Too many requests. Please wait a moment and try again.")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** 503 {@code TEMPORARILY_UNAVAILABLE} with {@code Retry-After: <seconds>}. */
    public static HttpReply unavailable(int retryAfterSeconds) {
        return error(503, "TEMPORARILY_UNAVAILABLE", "The service is temporarily unavailable.")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** 500 {@code INTERNAL_ERROR}. */
    public static HttpReply internalError(String message) {
        return error(500, "INTERNAL_ERROR", message);
    }

    /**
     * No HTTP answer at all: the connection suffers the fault, e.g. {@link Fault#CONNECTION_RESET_BY_PEER} or
     * {@link Fault#EMPTY_RESPONSE}.
     */
    public static HttpReply fault(Fault fault) {
        Objects.requireNonNull(fault, "fault is null");
        return new HttpReply(200, Map.of(), new byte[0], fault, Duration.ZERO, -1);
    }

    /** A copy with the header set; a header of the same name (ignoring case) is replaced. */
    public HttpReply withHeader(String name, String value) {
        Objects.requireNonNull(value, "value is null");
        Map<String, String> copy = withoutName(name);
        copy.put(name, value);
        return new HttpReply(status, copy, body, fault, delay, truncateAt);
    }

    /** A copy without the header (ignoring case). */
    public HttpReply withoutHeader(String name) {
        return new HttpReply(status, withoutName(name), body, fault, delay, truncateAt);
    }

    /** A copy with exactly this body (UTF-8); headers are kept. */
    public HttpReply withBody(String text) {
        return withBody(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy with exactly these body bytes; headers are kept. */
    public HttpReply withBody(byte[] bytes) {
        return new HttpReply(status, headers, bytes.clone(), fault, delay, truncateAt);
    }

    /** A copy sent only after this delay (the fault, if any, also happens after it). */
    public HttpReply withDelay(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + wait);
        }
        return new HttpReply(status, headers, body, fault, wait, truncateAt);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The headers in the order they are sent. */
    public Map<String, String> headers() {
        return headers;
    }

    /** First value of a header (ignoring case), or null. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The body bytes (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The connection fault, or null for a normal answer. */
    public Fault fault() {
        return fault;
    }

    /** The delay before the answer. */
    public Duration delay() {
        return delay;
    }

    /** The body bytes without copying; for the server, which never modifies them. */
    byte[] bodyBytes() {
        return body;
    }

    /**
     * A copy that announces the full {@code Content-Length} but sends only the first bytes, then closes the
     * connection: what a client sees when a download breaks mid-body.
     */
    HttpReply truncatedTo(int keepBytes) {
        return new HttpReply(status, headers, body, fault, delay, Math.max(0, keepBytes));
    }

    /** The number of body bytes to send before closing, or -1 to send all. */
    int truncateAt() {
        return truncateAt;
    }

    @Override
    public String toString() {
        return fault != null ? "HttpReply[" + fault + "]" : "HttpReply[" + status + " " + bodyText() + "]";
    }

    private Map<String, String> withoutName(String name) {
        Objects.requireNonNull(name, "name is null");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        return copy;
    }
}
