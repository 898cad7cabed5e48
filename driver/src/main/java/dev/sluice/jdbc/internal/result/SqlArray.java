package dev.sluice.jdbc.internal.result;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An ARRAY value as {@link java.sql.Array}, materialised when read: its elements are the
 * {@code getObject} values of the element type (nested ARRAY/STRUCT/MAP as Array/Struct/Map), held in an
 * array of the element's Java class ({@code Integer[]}, {@code String[]}, ...) so that casts to either
 * that class or {@code Object[]} work.
 *
 * <p>Type maps are ignored: Databricks has no user-defined types to map. {@code getResultSet} is not
 * supported (SQLFeatureNotSupportedException): the values are available through {@code getArray}.
 * {@link #toString()} is the JSON text of the value.
 */
public final class SqlArray implements Array {
    private final String baseTypeName;
    private final int baseType;
    private volatile Object[] elements;

    /**
     * @param baseTypeName the element's SQL type name ({@code INT}, {@code STRUCT}, ...)
     * @param baseType the element's {@link java.sql.Types} code
     * @param elements the elements; kept, not copied (callers pass a fresh array)
     */
    public SqlArray(String baseTypeName, int baseType, Object[] elements) {
        this.baseTypeName = Objects.requireNonNull(baseTypeName, "baseTypeName is null");
        this.baseType = baseType;
        this.elements = Objects.requireNonNull(elements, "elements is null");
    }

    /**
     * The class of elements whose {@code getObject} class is named {@code className} (as
     * {@code ResultSetMetaData.getColumnClassName} spells it); Object when it is not a platform class.
     */
    public static Class<?> componentType(String className) {
        try {
            Class<?> c = Class.forName(className, false, ClassLoader.getPlatformClassLoader());
            return c.isPrimitive() ? Object.class : c;
        } catch (ClassNotFoundException | LinkageError e) {
            return Object.class;
        }
    }

    /** A new, empty element array of {@code componentType}. */
    public static Object[] newElements(Class<?> componentType, int length) {
        return (Object[]) java.lang.reflect.Array.newInstance(componentType, length);
    }

    private Object[] elements() throws SQLException {
        Object[] e = elements;
        if (e == null) {
            throw Errors.of(SqlState.FUNCTION_SEQUENCE_ERROR, "the Array was freed");
        }
        return e;
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        elements();
        return baseTypeName;
    }

    @Override
    public int getBaseType() throws SQLException {
        elements();
        return baseType;
    }

    @Override
    public Object getArray() throws SQLException {
        return elements().clone();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return getArray();
    }

    /**
     * Elements {@code index} (1-based) to {@code index + count - 1}, fewer when the array ends first.
     *
     * @throws SQLException 2202E when {@code index} is not within 1..length+1 or {@code count} is negative
     */
    @Override
    public Object getArray(long index, int count) throws SQLException {
        Object[] e = elements();
        if (index < 1 || index > e.length + 1L || count < 0) {
            throw Errors.of("2202E", "array slice index " + index + " count " + count
                    + " is outside an array of " + e.length + " elements", null);
        }
        int from = (int) (index - 1);
        int to = (int) Math.min(e.length, from + (long) count);
        return Arrays.copyOfRange(e, from, to);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw Errors.notSupported("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        throw Errors.notSupported("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        throw Errors.notSupported("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        throw Errors.notSupported("Array.getResultSet");
    }

    @Override
    public void free() {
        elements = null;
    }

    void appendJson(StringBuilder out) {
        Object[] e = elements;
        if (e == null) {
            out.append("null");
            return;
        }
        out.append('[');
        for (int i = 0; i < e.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendObject(out, e[i]);
        }
        out.append(']');
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendJson(sb);
        return sb.toString();
    }
}
