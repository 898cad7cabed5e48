package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow LargeList vectors (64-bit offsets, validated to fit the child): ARRAY. */
public final class LargeListAccessor extends ListLikeAccessor {
    private final byte[] offsets;
    private final int offsetsOffset;

    public LargeListAccessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowAccessor child, SqlType type,
                             boolean asObjects) {
        super(validity, child, type, asObjects);
        this.offsets = offsets.array();
        this.offsetsOffset = offsets.offset();
    }

    @Override
    protected int start(int row) {
        return (int) LittleEndian.getLong(offsets, offsetsOffset + (row << 3));
    }

    @Override
    protected int end(int row) {
        return (int) LittleEndian.getLong(offsets, offsetsOffset + (row << 3) + 8);
    }
}
