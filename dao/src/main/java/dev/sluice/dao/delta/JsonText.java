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
        Object v = parse(text);
        if (v == null) {
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
