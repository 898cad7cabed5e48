package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;
import java.util.Arrays;

/**
 * Base of the vectors whose values are byte ranges of one data buffer (text and binary). Subclasses say
 * where a row's bytes start and end; offsets were validated against the buffer when the batch was read.
 */
public abstract class VarWidthAccessor extends ArrowAccessor {
    protected final byte[] data;
    protected final int dataOffset;

    protected VarWidthAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.dataOffset = data.offset();
    }

    /** The backing array of the values. */
    public final byte[] array() {
        return data;
    }

    /** Index in {@link #array()} of the first byte of {@code row}'s value. */
    public abstract int valueStart(int row);

    /** Index in {@link #array()} just past {@code row}'s value. */
    public abstract int valueEnd(int row);

    /** A copy of the value's bytes. */
    @Override
    public byte[] getBytes(int row) {
        return Arrays.copyOfRange(data, valueStart(row), valueEnd(row));
    }
}
