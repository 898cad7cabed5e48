package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/**
 * Arrow Int(8/16/32, unsigned) vectors. Databricks never sends them; other Arrow producers may. Values
 * are widened so they keep their sign: getObject gives Short, Integer and Long respectively.
 */
public final class UnsignedIntAccessor extends IntegralAccessor {
    private final int width;

    /** @param width 1, 2 or 4 bytes */
    public UnsignedIntAccessor(ArrowBuffer validity, ArrowBuffer data, int width, SqlType type) {
        super(validity, data, type);
        if (width != 1 && width != 2 && width != 4) {
            throw new IllegalArgumentException("width " + width);
        }
        this.width = width;
    }

    @Override
    public long getLong(int row) {
        switch (width) {
            case 1:
                return data[offset + row] & 0xFFL;
            case 2:
                return LittleEndian.getShort(data, offset + (row << 1)) & 0xFFFFL;
            default:
                return LittleEndian.getInt(data, offset + (row << 2)) & 0xFFFF_FFFFL;
        }
    }

    @Override
    public Object getObject(int row) {
        long v = getLong(row);
        switch (width) {
            case 1:
                return (short) v;
            case 2:
                return (int) v;
            default:
                return v;
        }
    }
}
