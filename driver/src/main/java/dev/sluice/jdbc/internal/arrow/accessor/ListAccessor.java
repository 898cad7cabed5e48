package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow List vectors (32-bit offsets): ARRAY. */
public final class ListAccessor extends ListLikeAccessor {
    private final byte[] offsets;
    private final int offsetsOffset;

    public ListAccessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowAccessor child, SqlType type,
                        boolean asObjects) {
        super(validity, child, type, asObjects);
        this.offsets = offsets.array();
        this.offsetsOffset = offsets.offset();
    }

    @Override
    protected int start(int row) {
        return LittleEndian.getInt(offsets, offsetsOffset + (row << 2));
    }

    @Override
    protected int end(int row) {
        return LittleEndian.getInt(offsets, offsetsOffset + (row << 2) + 4);
    }
}
