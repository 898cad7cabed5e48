package dev.sluice.jdbc.internal.result.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.SqlArray;
import dev.sluice.jdbc.internal.result.SqlStruct;
import dev.sluice.jdbc.internal.types.SqlField;
import dev.sluice.jdbc.internal.types.SqlType;
import dev.sluice.jdbc.internal.types.TypeTable;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the JSON text of an ARRAY, MAP or STRUCT value into its object form, guided by the SQL type:
 * ARRAY to {@link SqlArray}, STRUCT to {@link SqlStruct} (fields matched by name, missing ones NULL), MAP
 * to a {@link LinkedHashMap} in text order (a JSON object, keys converted from text to the key type, or
 * an array of {@code {"key":..,"value":..}} objects). Scalars accept a JSON string or a bare JSON
 * number/boolean; VARIANT members keep their JSON text. Streaming (jackson-core), one pass, no tree.
 */
public final class JsonValues {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final ResultOptions options;

    private JsonValues(ResultOptions options) {
        this.options = options;
    }

    /**
     * @throws SQLException 22018 when the text is not JSON of the type's shape, or a scalar error from
     *     {@link JsonScalars}
     */
    public static Object parse(String json, SqlType type, ResultOptions options) throws SQLException {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            Object value = new JsonValues(options).value(p, type);
            if (p.nextToken() != null) {
                throw malformed(type, "text after the value");
            }
            return value;
        } catch (IOException e) {
            throw Errors.of(SqlState.INVALID_CHARACTER_VALUE_FOR_CAST,
                    "cannot read " + type.text() + " from JSON text: " + e.getMessage(), e);
        }
    }

    private Object value(JsonParser p, SqlType type) throws IOException, SQLException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw malformed(type, "no value");
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        switch (type.kind()) {
            case ARRAY:
                return array(p, type);
            case MAP:
                return map(p, type);
            case STRUCT:
                return struct(p, type);
            case VARIANT:
                return serialized(p);
            default:
                return scalar(p, type);
        }
    }

    private Object array(JsonParser p, SqlType type) throws IOException, SQLException {
        expect(p, JsonToken.START_ARRAY, type);
        SqlType element = type.elementType();
        List<Object> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(value(p, element));
        }
        Class<?> component = SqlArray.componentType(TypeTable.describe(element, 0, true).className());
        Object[] elements = SqlArray.newElements(component, values.size());
        try {
            values.toArray(elements);
        } catch (ArrayStoreException e) {
            elements = values.toArray();
        }
        return new SqlArray(element.name(), TypeTable.jdbcType(element), elements);
    }

    private Object map(JsonParser p, SqlType type) throws IOException, SQLException {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (p.currentToken() == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Object entry = struct(p, SqlType.struct(List.of(new SqlField("key", type.keyType()),
                        new SqlField("value", type.valueType()))));
                Object[] kv = ((SqlStruct) entry).getAttributes();
                map.put(kv[0], kv[1]);
            }
            return map;
        }
        expect(p, JsonToken.START_OBJECT, type);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Object key = JsonScalars.convert(p.currentName(), type.keyType(), options.sessionZone());
            p.nextToken();
            map.put(key, value(p, type.valueType()));
        }
        return map;
    }

    private Object struct(JsonParser p, SqlType type) throws IOException, SQLException {
        expect(p, JsonToken.START_OBJECT, type);
        List<SqlField> fields = type.fields();
        Object[] attributes = new Object[fields.size()];
        List<String> names = new ArrayList<>(fields.size());
        for (SqlField f : fields) {
            names.add(f.name());
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int i = names.indexOf(p.currentName());
            p.nextToken();
            if (i < 0) {
                p.skipChildren();
            } else {
                attributes[i] = value(p, fields.get(i).type());
            }
        }
        return new SqlStruct(type.text(), names, attributes);
    }

    private Object scalar(JsonParser p, SqlType type) throws IOException, SQLException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            return JsonScalars.convert(serialized(p), type, options.sessionZone());
        }
        return JsonScalars.convert(p.getText(), type, options.sessionZone());
    }

    /** The JSON text of the value at the parser, re-serialised compactly (strings stay quoted). */
    private static String serialized(JsonParser p) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        return w.toString();
    }

    private static void expect(JsonParser p, JsonToken token, SqlType type) throws SQLException {
        if (p.currentToken() != token) {
            throw malformed(type, "expected " + token.asString() + " but found " + p.currentToken());
        }
    }

    private static SQLException malformed(SqlType type, String problem) {
        return Errors.of(SqlState.INVALID_CHARACTER_VALUE_FOR_CAST,
                "cannot read " + type.text() + " from JSON text: " + problem);
    }
}
