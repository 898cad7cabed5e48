package dev.sluice.testing.sea;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of one {@code POST /api/2.0/sql/statements} as the driver sent it, with typed accessors for the
 * fields of protocol.md §1.2 and §1.11. Accessors return null for fields that were absent (or not of the
 * expected JSON type); {@link #json()} shows the body exactly as parsed, to assert on presence and omission.
 */
public final class StatementRequest {

    private static final Pattern WAIT_TIMEOUT = Pattern.compile("(\\d{1,3})s");

    private final RecordedRequest request;
    private final Map<String, Object> json;

    StatementRequest(RecordedRequest request) {
        this.request = Objects.requireNonNull(request, "request is null");
        this.json = request.json() == null ? Map.of() : request.json();
    }

    /** The HTTP request that carried this body (headers, path, arrival order). */
    public RecordedRequest httpRequest() {
        return request;
    }

    /** The parsed body; empty when the body was not a JSON object. */
    public Map<String, Object> json() {
        return json;
    }

    /** Whether the body has the field at all (even with a null value). */
    public boolean has(String field) {
        return json.containsKey(field);
    }

    /** {@code statement}: the SQL text. */
    public String statement() {
        return text("statement");
    }

    /** {@code warehouse_id}. */
    public String warehouseId() {
        return text("warehouse_id");
    }

    /** {@code session_id} (connector extension). */
    public String sessionId() {
        return text("session_id");
    }

    /** {@code catalog}. */
    public String catalog() {
        return text("catalog");
    }

    /** {@code schema}. */
    public String schema() {
        return text("schema");
    }

    /** {@code disposition}: INLINE, EXTERNAL_LINKS or INLINE_OR_EXTERNAL_LINKS as sent. */
    public String disposition() {
        return text("disposition");
    }

    /** {@code format}: JSON_ARRAY, ARROW_STREAM or CSV as sent. */
    public String format() {
        return text("format");
    }

    /** {@code wait_timeout} as sent, e.g. {@code "10s"}. */
    public String waitTimeout() {
        return text("wait_timeout");
    }

    /** {@code on_wait_timeout}: CONTINUE or CANCEL as sent. */
    public String onWaitTimeout() {
        return text("on_wait_timeout");
    }

    /** {@code result_compression} (connector extension): LZ4_FRAME or NONE as sent. */
    public String resultCompression() {
        return text("result_compression");
    }

    /** {@code row_limit}, or null. */
    public Long rowLimit() {
        return number("row_limit");
    }

    /** {@code byte_limit}, or null. */
    public Long byteLimit() {
        return number("byte_limit");
    }

    /** {@code parameters} items exactly as sent (each a JSON object); empty when absent. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> parameters() {
        Object value = json.get("parameters");
        return value instanceof List ? (List<Map<String, Object>>) value : List.of();
    }

    /** {@code query_tags} items exactly as sent; empty when absent. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> queryTags() {
        Object value = json.get("query_tags");
        return value instanceof List ? (List<Map<String, Object>>) value : List.of();
    }

    /**
     * The wait the server grants: {@code wait_timeout} in seconds, 10 when absent (the documented default),
     * -1 when it is not of the form {@code "<digits>s"}. Range checks are the server's business.
     */
    public int waitTimeoutSeconds() {
        if (!has("wait_timeout")) {
            return 10;
        }
        String value = waitTimeout();
        Matcher matcher = value == null ? null : WAIT_TIMEOUT.matcher(value);
        return matcher != null && matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** Whether the driver asked the server to cancel a statement still running when the wait ends. */
    public boolean cancelsOnWaitTimeout() {
        return "CANCEL".equals(onWaitTimeout());
    }

    @Override
    public String toString() {
        return "StatementRequest" + json;
    }

    private String text(String field) {
        Object value = json.get(field);
        return value instanceof String ? (String) value : null;
    }

    private Long number(String field) {
        Object value = json.get(field);
        return value instanceof Long ? (Long) value : null;
    }
}
