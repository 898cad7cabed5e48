package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow Bool vectors (BOOLEAN): bit-packed values; numeric getters answer 1 and 0. */
public final class BoolAccessor extends ArrowAccessor {
    private final byte[] data;
    private final int offset;

    public BoolAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
    }

    @Override
    public boolean getBoolean(int row) {
        return (data[offset + (row >>> 3)] & (1 << (row & 7))) != 0;
    }

    @Override
    public byte getByte(int row) {
        return (byte) (getBoolean(row) ? 1 : 0);
    }

    @Override
    public short getShort(int row) {
        return getByte(row);
    }

    @Override
    public int getInt(int row) {
        return getByte(row);
    }

    @Override
    public long getLong(int row) {
        return getByte(row);
    }

    @Override
    public String getString(int row) {
        return getBoolean(row) ? "true" : "false";
    }

    @Override
    public Object getObject(int row) {
        return getBoolean(row);
    }

    @Override
    public void appendJson(int row, StringBuilder out) {
        out.append(getBoolean(row));
    }
}
