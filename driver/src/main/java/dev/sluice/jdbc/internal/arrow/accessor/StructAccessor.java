package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.result.SqlStruct;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.List;

/**
 * Arrow Struct vectors (STRUCT): one child vector per field, same row index. getObject is a
 * {@link SqlStruct} (type name = the type text) when complex types are read as objects, else JSON text
 * ({@code {"a":1,"b":"x"}}).
 */
public final class StructAccessor extends ArrowAccessor {
    private final ArrowAccessor[] children;
    private final List<String> names;
    private final String typeText;
    private final boolean asObjects;

    public StructAccessor(ArrowBuffer validity, List<ArrowAccessor> children, List<String> names, SqlType type,
                          boolean asObjects) {
        super(validity, type);
        this.children = children.toArray(new ArrowAccessor[0]);
        this.names = List.copyOf(names);
        this.typeText = type.text();
        this.asObjects = asObjects;
    }

    /** The child accessors, in field order (MAP entries are read through them). */
    public List<ArrowAccessor> children() {
        return List.of(children);
    }

    public Struct getStruct(int row) throws SQLException {
        Object[] attributes = new Object[children.length];
        for (int i = 0; i < children.length; i++) {
            attributes[i] = children[i].isNull(row) ? null : children[i].getNestedObject(row);
        }
        return new SqlStruct(typeText, names, attributes);
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return asObjects ? getStruct(row) : getString(row);
    }

    @Override
    public Object getNestedObject(int row) throws SQLException {
        return getStruct(row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        if (type == Struct.class || type == SqlStruct.class) {
            return (T) getStruct(row);
        }
        return super.getObject(row, type);
    }

    @Override
    public String getString(int row) throws SQLException {
        StringBuilder sb = new StringBuilder();
        appendJson(row, sb);
        return sb.toString();
    }

    @Override
    public void appendJson(int row, StringBuilder out) throws SQLException {
        out.append('{');
        for (int i = 0; i < children.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(out, names.get(i));
            out.append(':');
            if (children[i].isNull(row)) {
                out.append("null");
            } else {
                children[i].appendJson(row, out);
            }
        }
        out.append('}');
    }
}
