package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Json;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A validated ExecuteStatement request (protocol.md §1.2 plus the connector extensions of §1.11). */
record StatementRequest(String statement, String warehouseId, String catalog, String schema, String sessionId,
                        Parameters parameters, Disposition disposition, ResultFormat format, Duration waitTimeout,
                        boolean cancelOnTimeout, Long rowLimit, Long byteLimit, String compression) {

    private static final Pattern WAIT = Pattern.compile("(\\d{1,9})s");
    private static final int MAX_STATEMENT = 16 << 20;

    static StatementRequest parse(JsonNode body) {
        String statement = Json.text(body, "statement");
        if (statement == null || statement.isBlank()) {
            throw ApiError.invalid("Field 'statement' is required and must not be empty");
        }
        if (statement.length() > MAX_STATEMENT) {
            throw ApiError.invalid("Field 'statement' exceeds 16 MiB");
        }
        String warehouseId = Json.text(body, "warehouse_id");
        if (warehouseId == null || warehouseId.isBlank()) {
            throw ApiError.invalid("Field 'warehouse_id' is required");
        }
        Disposition disposition = enumValue(Disposition.class, body, "disposition", Disposition.INLINE);
        ResultFormat format = enumValue(ResultFormat.class, body, "format", ResultFormat.JSON_ARRAY);
        if (format == ResultFormat.CSV && disposition == Disposition.INLINE) {
            throw ApiError.invalid("The format CSV is only supported with disposition EXTERNAL_LINKS");
        }
        Duration wait = waitTimeout(Json.text(body, "wait_timeout"));
        String onTimeout = Json.text(body, "on_wait_timeout");
        if (onTimeout != null && !onTimeout.equals("CONTINUE") && !onTimeout.equals("CANCEL")) {
            throw ApiError.invalid("on_wait_timeout must be CONTINUE or CANCEL, got '" + onTimeout + "'");
        }
        Long rowLimit = nonNegative(body, "row_limit");
        Long byteLimit = nonNegative(body, "byte_limit");
        String compression = Json.text(body, "result_compression");
        if (compression != null && !compression.equals("LZ4_FRAME") && !compression.equals("NONE")) {
            throw ApiError.invalid("result_compression must be LZ4_FRAME or NONE, got '" + compression + "'");
        }
        return new StatementRequest(statement, warehouseId, Json.text(body, "catalog"), Json.text(body, "schema"),
                Json.text(body, "session_id"), Parameters.parse(body.get("parameters")), disposition, format, wait,
                "CANCEL".equals(onTimeout), rowLimit, byteLimit, compression);
    }

    boolean lz4() {
        return "LZ4_FRAME".equals(compression) && format == ResultFormat.ARROW_STREAM;
    }

    private static Duration waitTimeout(String text) {
        if (text == null) {
            return Duration.ofSeconds(10);
        }
        Matcher m = WAIT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long s = Long.parseLong(m.group(1));
            if (s == 0 || (s >= 5 && s <= 50)) {
                return Duration.ofSeconds(s);
            }
        }
        throw ApiError.invalid("wait_timeout must be '0s' or between '5s' and '50s', got '" + text + "'");
    }

    private static Long nonNegative(JsonNode body, String field) {
        Long v = Json.longValue(body, field);
        if (v != null && v < 0) {
            throw ApiError.invalid("Field '" + field + "' must not be negative, got " + v);
        }
        return v;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode body, String field, E dflt) {
        String v = Json.text(body, field);
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("Field '" + field + "' has an unknown value '" + v + "'");
        }
    }
}
