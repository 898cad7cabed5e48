package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow Int(32, signed) vectors (INT). */
public final class IntAccessor extends IntegralAccessor {
    public IntAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public int getInt(int row) {
        return LittleEndian.getInt(data, offset + (row << 2));
    }

    @Override
    public long getLong(int row) {
        return getInt(row);
    }

    @Override
    public Object getObject(int row) {
        return getInt(row);
    }
}
