package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;
import java.nio.charset.StandardCharsets;

/**
 * Arrow Utf8 vectors (32-bit offsets): STRING, CHAR, VARCHAR.
 *
 * <p>{@link #getString} is most of a text column's read cost. At the first call the batch's value bytes are scanned
 * once, eight at a time, for bytes of 0x80 and above, and the rows holding any are marked. An unmarked row is ASCII,
 * so its {@code String} is a plain copy of its bytes; a marked row is decoded as UTF-8. Over 32 768 names of 8 to 23
 * bytes, one in 16 with a two-byte character, this takes 0.66 of the UTF-8 constructor's time on JDK 17 and 0.52 on
 * 25; over ASCII names 0.55 and 0.43 ({@code StringReadBench}, benchmarks/README.md, "Sixth look").
 */
public final class Utf8Accessor extends TextAccessor {
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final byte[] offsets;
    private final int offsetsOffset;
    private final int rowCount;
    /**
     * Bit per row: set when the row's bytes are not all ASCII; null until the first {@link #getString}. Made without
     * synchronisation, like the rest of a result set's reading state, which one thread uses at a time.
     */
    private long[] multiByteRows;

    /**
     * @param rowCount the batch's row count; the offsets buffer holds {@code rowCount + 1} validated offsets
     */
    public Utf8Accessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data, int rowCount, SqlType type) {
        super(validity, data, type);
        this.offsets = offsets.array();
        this.offsetsOffset = offsets.offset();
        this.rowCount = rowCount;
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
    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int): with hibyte 0, one char per byte, a copy
    public String getString(int row) {
        int at = offsetsOffset + (row << 2);
        int start = dataOffset + LittleEndian.getInt(offsets, at);
        int length = dataOffset + LittleEndian.getInt(offsets, at + 4) - start;
        long[] marks = multiByteRows;
        if (marks == null) {
            marks = multiByteRows = markMultiByteRows();
        }
        if ((marks[row >>> 6] & (1L << row)) == 0) {
            return new String(data, 0, start, length);
        }
        return new String(data, start, length, StandardCharsets.UTF_8);
    }

    /** Marks every row holding a byte of 0x80 or above: a scan of the value bytes, a search per such row. */
    private long[] markMultiByteRows() {
        long[] marks = new long[(rowCount + 63) >>> 6];
        if (rowCount == 0) {
            return marks;
        }
        int p = valueStart(0);
        int end = valueEnd(rowCount - 1);
        int after = 0;
        while (p < end) {
            int hit;
            if (end - p >= 8) {
                long high = LittleEndian.getLong(data, p) & HIGH_BITS;
                if (high == 0) {
                    p += 8;
                    continue;
                }
                hit = p + (Long.numberOfTrailingZeros(high) >>> 3);
            } else if (data[p] < 0) {
                hit = p;
            } else {
                p++;
                continue;
            }
            int row = rowHolding(hit, after);
            marks[row >>> 6] |= 1L << row;
            p = valueEnd(row);
            after = row + 1;
        }
        return marks;
    }

    /**
     * The row whose bytes hold index {@code at}: the last row starting at or before it (empty rows start there too),
     * searched from row {@code from} on, which starts at or before it: in steps doubling from there, then by halves.
     */
    private int rowHolding(int at, int from) {
        int lo = from;
        int step = 1;
        while (lo + step < rowCount && valueStart(lo + step) <= at) {
            lo += step;
            step <<= 1;
        }
        int hi = Math.min(lo + step, rowCount) - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (valueStart(mid) <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public Object getObject(int row) {
        return getString(row);
    }
}
