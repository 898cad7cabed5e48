package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow FixedSizeList vectors: ARRAY values of one length. */
public final class FixedSizeListAccessor extends ListLikeAccessor {
    private final int size;

    public FixedSizeListAccessor(ArrowBuffer validity, int size, ArrowAccessor child, SqlType type,
                                 boolean asObjects) {
        super(validity, child, type, asObjects);
        this.size = size;
    }

    @Override
    protected int start(int row) {
        return row * size;
    }

    @Override
    protected int end(int row) {
        return row * size + size;
    }
}
