package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Conversions;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * FLOAT and DOUBLE ({@code NaN} and {@code Infinity} included): a DOUBLE column is read once into a float[] (every value
 * exactly a float) or a double[] when every value parses and the array keeps the chunk within its bound, else (and for FLOAT) each text is parsed on access. Integer getters truncate
 * toward zero and are range-checked; text is Java's shortest form of the float or double, as from Arrow.
 */
public final class JsonFloatingAccessor extends JsonAccessor {
    private final boolean single;
    private final float[] floats;
    private final double[] values;

    /** @param single true for FLOAT, false for DOUBLE */
    public JsonFloatingAccessor(JsonRows rows, int column, boolean single) {
        super(rows, column);
        this.single = single;
        Object read = single ? null : rows.columnArray(column, c -> JsonNumbers.doubles(rows, c));
        this.floats = read instanceof float[] ? (float[]) read : null;
        this.values = read instanceof double[] ? (double[]) read : null;
    }

    @Override
    public double getDouble(int row) throws SQLException {
        if (floats != null) {
            return floats[row];
        }
        if (values != null) {
            return values[row];
        }
        return single ? JsonScalars.parseFloat(text(row)) : JsonScalars.parseDouble(text(row));
    }

    @Override
    public float getFloat(int row) throws SQLException {
        if (single) {
            return JsonScalars.parseFloat(text(row));
        }
        return Conversions.toFloat(getDouble(row));
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        return getDouble(row) != 0;
    }

    @Override
    public byte getByte(int row) throws SQLException {
        return (byte) Conversions.truncate(getDouble(row), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int row) throws SQLException {
        return (short) Conversions.truncate(getDouble(row), Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int row) throws SQLException {
        return (int) Conversions.truncate(getDouble(row), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int row) throws SQLException {
        return Conversions.truncate(getDouble(row), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public BigDecimal getBigDecimal(int row) throws SQLException {
        if (single) {
            float f = getFloat(row);
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                throw Conversions.outOfRange(f, "BigDecimal");
            }
            return new BigDecimal(Float.toString(f));
        }
        return Conversions.toBigDecimal(getDouble(row));
    }

    @Override
    public String getString(int row) throws SQLException {
        return single ? Float.toString(getFloat(row)) : Double.toString(getDouble(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        if (single) {
            return getFloat(row);
        }
        return getDouble(row);
    }
}
