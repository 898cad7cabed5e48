package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.types.SqlKind;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * BYTE, SHORT, INT and LONG (TINYINT..BIGINT): the column is read once into an int[] (every value fits an int)
 * or a long[] when every value is plain integer text and the array keeps the chunk within its held-bytes
 * bound, else each text is parsed as a long on access; narrowing getters are range-checked (22003) and
 * getObject is the box of the column's own type.
 */
public final class JsonIntegerAccessor extends JsonAccessor {
    private final SqlKind kind;
    private final int[] ints;
    private final long[] longs;

    /** @param kind TINYINT, SMALLINT, INT or BIGINT */
    public JsonIntegerAccessor(JsonRows rows, int column, SqlKind kind) {
        super(rows, column);
        this.kind = kind;
        Object values = rows.columnArray(column, c -> JsonNumbers.integers(rows, c));
        this.ints = values instanceof int[] ? (int[]) values : null;
        this.longs = values instanceof long[] ? (long[]) values : null;
    }

    @Override
    public long getLong(int row) throws SQLException {
        if (ints != null) {
            return ints[row];
        }
        if (longs != null) {
            return longs[row];
        }
        String s = text(row);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Conversions.toLong(s, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        }
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        return getLong(row) != 0;
    }

    @Override
    public byte getByte(int row) throws SQLException {
        return Conversions.toByte(getLong(row));
    }

    @Override
    public short getShort(int row) throws SQLException {
        return Conversions.toShort(getLong(row));
    }

    @Override
    public int getInt(int row) throws SQLException {
        return Conversions.toInt(getLong(row));
    }

    @Override
    public float getFloat(int row) throws SQLException {
        return getLong(row);
    }

    @Override
    public double getDouble(int row) throws SQLException {
        return getLong(row);
    }

    @Override
    public BigDecimal getBigDecimal(int row) throws SQLException {
        return BigDecimal.valueOf(getLong(row));
    }

    @Override
    public String getString(int row) throws SQLException {
        return Long.toString(getLong(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        switch (kind) {
            case TINYINT:
                return getByte(row);
            case SMALLINT:
                return getShort(row);
            case INT:
                return getInt(row);
            default:
                return getLong(row);
        }
    }
}
