package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow LargeUtf8 vectors (64-bit offsets, validated to fit the heap buffer): STRING. */
public final class LargeUtf8Accessor extends TextAccessor {
    private final byte[] offsets;
    private final int offsetsOffset;

    public LargeUtf8Accessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
        this.offsets = offsets.array();
        this.offsetsOffset = offsets.offset();
    }

    @Override
    public int valueStart(int row) {
        return dataOffset + (int) LittleEndian.getLong(offsets, offsetsOffset + (row << 3));
    }

    @Override
    public int valueEnd(int row) {
        return dataOffset + (int) LittleEndian.getLong(offsets, offsetsOffset + (row << 3) + 8);
    }
}
