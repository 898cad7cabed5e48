package dev.sluice.warehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One fault: what to do ({@link Action}) to which requests (path regex, method) and how many times.
 * Parsed from the JSON documented in the module README.
 */
final class FaultRule {

    enum Action {
        LATENCY, ERROR, DROP,
        /** Handle the request (a statement POST runs its statement), then close without answering. */
        DROP_AFTER,
        SLOW_DOWNLOAD, TRUNCATE_DOWNLOAD, EXPIRE_TOKEN
    }

    /** A fault holds an HTTP thread while it waits: ten minutes is more than any test needs. */
    private static final long MAX_LATENCY_MS = 600_000;

    final Action action;
    final Pattern path;
    final String method;
    final AtomicLong remaining;
    final long latencyMs;
    final int status;
    final int retryAfterSeconds;
    final String errorCode;
    final String message;
    final long bytesPerSecond;
    final long afterBytes;
    final String token;
    private final JsonNode source;

    private FaultRule(Action action, JsonNode json) {
        this.action = action;
        this.source = json.deepCopy();
        String p = Json.text(json, "path");
        try {
            this.path = p == null ? null : Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw ApiError.invalid("fault 'path' is not a valid regular expression: " + p);
        }
        String m = Json.text(json, "method");
        this.method = m == null ? null : m.toUpperCase(Locale.ROOT);
        Long count = Json.longValue(json, "count");
        this.remaining = new AtomicLong(count == null ? Long.MAX_VALUE : count);
        this.latencyMs = orDefault(Json.longValue(json, "latency_ms"), 0);
        this.status = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                orDefault(Json.longValue(json, "status"), 503)));
        this.retryAfterSeconds = (int) Math.max(Integer.MIN_VALUE, Math.min(86_400,
                orDefault(Json.longValue(json, "retry_after_seconds"), 1)));
        String code = Json.text(json, "error_code");
        this.errorCode = code != null ? code : defaultCode(status);
        String msg = Json.text(json, "message");
        this.message = msg != null ? msg : "Injected fault: HTTP " + status;
        this.bytesPerSecond = orDefault(Json.longValue(json, "bytes_per_second"), 64 * 1024);
        this.afterBytes = orDefault(Json.longValue(json, "after_bytes"), 0);
        this.token = Json.text(json, "token");
        nonNegative("count", remaining.get());
        nonNegative("latency_ms", latencyMs);
        nonNegative("retry_after_seconds", retryAfterSeconds);
        nonNegative("after_bytes", afterBytes);
        if (latencyMs > MAX_LATENCY_MS) {
            throw ApiError.invalid("fault 'latency_ms' must be at most " + MAX_LATENCY_MS + ", got " + latencyMs);
        }
        if (action == Action.ERROR && (status < 400 || status > 599)) {
            throw ApiError.invalid("fault 'status' must be 4xx or 5xx, got " + status);
        }
        if (bytesPerSecond <= 0) {
            throw ApiError.invalid("fault 'bytes_per_second' must be positive");
        }
    }

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw ApiError.invalid("fault '" + field + "' must not be negative, got " + value);
        }
    }

    static FaultRule parse(JsonNode json) {
        String a = Json.text(json, "action");
        if (a == null) {
            throw ApiError.invalid("fault needs an 'action'");
        }
        Action action;
        try {
            action = Action.valueOf(a.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("unknown fault action '" + a + "'");
        }
        return new FaultRule(action, json);
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equals(requestMethod))
                && (path == null || path.matcher(requestPath).find());
    }

    /** Takes one use of the rule; false once its count is spent. */
    boolean take() {
        return remaining.getAndUpdate(n -> n == Long.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
    }

    boolean spent() {
        return remaining.get() <= 0;
    }

    ObjectNode describe() {
        ObjectNode n = (ObjectNode) source.deepCopy();
        n.put("remaining", remaining.get() == Long.MAX_VALUE ? -1 : remaining.get());
        return n;
    }

    private static long orDefault(Long v, long d) {
        return v == null ? d : v;
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "TEMPORARILY_UNAVAILABLE";
            case 500 -> "INTERNAL_ERROR";
            case 404 -> "RESOURCE_DOES_NOT_EXIST";
            default -> "BAD_REQUEST";
        };
    }
}
