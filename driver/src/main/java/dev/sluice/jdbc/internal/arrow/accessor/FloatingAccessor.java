package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.types.SqlType;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * Shared getters of the floating-point vectors: integer getters truncate toward zero as a cast does and
 * raise 22003 when the value (or NaN/infinity) does not fit; nothing boxes.
 */
public abstract class FloatingAccessor extends ArrowAccessor {
    protected final byte[] data;
    protected final int offset;

    protected FloatingAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
    }

    @Override
    public abstract double getDouble(int row);

    @Override
    public boolean getBoolean(int row) {
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
    public float getFloat(int row) throws SQLException {
        double d = getDouble(row);
        if (Math.abs(d) > Float.MAX_VALUE && !Double.isInfinite(d)) {
            throw Conversions.outOfRange(d, "float");
        }
        return (float) d;
    }

    @Override
    public BigDecimal getBigDecimal(int row) throws SQLException {
        double d = getDouble(row);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw Conversions.outOfRange(d, "BigDecimal");
        }
        return BigDecimal.valueOf(d);
    }

    @Override
    public String getString(int row) {
        return Double.toString(getDouble(row));
    }

    @Override
    public void appendJson(int row, StringBuilder out) {
        JsonText.appendDouble(out, getDouble(row));
    }
}
