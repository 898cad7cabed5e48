package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.Conversions;
import java.sql.SQLException;
import java.util.List;

/**
 * One column of a {@link MemoryBatch}. The values metadata results hold (String, Integer, Short, Long,
 * Boolean) are answered directly by the getters that match them; anything else, and every other pairing,
 * goes through the checked rules of {@link Conversions}, so an INT read with {@code getShort} is range-checked
 * and never narrowed silently.
 */
final class MemoryAccessor extends ColumnAccessor {
    private final List<Object[]> rows;
    private final int column;

    MemoryAccessor(List<Object[]> rows, int column) {
        this.rows = rows;
        this.column = column;
    }

    private Object value(int row) {
        return rows.get(row)[column];
    }

    @Override
    public boolean isNull(int row) {
        return value(row) == null;
    }

    @Override
    public Object getObject(int row) {
        return value(row);
    }

    @Override
    public String getString(int row) throws SQLException {
        Object v = value(row);
        return v instanceof String ? (String) v : Conversions.toString(v);
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        Object v = value(row);
        return v instanceof Boolean ? (Boolean) v : super.getBoolean(row);
    }

    @Override
    public short getShort(int row) throws SQLException {
        Object v = value(row);
        return v instanceof Short ? (Short) v : super.getShort(row);
    }

    @Override
    public int getInt(int row) throws SQLException {
        Object v = value(row);
        if (v instanceof Integer || v instanceof Short) {
            return ((Number) v).intValue();
        }
        return super.getInt(row);
    }

    @Override
    public long getLong(int row) throws SQLException {
        Object v = value(row);
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        return super.getLong(row);
    }
}
