package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.types.SqlType;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * Shared getters of the integer vectors: every conversion derives from {@link #getLong(int)} without
 * boxing, and narrowing is checked (22003 when the value does not fit).
 */
public abstract class IntegralAccessor extends ArrowAccessor {
    protected final byte[] data;
    protected final int offset;

    protected IntegralAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
    }

    @Override
    public abstract long getLong(int row) throws SQLException;

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
    public void appendJson(int row, StringBuilder out) throws SQLException {
        out.append(getLong(row));
    }
}
