package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;

/**
 * Arrow Decimal vectors of 32, 64, 128 or 256 bits (DECIMAL(p,s); Databricks sends 128): little-endian
 * two's-complement unscaled values. A value whose upper words are only the sign of the lowest word
 * (every DECIMAL(18) and most others) becomes a BigDecimal without a BigInteger.
 */
public final class DecimalAccessor extends ArrowAccessor {
    private final byte[] data;
    private final int offset;
    private final int width;
    private final int scale;

    /** @param width 4, 8, 16 or 32 bytes */
    public DecimalAccessor(ArrowBuffer validity, ArrowBuffer data, int width, int scale, SqlType type) {
        super(validity, type);
        if (width != 4 && width != 8 && width != 16 && width != 32) {
            throw new IllegalArgumentException("width " + width);
        }
        this.data = data.array();
        this.offset = data.offset();
        this.width = width;
        this.scale = scale;
    }

    @Override
    public BigDecimal getBigDecimal(int row) {
        int at = offset + row * width;
        long low = width == 4 ? LittleEndian.getInt(data, at) : LittleEndian.getLong(data, at);
        long sign = low >> 63;
        boolean fitsLong = true;
        for (int i = 8; i < width && fitsLong; i += 8) {
            fitsLong = LittleEndian.getLong(data, at + i) == sign;
        }
        if (fitsLong) {
            return BigDecimal.valueOf(low, scale);
        }
        byte[] bigEndian = new byte[width];
        for (int i = 0; i < width; i++) {
            bigEndian[i] = data[at + width - 1 - i];
        }
        return new BigDecimal(new BigInteger(bigEndian), scale);
    }

    @Override
    public boolean getBoolean(int row) {
        return getBigDecimal(row).signum() != 0;
    }

    @Override
    public byte getByte(int row) throws SQLException {
        return (byte) Conversions.toLong(getBigDecimal(row), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int row) throws SQLException {
        return (short) Conversions.toLong(getBigDecimal(row), Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int row) throws SQLException {
        return (int) Conversions.toLong(getBigDecimal(row), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int row) throws SQLException {
        return Conversions.toLong(getBigDecimal(row), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public double getDouble(int row) {
        return getBigDecimal(row).doubleValue();
    }

    @Override
    public float getFloat(int row) throws SQLException {
        return Conversions.toFloat(getBigDecimal(row));
    }

    @Override
    public String getString(int row) {
        return getBigDecimal(row).toPlainString();
    }

    @Override
    public Object getObject(int row) {
        return getBigDecimal(row);
    }

    @Override
    public void appendJson(int row, StringBuilder out) {
        out.append(getString(row));
    }
}
