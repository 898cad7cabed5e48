package dev.sluice.jdbc.internal.result;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.Map;

/**
 * Writes the JSON text that complex values read as strings become: {@code [1,2]}, {@code {"k":1}},
 * {@code {"a":1,"b":"x"}}. Strings are JSON-escaped, SQL NULL is {@code null}, dates and timestamps are
 * quoted text, binary is quoted base64, and non-finite doubles are quoted ({@code "NaN"}) as Spark's
 * {@code to_json} writes them.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code s} as a quoted JSON string. */
    public static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, from, n).append('"');
    }

    /** Appends a double as JSON: a number, or a quoted {@code "NaN"}/{@code "Infinity"}/{@code "-Infinity"}. */
    public static void appendDouble(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append('"').append(d).append('"');
        } else {
            out.append(d);
        }
    }

    /** Appends a float as JSON, like {@link #appendDouble} but with float's shortest text. */
    public static void appendFloat(StringBuilder out, float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            out.append('"').append(f).append('"');
        } else {
            out.append(f);
        }
    }

    /** Appends bytes as a quoted base64 string. */
    public static void appendBase64(StringBuilder out, byte[] bytes) {
        out.append('"').append(Base64.getEncoder().encodeToString(bytes)).append('"');
    }

    /**
     * Appends any value the accessors produce from {@code getObject}: numbers, booleans, text, byte[],
     * dates, timestamps, {@link SqlArray}, {@link SqlStruct} and maps.
     */
    public static void appendObject(StringBuilder out, Object o) {
        if (o == null) {
            out.append("null");
        } else if (o instanceof String) {
            appendQuoted(out, (String) o);
        } else if (o instanceof Double) {
            appendDouble(out, (Double) o);
        } else if (o instanceof Float) {
            appendFloat(out, (Float) o);
        } else if (o instanceof BigDecimal) {
            out.append(((BigDecimal) o).toPlainString());
        } else if (o instanceof Number || o instanceof Boolean) {
            out.append(o);
        } else if (o instanceof byte[]) {
            appendBase64(out, (byte[]) o);
        } else if (o instanceof Timestamp) {
            appendQuoted(out, Temporals.formatTimestamp(((Timestamp) o).toLocalDateTime()));
        } else if (o instanceof SqlArray) {
            ((SqlArray) o).appendJson(out);
        } else if (o instanceof SqlStruct) {
            ((SqlStruct) o).appendJson(out);
        } else if (o instanceof Map) {
            appendMap(out, (Map<?, ?>) o);
        } else {
            appendQuoted(out, o.toString());
        }
    }

    private static void appendMap(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendKey(out, e.getKey());
            out.append(':');
            appendObject(out, e.getValue());
        }
        out.append('}');
    }

    /** Map keys are JSON object names, so every key is written as quoted text. */
    private static void appendKey(StringBuilder out, Object key) {
        if (key instanceof String) {
            appendQuoted(out, (String) key);
        } else {
            StringBuilder k = new StringBuilder();
            appendObject(k, key);
            String s = k.toString();
            if (s.startsWith("\"")) {
                out.append(s);
            } else {
                appendQuoted(out, s);
            }
        }
    }
}
