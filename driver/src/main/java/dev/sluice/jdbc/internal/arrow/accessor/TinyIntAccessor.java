package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow Int(8, signed) vectors (TINYINT). */
public final class TinyIntAccessor extends IntegralAccessor {
    public TinyIntAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public byte getByte(int row) {
        return data[offset + row];
    }

    @Override
    public long getLong(int row) {
        return data[offset + row];
    }

    @Override
    public Object getObject(int row) {
        return data[offset + row];
    }
}
