package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;

/**
 * Arrow Int(64, unsigned) vectors: getObject is a BigDecimal (scale 0) because values above
 * {@code Long.MAX_VALUE} do not fit a Long; getLong on such a value is 22003.
 */
public final class UInt64Accessor extends ArrowAccessor {
    private final byte[] data;
    private final int offset;

    public UInt64Accessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
    }

    private long raw(int row) {
        return LittleEndian.getLong(data, offset + (row << 3));
    }

    @Override
    public long getLong(int row) throws SQLException {
        long v = raw(row);
        if (v < 0) {
            throw Conversions.outOfRange(Long.toUnsignedString(v), "long");
        }
        return v;
    }

    @Override
    public double getDouble(int row) {
        return getBigDecimal(row).doubleValue();
    }

    @Override
    public BigDecimal getBigDecimal(int row) {
        long v = raw(row);
        if (v >= 0) {
            return BigDecimal.valueOf(v);
        }
        return new BigDecimal(new BigInteger(Long.toUnsignedString(v)));
    }

    @Override
    public String getString(int row) {
        return Long.toUnsignedString(raw(row));
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
