package dev.sluice.testing.sea;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal JSON tree reading and writing on jackson-core alone.
 *
 * <p>Trees are plain Java: {@link Map} (insertion ordered), {@link List}, {@link String}, {@link Long} /
 * {@link BigInteger} / {@link BigDecimal}, {@link Boolean} and {@code null}. Insertion order is kept on
 * write, because the tests compare response bodies byte for byte and field order is part of the shape.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** Starts an insertion-ordered JSON object. */
    static Obj object() {
        return new Obj();
    }

    /** Serializes a tree compactly (no whitespace), as the server does. */
    static String write(Object tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(generator, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Parses a JSON document into a tree.
     *
     * @throws IllegalArgumentException if the text is not one well-formed JSON value
     */
    static Object parse(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty JSON document");
            }
            Object value = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue()
                    : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        };
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return Collections.unmodifiableMap(object);
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            array.add(readValue(parser, next));
        }
        return Collections.unmodifiableList(array);
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Obj obj) {
            writeValue(generator, obj.fields);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                generator.writeFieldName(String.valueOf(field.getKey()));
                writeValue(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Long) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger integer) {
            generator.writeNumber(integer);
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    /** An insertion-ordered JSON object under construction. */
    static final class Obj {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Obj() {
        }

        Obj put(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        /** Puts the field only when the value is not null: the server omits unset optional fields. */
        Obj putIfPresent(String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        @Override
        public String toString() {
            return write(this);
        }
    }
}
