package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.SqlArray;
import dev.sluice.jdbc.internal.result.json.JsonValues;
import dev.sluice.jdbc.internal.types.SqlKind;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.Map;

/**
 * A text vector whose values are JSON: VARIANT sent as Utf8, and ARRAY/MAP/STRUCT sent as JSON strings
 * (as Thrift-era servers do). getString is the text; for complex types getObject parses it, guided by
 * the type text, into Array/Struct/Map when complex types are read as objects. Inside enclosing JSON
 * the text is embedded as JSON, not quoted.
 */
public final class JsonTextAccessor extends ArrowAccessor {
    private final TextAccessor text;
    private final ResultOptions options;
    private final boolean complex;

    public JsonTextAccessor(TextAccessor text, SqlType type, ResultOptions options) {
        super(null, type);
        this.text = text;
        this.options = options;
        this.complex = type.kind().isComplex();
    }

    @Override
    public boolean isNull(int row) {
        return text.isNull(row);
    }

    @Override
    public String getString(int row) {
        return text.getString(row);
    }

    @Override
    public byte[] getBytes(int row) {
        return text.getBytes(row);
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return complex && options.complexTypesAsObjects() ? getNestedObject(row) : getString(row);
    }

    @Override
    public Object getNestedObject(int row) throws SQLException {
        return complex ? JsonValues.parse(getString(row), sqlType(), options) : getString(row);
    }

    @Override
    public Array getArray(int row) throws SQLException {
        if (sqlType().kind() == SqlKind.ARRAY) {
            return (Array) getNestedObject(row);
        }
        return super.getArray(row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        if (complex && (type == Array.class || type == SqlArray.class || type == Struct.class || type == Map.class)) {
            Object o = getNestedObject(row);
            if (type.isInstance(o)) {
                return (T) o;
            }
        }
        return super.getObject(row, type);
    }

    @Override
    public void appendJson(int row, StringBuilder out) {
        out.append(getString(row));
    }
}
