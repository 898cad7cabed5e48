package dev.sluice.dao.delta;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MAP, ARRAY and STRUCT cells arrive as JSON text through {@code getString} (Databricks' JSON rendering of complex
 * values); this reads them into maps, lists, strings, longs, doubles and booleans.
 */
final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    static Object parse(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            return value(p);
        } catch (IOException e) {
            throw new SQLException("cannot read a complex value as JSON: " + abbreviate(text), "22000", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) throws SQLException {
        Object v;
        try {
            v = parse(text);
        } catch (SQLException e) {
            Map<String, Object> m = unescapedMap(text);
            if (m == null) {
                throw e;
            }
            return m;
        }
        // some drivers print an empty map as []
        if (v == null || v instanceof List<?> l && l.isEmpty()) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new SQLException("expected a JSON object, got " + abbreviate(text), "22000");
        }
        return (Map<String, Object>) v;
    }

    static List<String> strings(String text) throws SQLException {
        Object v = parse(text);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new SQLException("expected a JSON array, got " + abbreviate(text), "22000");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(o == null ? null : o.toString());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A MAP&lt;STRING, STRING&gt; as some drivers print it: JSON-like but with the values' own quotes left unescaped
     * ({@code {"predicate":"["(id = 2)"]"}}). A value ends at a {@code ","} or the closing {@code "}} met outside the
     * brackets it opened. Null when the text does not have that shape.
     */
    static Map<String, Object> unescapedMap(String text) {
        String t = text.trim();
        if (!t.startsWith("{\"") || !t.endsWith("}")) {
            return t.equals("{}") ? Map.of() : null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        int i = 1;
        while (i < t.length() - 1) {
            if (t.charAt(i) != '"') {
                return null;
            }
            int keyEnd = t.indexOf("\":", i + 1);
            if (keyEnd < 0) {
                return null;
            }
            String key = t.substring(i + 1, keyEnd);
            int v = keyEnd + 2;
            if (t.startsWith("null", v)) {
                m.put(key, null);
                i = v + 4;
            } else {
                if (t.charAt(v) != '"') {
                    return null;
                }
                int depth = 0;
                int j = v + 1;
                for (; j < t.length(); j++) {
                    char ch = t.charAt(j);
                    if (ch == '[' || ch == '{') {
                        depth++;
                    } else if (ch == ']' || ch == '}') {
                        depth--;
                    } else if (ch == '"' && depth <= 0 && (t.startsWith("\",\"", j) || j == t.length() - 2)) {
                        break;
                    }
                }
                if (j >= t.length()) {
                    return null;
                }
                m.put(key, t.substring(v + 1, j));
                i = j + 1;
            }
            if (t.charAt(i) == ',') {
                i++;
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return null;
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return Collections.unmodifiableMap(m);
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return Collections.unmodifiableList(l);
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
