package dev.sluice.jdbc.internal.result;

import java.sql.Struct;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A STRUCT value as {@link java.sql.Struct}: attributes in field order, each the {@code getObject}
 * value of its field type. {@link #getSQLTypeName()} is the full type text
 * ({@code STRUCT<a: INT, b: STRING>}); {@link #toString()} is the JSON text of the value. Type maps are
 * ignored: Databricks has no user-defined types.
 */
public final class SqlStruct implements Struct {
    private final String typeName;
    private final List<String> fieldNames;
    private final Object[] attributes;

    /**
     * @param typeName the STRUCT's type text
     * @param fieldNames the field names, in order, for {@link #toString()}
     * @param attributes the values; kept, not copied (callers pass a fresh array)
     */
    public SqlStruct(String typeName, List<String> fieldNames, Object[] attributes) {
        this.typeName = Objects.requireNonNull(typeName, "typeName is null");
        this.fieldNames = List.copyOf(fieldNames);
        this.attributes = Objects.requireNonNull(attributes, "attributes is null");
        if (fieldNames.size() != attributes.length) {
            throw new IllegalArgumentException(fieldNames.size() + " names for " + attributes.length + " attributes");
        }
    }

    @Override
    public String getSQLTypeName() {
        return typeName;
    }

    @Override
    public Object[] getAttributes() {
        return attributes.clone();
    }

    @Override
    public Object[] getAttributes(Map<String, Class<?>> map) {
        return getAttributes();
    }

    /** The field names, in attribute order. */
    public List<String> fieldNames() {
        return fieldNames;
    }

    void appendJson(StringBuilder out) {
        out.append('{');
        for (int i = 0; i < attributes.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(out, fieldNames.get(i));
            out.append(':');
            JsonText.appendObject(out, attributes[i]);
        }
        out.append('}');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlStruct
                && ((SqlStruct) o).typeName.equals(typeName)
                && java.util.Arrays.deepEquals(((SqlStruct) o).attributes, attributes);
    }

    @Override
    public int hashCode() {
        return typeName.hashCode() * 31 + java.util.Arrays.deepHashCode(attributes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendJson(sb);
        return sb.toString();
    }
}
