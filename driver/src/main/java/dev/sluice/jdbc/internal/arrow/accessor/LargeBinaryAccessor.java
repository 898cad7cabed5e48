package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow LargeBinary vectors (64-bit offsets, validated to fit the heap buffer): BINARY. */
public final class LargeBinaryAccessor extends BytesAccessor {
    private final byte[] offsets;
    private final int offsetsOffset;

    public LargeBinaryAccessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data, SqlType type) {
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
