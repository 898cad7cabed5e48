package dev.sluice.testing.sea;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One session creation as the driver sent it (protocol.md §3 and §11 step 4). Accessors return null for
 * absent fields; {@link #json()} shows the body exactly as parsed.
 */
public final class SessionRequest {

    private final RecordedRequest request;
    private final Map<String, Object> json;

    SessionRequest(RecordedRequest request) {
        this.request = Objects.requireNonNull(request, "request is null");
        this.json = request.json() == null ? Map.of() : request.json();
    }

    /** The HTTP request that carried this body. */
    public RecordedRequest httpRequest() {
        return request;
    }

    /** The parsed body; empty when the body was absent or not a JSON object. */
    public Map<String, Object> json() {
        return json;
    }

    /** The warehouse: {@code warehouse_id} from the body, else the id in a {@code /warehouses/{id}/sessions} path. */
    public String warehouseId() {
        Object value = json.get("warehouse_id");
        return value instanceof String ? (String) value : request.route().warehouseId();
    }

    /** {@code catalog}. */
    public String catalog() {
        return text("catalog");
    }

    /** {@code schema}. */
    public String schema() {
        return text("schema");
    }

    /** {@code session_confs} with values as sent (normally strings); empty when absent. */
    public Map<String, Object> sessionConfs() {
        Object value = json.get("session_confs");
        if (!(value instanceof Map<?, ?> confs)) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        confs.forEach((key, conf) -> copy.put(String.valueOf(key), conf));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "SessionRequest" + json;
    }

    private String text(String field) {
        Object value = json.get(field);
        return value instanceof String ? (String) value : null;
    }
}
