package dev.sluice.jdbc.internal.simulate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sluice.jdbc.internal.workspace.RestJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as maps, lists, strings, numbers and booleans, for recordings: any top-level value, numbers kept exactly
 * (a recording must give back what the server sent), mapping files pretty-printed so a reviewer can read them.
 */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private Json() {
    }

    /** The value, or null when the bytes are not JSON (an Arrow chunk, plain text). */
    static Object parseOrNull(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        byte first = bytes[0];
        if (first != '{' && first != '[') {
            return null;
        }
        try {
            return parse(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    static Object parse(byte[] bytes) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            p.nextToken();
            Object value = read(p);
            if (p.nextToken() != null) {
                throw new IOException("text after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    private static Object read(JsonParser p) throws IOException {
        if (p.currentToken() == null) {
            throw new IOException("no JSON value");
        }
        return RestJson.readValue(p, true);
    }

    static byte[] write(Object value, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, value, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One spelling per value: keys sorted at every depth, no spaces; for comparing request bodies. */
    static String canonical(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, Object value, boolean sorted) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            Map<?, ?> entries = sorted ? new TreeMap<>(map) : map;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue(), sorted);
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item, sorted);
            }
            g.writeEndArray();
        } else if (value instanceof java.math.BigInteger n) {
            g.writeNumber(n);
        } else if (value instanceof BigDecimal n) {
            g.writeNumber(n);
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }
}
