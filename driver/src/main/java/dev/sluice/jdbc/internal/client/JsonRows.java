package dev.sluice.jdbc.internal.client;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The {@code data_array} of one INLINE JSON_ARRAY chunk, held compactly: the text of every non-null value,
 * unescaped and encoded in UTF-8, in one {@code byte[]}, one end offset per value, one null bit per value. No
 * {@code String} exists per value or row until a getter asks for one ({@link #text(int, int)}); numeric columns
 * are read straight from {@link #bytes()}. Rows may differ in width (a row shorter than the schema reads NULL
 * past its end). UTF-8 rather than {@code char}s: half the heap for the ASCII text results mostly are, never more
 * than the JSON's own bytes, and a value's {@code String} is made by the JDK's ASCII fast path (a copy) instead of
 * compressing chars back to Latin-1.
 *
 * <p>As a {@code List<String[]>} it shows each row as a fresh array of its values (for tests and traces,
 * not the read path).
 */
public final class JsonRows extends AbstractList<String[]> {
    /** Array header, reference and object overheads, roughly, for {@link #heapBytes()}. */
    private static final int OVERHEAD = 96;

    private final byte[] text;
    private final int[] ends;
    private final long[] nulls;
    private final int rowCount;
    private final int width;
    private final int[] rowStarts;
    /** Marks a column that was looked at and got no array. */
    private static final Object NO_ARRAY = new Object();

    /** Primitive column arrays built from these rows ({@link #columnArray}), by column; guarded by this. */
    private Object[] derived = new Object[0];
    /** Heap of {@link #derived}; guarded by this. */
    private long derivedBytes;

    private JsonRows(byte[] text, int[] ends, long[] nulls, int rowCount, int width, int[] rowStarts) {
        this.text = text;
        this.ends = ends;
        this.nulls = nulls;
        this.rowCount = rowCount;
        this.width = width;
        this.rowStarts = rowStarts;
    }

    /** Rows given as arrays of values (null for SQL NULL), as a test or a simulated server has them. */
    public static JsonRows of(List<String[]> rows) {
        Builder b = new Builder(64);
        for (String[] row : rows) {
            for (String v : row) {
                if (v == null) {
                    b.appendNull();
                } else {
                    b.append(v);
                }
            }
            b.endRow();
        }
        return b.build();
    }

    public int rowCount() {
        return rowCount;
    }

    /** The index of the value at {@code row}, {@code column}; -1 when the row is shorter. */
    public int cell(int row, int column) {
        if (rowStarts == null) {
            return column < width ? row * width + column : -1;
        }
        int start = rowStarts[row];
        return column < rowStarts[row + 1] - start ? start + column : -1;
    }

    /** True for a JSON null, and past the end of a short row. */
    public boolean isNull(int row, int column) {
        int c = cell(row, column);
        return c < 0 || (nulls[c >>> 6] & (1L << c)) != 0;
    }

    /** The value's text, or null for SQL NULL. */
    public String text(int row, int column) {
        int c = cell(row, column);
        if (c < 0 || (nulls[c >>> 6] & (1L << c)) != 0) {
            return null;
        }
        int start = start(c);
        return new String(text, start, ends[c] - start, StandardCharsets.UTF_8);
    }

    /** The UTF-8 text of every value; value {@code cell} spans {@link #start(int)} to {@link #end(int)}. */
    public byte[] bytes() {
        return text;
    }

    public int start(int cell) {
        return cell == 0 ? 0 : ends[cell - 1];
    }

    public int end(int cell) {
        return ends[cell];
    }

    /**
     * About the heap these rows hold, the primitive column arrays built from them included: what a chunk is
     * charged against the byte budget.
     */
    public synchronized long heapBytes() {
        return OVERHEAD + (long) text.length + 4L * ends.length + 8L * nulls.length
                + (rowStarts == null ? 0 : 4L * rowStarts.length) + derivedBytes;
    }

    /**
     * The primitive array of a column's values (a numeric column's, see the JSON accessors), built once by
     * {@code build} and then held, and counted in {@link #heapBytes()}, as long as these rows are; null when
     * {@code build} gives none. The fetch thread that parsed the chunk may build it before the reader asks.
     */
    public Object columnArray(int column, IntFunction<Object> build) {
        synchronized (this) {
            Object known = column < derived.length ? derived[column] : null;
            if (known != null) {
                return known == NO_ARRAY ? null : known;
            }
        }
        Object built = build.apply(column);
        synchronized (this) {
            if (column >= derived.length) {
                derived = Arrays.copyOf(derived, column + 1);
            }
            if (derived[column] == null) {
                derived[column] = built == null ? NO_ARRAY : built;
                derivedBytes += arrayBytes(built);
            }
            return derived[column] == NO_ARRAY ? null : derived[column];
        }
    }

    private static long arrayBytes(Object array) {
        if (array instanceof int[] a) {
            return 16 + 4L * a.length;
        } else if (array instanceof long[] a) {
            return 16 + 8L * a.length;
        } else if (array instanceof float[] a) {
            return 16 + 4L * a.length;
        } else if (array instanceof double[] a) {
            return 16 + 8L * a.length;
        }
        return 0;
    }

    @Override
    public int size() {
        return rowCount;
    }

    @Override
    public String[] get(int row) {
        if (row < 0 || row >= rowCount) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rowCount);
        }
        int w = rowStarts == null ? width : rowStarts[row + 1] - rowStarts[row];
        String[] values = new String[w];
        for (int i = 0; i < w; i++) {
            values[i] = text(row, i);
        }
        return values;
    }

    /**
     * Collects values row by row into fixed-size segments, then copies them once into arrays of the exact size.
     * Growing one array by doubling copied the text about twice more and left arrays of up to twice the chunk
     * behind as garbage; for a chunk of a megabyte those are humongous objects in G1 (half a region or more),
     * each allocation of which may start a concurrent mark. Segments are small, short-lived and never humongous.
     */
    public static final class Builder {
        /** Bytes of one text segment (128 KiB) and values of one offset segment (64 KiB). */
        private static final int TEXT_SEGMENT = 1 << 17;
        private static final int ENDS_SEGMENT = 1 << 14;

        private final List<byte[]> fullText = new ArrayList<>();
        private byte[] text;
        /** Used bytes of {@link #text}. */
        private int textUsed;
        /** Bytes in all segments, {@link #text} included: the end offset of the last value. */
        private int length;
        private final List<int[]> fullEnds = new ArrayList<>();
        private int[] ends = new int[64];
        private int endsUsed;
        private long[] nulls = new long[1];
        private int cells;
        private int[] rowStarts = new int[17];
        private int rows;

        /** @param expectedBytes a first guess of the text size */
        public Builder(int expectedBytes) {
            text = new byte[Math.min(TEXT_SEGMENT, Math.max(16, expectedBytes))];
        }

        /** Appends a value as its UTF-8 encoding. */
        public void append(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            append(utf8, 0, utf8.length);
        }

        /** Appends a value given as UTF-8 bytes. */
        public void append(byte[] utf8, int offset, int count) {
            if (count <= text.length - textUsed) {
                // the common case: a short value that fits the current segment
                System.arraycopy(utf8, offset, text, textUsed, count);
                textUsed += count;
                length += count;
                endCell();
                return;
            }
            int left = count;
            int from = offset;
            while (left > 0) {
                if (textUsed == text.length) {
                    if (text.length < TEXT_SEGMENT) {
                        text = Arrays.copyOf(text, Math.min(TEXT_SEGMENT, text.length * 2));
                    } else {
                        fullText.add(text);
                        text = new byte[TEXT_SEGMENT];
                        textUsed = 0;
                    }
                }
                int n = Math.min(left, text.length - textUsed);
                System.arraycopy(utf8, from, text, textUsed, n);
                textUsed += n;
                from += n;
                left -= n;
            }
            length += count;
            endCell();
        }

        public void appendNull() {
            if ((cells >>> 6) >= nulls.length) {
                nulls = Arrays.copyOf(nulls, Math.max((cells >>> 6) + 1, nulls.length * 2));
            }
            nulls[cells >>> 6] |= 1L << cells;
            endCell();
        }

        private void endCell() {
            if (endsUsed == ends.length) {
                if (ends.length < ENDS_SEGMENT) {
                    ends = Arrays.copyOf(ends, ends.length * 2);
                } else {
                    fullEnds.add(ends);
                    ends = new int[ENDS_SEGMENT];
                    endsUsed = 0;
                }
            }
            ends[endsUsed++] = length;
            cells++;
        }

        public void endRow() {
            if (rows + 2 > rowStarts.length) {
                rowStarts = Arrays.copyOf(rowStarts, rowStarts.length * 2);
            }
            rowStarts[++rows] = cells;
        }

        public JsonRows build() {
            int width = rows == 0 ? 0 : rowStarts[1];
            boolean uniform = true;
            for (int r = 1; r <= rows && uniform; r++) {
                uniform = rowStarts[r] - rowStarts[r - 1] == width;
            }
            byte[] allText = new byte[length];
            int at = 0;
            for (byte[] segment : fullText) {
                System.arraycopy(segment, 0, allText, at, segment.length);
                at += segment.length;
            }
            System.arraycopy(text, 0, allText, at, textUsed);
            int[] allEnds = new int[cells];
            at = 0;
            for (int[] segment : fullEnds) {
                System.arraycopy(segment, 0, allEnds, at, segment.length);
                at += segment.length;
            }
            System.arraycopy(ends, 0, allEnds, at, endsUsed);
            long[] n = Arrays.copyOf(nulls, Math.max(1, (cells + 63) >>> 6));
            return new JsonRows(allText, allEnds, n, rows, uniform ? width : -1,
                    uniform ? null : Arrays.copyOf(rowStarts, rows + 1));
        }
    }
}
