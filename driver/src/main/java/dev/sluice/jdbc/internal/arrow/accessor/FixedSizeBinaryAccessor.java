package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow FixedSizeBinary vectors: BINARY values of one width. */
public final class FixedSizeBinaryAccessor extends BytesAccessor {
    private final int width;

    public FixedSizeBinaryAccessor(ArrowBuffer validity, ArrowBuffer data, int width, SqlType type) {
        super(validity, data, type);
        this.width = width;
    }

    @Override
    public int valueStart(int row) {
        return dataOffset + row * width;
    }

    @Override
    public int valueEnd(int row) {
        return dataOffset + row * width + width;
    }
}
