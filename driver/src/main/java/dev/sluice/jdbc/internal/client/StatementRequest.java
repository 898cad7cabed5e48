package dev.sluice.jdbc.internal.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /api/2.0/sql/statements/}. Null and non-positive optional values are omitted from
 * the wire, as the server's defaults apply then.
 *
 * @param statement SQL text
 * @param warehouseId warehouse to run on
 * @param sessionId session (connector extension), or null
 * @param catalog default catalog, or null
 * @param schema default schema, or null
 * @param parameters parameters in order; omitted when empty
 * @param disposition where results go, or null for the server default (INLINE)
 * @param format result format, or null for the server default (JSON_ARRAY)
 * @param waitTimeout how long the POST may wait for completion: zero or 5 to 50 whole seconds; null for the
 *     server default (10 s)
 * @param onWaitTimeout what happens when the wait times out, or null for the server default (CONTINUE)
 * @param rowLimit row limit, or a value {@code <= 0} for none
 * @param byteLimit byte limit, or a value {@code <= 0} for none
 * @param resultCompression requested payload compression, or null to omit
 * @param queryTags query tags in order; a null value is a key-only tag; omitted when empty
 */
public record StatementRequest(String statement, String warehouseId, String sessionId, String catalog, String schema,
                               List<StatementParameter> parameters, Disposition disposition, ResultFormat format,
                               Duration waitTimeout, OnWaitTimeout onWaitTimeout, long rowLimit, long byteLimit,
                               ResultCompression resultCompression, Map<String, String> queryTags) {

    /** Where the result rows are delivered. */
    public enum Disposition {
        INLINE,
        EXTERNAL_LINKS,
        /** Connector extension: small results inline (Arrow attachment), large ones as external links. */
        INLINE_OR_EXTERNAL_LINKS
    }

    /** What the server does when {@code wait_timeout} elapses before the statement finishes. */
    public enum OnWaitTimeout {
        CONTINUE,
        CANCEL
    }

    /**
     * @throws NullPointerException when statement or warehouseId is null
     * @throws IllegalArgumentException for a wait timeout other than 0 or 5..50 whole seconds, for
     *     {@code UNKNOWN} format or compression, or for a blank query tag key
     */
    public StatementRequest {
        Objects.requireNonNull(statement, "statement is null");
        Objects.requireNonNull(warehouseId, "warehouseId is null");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        queryTags = queryTags == null || queryTags.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(queryTags));
        if (waitTimeout != null) {
            long seconds = waitTimeout.getSeconds();
            if (waitTimeout.getNano() != 0 || !(seconds == 0 || (seconds >= 5 && seconds <= 50))) {
                throw new IllegalArgumentException("waitTimeout must be 0 or 5..50 whole seconds, got " + waitTimeout);
            }
        }
        if (format == ResultFormat.UNKNOWN || resultCompression == ResultCompression.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is not a value that can be requested");
        }
        for (String key : queryTags.keySet()) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("query tag keys must not be blank");
            }
        }
    }

    /** A builder with only the required fields set. */
    public static Builder builder(String statement, String warehouseId) {
        return new Builder(statement, warehouseId);
    }

    /** Builds {@link StatementRequest}s; every setter returns this builder. */
    public static final class Builder {
        private final String statement;
        private final String warehouseId;
        private String sessionId;
        private String catalog;
        private String schema;
        private List<StatementParameter> parameters = List.of();
        private Disposition disposition;
        private ResultFormat format;
        private Duration waitTimeout;
        private OnWaitTimeout onWaitTimeout;
        private long rowLimit;
        private long byteLimit;
        private ResultCompression resultCompression;
        private Map<String, String> queryTags = Map.of();

        private Builder(String statement, String warehouseId) {
            this.statement = statement;
            this.warehouseId = warehouseId;
        }

        public Builder sessionId(String value) {
            this.sessionId = value;
            return this;
        }

        public Builder catalog(String value) {
            this.catalog = value;
            return this;
        }

        public Builder schema(String value) {
            this.schema = value;
            return this;
        }

        public Builder parameters(List<StatementParameter> value) {
            this.parameters = value;
            return this;
        }

        public Builder disposition(Disposition value) {
            this.disposition = value;
            return this;
        }

        public Builder format(ResultFormat value) {
            this.format = value;
            return this;
        }

        public Builder waitTimeout(Duration value) {
            this.waitTimeout = value;
            return this;
        }

        public Builder onWaitTimeout(OnWaitTimeout value) {
            this.onWaitTimeout = value;
            return this;
        }

        public Builder rowLimit(long value) {
            this.rowLimit = value;
            return this;
        }

        public Builder byteLimit(long value) {
            this.byteLimit = value;
            return this;
        }

        public Builder resultCompression(ResultCompression value) {
            this.resultCompression = value;
            return this;
        }

        public Builder queryTags(Map<String, String> value) {
            this.queryTags = value;
            return this;
        }

        /** @throws IllegalArgumentException as {@link StatementRequest}'s constructor */
        public StatementRequest build() {
            return new StatementRequest(statement, warehouseId, sessionId, catalog, schema, parameters, disposition,
                    format, waitTimeout, onWaitTimeout, rowLimit, byteLimit, resultCompression, queryTags);
        }
    }
}
