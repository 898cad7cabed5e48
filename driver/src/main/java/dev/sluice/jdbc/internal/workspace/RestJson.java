package dev.sluice.jdbc.internal.workspace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of the workspace REST APIs (Jobs, Workspace, ...) as plain maps, lists, strings, numbers and booleans. */
public final class RestJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private RestJson() {
    }

    public static byte[] write(Map<String, ?> object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeValue(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Long || value instanceof Integer) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(value.toString());
        }
    }

    /** @throws IOException when the body is not one JSON object */
    public static Map<String, Object> read(byte[] body, String what) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(what + ": the answer is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) readValue(p);
            return object;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(what + ": the answer is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object readValue(JsonParser p) throws IOException {
        return readValue(p, false);
    }

    /**
     * The JSON value at the parser's current token as maps, lists, strings, booleans and numbers: {@code long} and
     * {@code double}, or with {@code exactNumbers} {@code BigInteger} and {@code BigDecimal} (a recording must give
     * back every digit it was sent).
     */
    public static Object readValue(JsonParser p, boolean exactNumbers) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readValue(p, exactNumbers));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, exactNumbers));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return exactNumbers ? p.getBigIntegerValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return exactNumbers ? p.getDecimalValue() : p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    public static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = value instanceof Map ? (Map<String, Object>) value : Map.of();
        return object;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        List<Map<String, Object>> list = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map) {
                    list.add((Map<String, Object>) item);
                }
            }
        }
        return list;
    }

    public static String string(Map<String, Object> object, String key) {
        Object value = object.get(key);
        return value == null ? null : value.toString();
    }

    public static long number(Map<String, Object> object, String key) {
        Object value = object.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
