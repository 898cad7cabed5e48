package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.SqlArray;
import dev.sluice.jdbc.internal.types.SqlType;
import dev.sluice.jdbc.internal.types.TypeTable;
import java.sql.Array;
import java.sql.SQLException;

/**
 * Base of the Arrow list vectors (ARRAY): a row's elements are rows {@code start(row)..end(row)-1} of the
 * child vector. getObject is a {@link SqlArray} when complex types are read as objects, else the JSON
 * text ({@code [1,2,null]}); getArray always gives the SqlArray.
 */
public abstract class ListLikeAccessor extends ArrowAccessor {
    private final ArrowAccessor child;
    private final boolean asObjects;
    private final String baseTypeName;
    private final int baseType;
    private final Class<?> componentType;

    protected ListLikeAccessor(ArrowBuffer validity, ArrowAccessor child, SqlType type, boolean asObjects) {
        super(validity, type);
        this.child = child;
        this.asObjects = asObjects;
        SqlType element = child.sqlType();
        this.baseTypeName = element.name();
        this.baseType = TypeTable.jdbcType(element);
        this.componentType = SqlArray.componentType(TypeTable.describe(element, 0, true).className());
    }

    /** First child row of {@code row}'s elements. */
    protected abstract int start(int row);

    /** One past the last child row of {@code row}'s elements. */
    protected abstract int end(int row);

    @Override
    public Array getArray(int row) throws SQLException {
        int from = start(row);
        int n = end(row) - from;
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = child.isNull(from + i) ? null : child.getNestedObject(from + i);
        }
        return new SqlArray(baseTypeName, baseType, typed(values));
    }

    /** The elements in an array of their Java class, or as Object[] when the wire type differs from the declared one. */
    private Object[] typed(Object[] values) {
        if (componentType == Object.class) {
            return values;
        }
        Object[] typed = SqlArray.newElements(componentType, values.length);
        try {
            System.arraycopy(values, 0, typed, 0, values.length);
            return typed;
        } catch (ArrayStoreException e) {
            return values;
        }
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return asObjects ? getArray(row) : getString(row);
    }

    @Override
    public Object getNestedObject(int row) throws SQLException {
        return getArray(row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        if (type == Array.class || type == SqlArray.class) {
            return (T) getArray(row);
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
        int from = start(row);
        int to = end(row);
        out.append('[');
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.append(',');
            }
            if (child.isNull(i)) {
                out.append("null");
            } else {
                child.appendJson(i, out);
            }
        }
        out.append(']');
    }
}
