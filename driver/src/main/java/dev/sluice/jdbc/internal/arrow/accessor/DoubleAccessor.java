package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow FloatingPoint(DOUBLE) vectors (DOUBLE). */
public final class DoubleAccessor extends FloatingAccessor {
    public DoubleAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public double getDouble(int row) {
        return LittleEndian.getDouble(data, offset + (row << 3));
    }

    @Override
    public Object getObject(int row) {
        return getDouble(row);
    }
}
