package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.catalog.WarehouseSqlError;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Statement parameters: named ({@code :name}) or positional ({@code ordinal}, with {@code ?} in the text),
 * each a string value with a type. Values become typed Java values (java.time for datetimes); a NULL
 * keeps its type through a typed null literal.
 */
public final class Parameters {

    /** One parameter as sent. */
    record Param(String name, Integer ordinal, String type, String value) {
    }

    private static final DateTimeFormatter LOCAL_TS = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private final List<Param> params;

    private Parameters(List<Param> params) {
        this.params = params;
    }

    static Parameters parse(JsonNode array) {
        List<Param> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return new Parameters(out);
        }
        if (!array.isArray()) {
            throw ApiError.invalid("Field 'parameters' must be an array");
        }
        for (JsonNode p : array) {
            if (!p.isObject()) {
                throw ApiError.invalid("Each parameter must be an object with name or ordinal, value and type");
            }
            String name = Json.text(p, "name");
            Long ordinal = Json.longValue(p, "ordinal");
            if (name == null && ordinal == null) {
                throw ApiError.invalid("A parameter needs a 'name' (or an 'ordinal')");
            }
            if (ordinal != null && (ordinal < 1 || ordinal > Integer.MAX_VALUE)) {
                throw ApiError.invalid("Parameter 'ordinal' must be between 1 and " + Integer.MAX_VALUE + ", got " + ordinal);
            }
            JsonNode v = p.get("value");
            if (v != null && v.isContainerNode()) {
                throw ApiError.invalid("The value of parameter '" + (name != null ? name : ordinal) + "' must be a"
                        + " string (or null), got a JSON " + (v.isObject() ? "object" : "array"));
            }
            String value = v == null || v.isNull() ? null : v.asText();
            out.add(new Param(name, ordinal == null ? null : ordinal.intValue(), Json.text(p, "type"), value));
        }
        boolean named = out.stream().anyMatch(x -> x.name() != null);
        boolean positional = out.stream().anyMatch(x -> x.name() == null);
        if (named && positional) {
            throw ApiError.invalid("Parameters must be all named or all positional");
        }
        return new Parameters(out);
    }

    boolean isEmpty() {
        return params.isEmpty();
    }

    boolean positional() {
        return !params.isEmpty() && params.get(0).name() == null;
    }

    Map<String, Object> named(ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : params) {
            out.put(p.name(), value(p, zone));
        }
        return out;
    }

    Object[] ordered(ZoneId zone) {
        List<Param> sorted = new ArrayList<>(params);
        sorted.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        Object[] out = new Object[sorted.size()];
        for (int i = 0; i < out.length; i++) {
            if (sorted.get(i).ordinal() != i + 1) {
                throw ApiError.invalid("Positional parameter ordinals must be 1.." + out.length);
            }
            out[i] = value(sorted.get(i), zone);
        }
        return out;
    }

    static Object value(Param p, ZoneId zone) {
        String type = p.type() == null ? "STRING" : p.type().trim().toUpperCase(Locale.ROOT);
        String base = type.contains("(") ? type.substring(0, type.indexOf('(')).trim() : type;
        if (p.value() == null) {
            return nullOf(base, type);
        }
        String v = p.value();
        try {
            return switch (base) {
                case "INT", "INTEGER" -> Integer.parseInt(v.trim());
                case "LONG", "BIGINT" -> Long.parseLong(v.trim());
                case "SHORT", "SMALLINT" -> Short.parseShort(v.trim());
                case "BYTE", "TINYINT" -> Byte.parseByte(v.trim());
                case "FLOAT", "REAL" -> Float.parseFloat(v.trim());
                case "DOUBLE" -> Double.parseDouble(v.trim());
                case "DECIMAL", "DEC", "NUMERIC" -> new BigDecimal(v.trim());
                case "BOOLEAN" -> bool(v);
                case "DATE" -> LocalDate.parse(v.trim().length() > 10 ? v.trim().substring(0, 10) : v.trim());
                case "TIMESTAMP", "TIMESTAMP_LTZ" -> instant(v.trim(), zone);
                case "TIMESTAMP_NTZ" -> LocalDateTime.parse(v.trim(), LOCAL_TS);
                case "BINARY" -> binary(v);
                case "VOID", "NULL" -> null;
                default -> v;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new WarehouseSqlError("CAST_INVALID_INPUT", "22018", "The value '" + v + "' of the type \"STRING\""
                    + " cannot be cast to \"" + type + "\" because it is malformed (parameter "
                    + (p.name() != null ? p.name() : "#" + p.ordinal()) + ").");
        }
    }

    private static Object nullOf(String base, String type) {
        return null; // Spark binds only literals; typed NULLs of positional markers go into the text
    }

    /** The SQL of a typed NULL for a positional marker, e.g. {@code CAST(NULL AS DECIMAL(10,2))}. */
    String nullLiteral(int ordinal) {
        Param p = params.stream().filter(x -> x.ordinal() == ordinal).findFirst().orElse(null);
        if (p == null || p.value() != null) {
            return null;
        }
        String type = p.type() == null ? "STRING" : p.type().trim().toUpperCase(Locale.ROOT);
        String base = type.contains("(") ? type.substring(0, type.indexOf('(')).trim() : type;
        String sqlType = switch (base) {
            case "VOID", "NULL" -> null;
            case "LONG" -> "BIGINT";
            case "SHORT" -> "SMALLINT";
            case "BYTE" -> "TINYINT";
            case "DECIMAL" -> type.contains("(") ? type : "DECIMAL(38,18)";
            case "ARRAY", "MAP", "STRUCT", "USER_DEFINED_TYPE" -> "STRING";
            default -> type;
        };
        if (sqlType == null || !sqlType.matches("[A-Z_]+( *\\( *\\d+ *(, *\\d+ *)?\\))?")) {
            return "NULL";
        }
        return "CAST(NULL AS " + sqlType + ")";
    }

    private static Boolean bool(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new NumberFormatException(v);
        };
    }

    private static Object instant(String v, ZoneId zone) {
        try {
            return OffsetDateTime.parse(v.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(v, LOCAL_TS).atZone(zone).toInstant();
        }
    }

    private static byte[] binary(String v) {
        try {
            return Base64.getDecoder().decode(v.trim());
        } catch (IllegalArgumentException e) {
            return v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
