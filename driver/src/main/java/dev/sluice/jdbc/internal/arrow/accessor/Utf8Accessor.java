package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;
import java.nio.charset.StandardCharsets;

/** Arrow Utf8 vectors (32-bit offsets): STRING, CHAR, VARCHAR. */
public final class Utf8Accessor extends TextAccessor {
    private final byte[] offsets;
    private final int offsetsOffset;

    public Utf8Accessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data, SqlType type) {
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

    @Override
    public String getString(int row) {
        int at = offsetsOffset + (row << 2);
        int start = LittleEndian.getInt(offsets, at);
        int end = LittleEndian.getInt(offsets, at + 4);
        return new String(data, dataOffset + start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public Object getObject(int row) {
        return getString(row);
    }
}
