package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow Int(64, signed) vectors (BIGINT). */
public final class BigIntAccessor extends IntegralAccessor {
    public BigIntAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public long getLong(int row) {
        return LittleEndian.getLong(data, offset + (row << 3));
    }

    @Override
    public Object getObject(int row) {
        return getLong(row);
    }
}
