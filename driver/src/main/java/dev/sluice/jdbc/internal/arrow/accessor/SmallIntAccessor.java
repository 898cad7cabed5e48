package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow Int(16, signed) vectors (SMALLINT). */
public final class SmallIntAccessor extends IntegralAccessor {
    public SmallIntAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public short getShort(int row) {
        return LittleEndian.getShort(data, offset + (row << 1));
    }

    @Override
    public int getInt(int row) {
        return getShort(row);
    }

    @Override
    public long getLong(int row) {
        return getShort(row);
    }

    @Override
    public Object getObject(int row) {
        return getShort(row);
    }
}
