package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow Binary vectors (32-bit offsets): BINARY. */
public final class BinaryAccessor extends BytesAccessor {
    private final byte[] offsets;
    private final int offsetsOffset;

    public BinaryAccessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
        this.offsets = offsets.array();
        this.offsetsOffset = offsets.offset();
    }

    @Override
    public int valueStart(int row) {
        return dataOffset + LittleEndian.getInt(offsets, offsetsOffset + (row << 2));
    }

    @Override
    public int valueEnd(int row) {
        return dataOffset + LittleEndian.getInt(offsets, offsetsOffset + (row << 2) + 4);
    }
}
