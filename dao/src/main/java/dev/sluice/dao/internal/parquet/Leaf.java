package dev.sluice.dao.internal.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One leaf column of a Parquet file being written: its repetition and definition levels and its PLAIN values,
 * cut into pages of about {@link #PAGE_BYTES} at row boundaries. Pages are kept uncompressed until
 * {@link ParquetWriter#finish} so that compression can run on another thread than the one adding rows.
 */
final class Leaf {

    /** Physical representations, each with its Java value conversions. */
    enum Kind {
        BOOLEAN(0), INT8(1), INT16(1), INT32(1), INT64(2), FLOAT(4), DOUBLE(5), STRING(6), BINARY(6),
        DECIMAL_INT32(1), DECIMAL_INT64(2), DECIMAL_FIXED(7), DATE(1), TIMESTAMP(2), TIMESTAMP_NTZ(2);

        final int physical;

        Kind(int physical) {
            this.physical = physical;
        }
    }

    static final int PAGE_BYTES = 1 << 20;

    final String name;
    final List<String> path;
    final Kind kind;
    final int precision;
    final int scale;
    final int fixedLength;
    final int maxDef;
    final int maxRep;

    private final ByteSink values = new ByteSink(64 * 1024);
    private final ByteSink defs;
    private final ByteSink reps;
    private int entries;
    private int bits;
    private int bitCount;
    final List<byte[]> pages = new ArrayList<>();
    final List<Integer> pageEntries = new ArrayList<>();
    private long sealedBytes;
    long totalEntries;

    Leaf(String name, List<String> path, Kind kind, int precision, int scale, int maxDef, int maxRep) {
        this.name = name;
        this.path = List.copyOf(path);
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
        this.fixedLength = kind == Kind.DECIMAL_FIXED ? bytesFor(precision) : 0;
        this.maxDef = maxDef;
        this.maxRep = maxRep;
        this.defs = maxDef > 0 ? new ByteSink(16 * 1024) : null;
        this.reps = maxRep > 0 ? new ByteSink(16 * 1024) : null;
    }

    /** The fewest bytes that hold every unscaled value of {@code precision} digits, as Spark sizes them. */
    static int bytesFor(int precision) {
        int n = 1;
        while (Math.pow(2.0, 8 * n - 1) < Math.pow(10.0, precision)) {
            n++;
        }
        return n;
    }

    long bufferedBytes() {
        return sealedBytes + values.size() + entries * 2L;
    }

    private void levels(int rep, int def) {
        if (reps != null) {
            reps.write(rep);
        }
        if (defs != null) {
            defs.write(def);
        }
        entries++;
    }

    /** An entry without a value: null, or an empty or null list/map above this leaf. */
    void absent(int rep, int def) {
        levels(rep, def);
    }

    /** A value at full definition. */
    void value(Object v, int rep) {
        levels(rep, maxDef);
        switch (kind) {
            case BOOLEAN -> {
                if (!(v instanceof Boolean b)) {
                    throw wrong(v, "Boolean");
                }
                if (b) {
                    bits |= 1 << bitCount;
                }
                if (++bitCount == 8) {
                    values.write(bits);
                    bits = 0;
                    bitCount = 0;
                }
            }
            case INT8 -> values.writeIntLe((int) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case INT16 -> values.writeIntLe((int) integral(v, Short.MIN_VALUE, Short.MAX_VALUE));
            case INT32 -> values.writeIntLe((int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case INT64 -> values.writeLongLe(integral(v, Long.MIN_VALUE, Long.MAX_VALUE));
            case FLOAT -> {
                if (!(v instanceof Float f)) {
                    throw wrong(v, "Float");
                }
                values.writeIntLe(Float.floatToRawIntBits(f));
            }
            case DOUBLE -> {
                if (!(v instanceof Double || v instanceof Float)) {
                    throw wrong(v, "Double");
                }
                values.writeLongLe(Double.doubleToRawLongBits(((Number) v).doubleValue()));
            }
            case STRING -> {
                if (!(v instanceof CharSequence s)) {
                    throw wrong(v, "String");
                }
                bytes(s.toString().getBytes(StandardCharsets.UTF_8));
            }
            case BINARY -> {
                if (v instanceof byte[] b) {
                    bytes(b);
                } else if (v instanceof ByteBuffer bb) {
                    byte[] b = new byte[bb.remaining()];
                    bb.duplicate().get(b);
                    bytes(b);
                } else {
                    throw wrong(v, "byte[]");
                }
            }
            case DECIMAL_INT32 -> values.writeIntLe(unscaled(v).intValueExact());
            case DECIMAL_INT64 -> values.writeLongLe(unscaled(v).longValueExact());
            case DECIMAL_FIXED -> fixed(unscaled(v));
            case DATE -> values.writeIntLe(Math.toIntExact(epochDay(v)));
            case TIMESTAMP -> values.writeLongLe(micros(instant(v)));
            case TIMESTAMP_NTZ -> {
                if (!(v instanceof LocalDateTime t)) {
                    throw wrong(v, "LocalDateTime (a TIMESTAMP_NTZ has no time zone)");
                }
                values.writeLongLe(micros(t.toInstant(ZoneOffset.UTC)));
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void bytes(byte[] b) {
        values.writeIntLe(b.length);
        values.write(b);
    }

    private IllegalArgumentException wrong(Object v, String expected) {
        return new IllegalArgumentException("column " + name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ") takes " + expected
                + ", not " + v.getClass().getName() + " " + v);
    }

    private long integral(Object v, long min, long max) {
        if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
            throw wrong(v, "an integral number");
        }
        long x = ((Number) v).longValue();
        if (x < min || x > max) {
            throw new ArithmeticException("column " + name + ": " + x + " is out of range for " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        return x;
    }

    private BigInteger unscaled(Object v) {
        BigDecimal d;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else {
            throw wrong(v, "BigDecimal");
        }
        BigDecimal scaled;
        try {
            scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("column " + name + ": " + d.toPlainString() + " has more than " + scale
                    + " decimal places");
        }
        if (scaled.precision() > precision) {
            throw new ArithmeticException("column " + name + ": " + d.toPlainString() + " does not fit decimal("
                    + precision + "," + scale + ")");
        }
        return scaled.unscaledValue();
    }

    private void fixed(BigInteger unscaled) {
        byte[] b = unscaled.toByteArray();
        int pad = fixedLength - b.length;
        byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
        for (int i = 0; i < pad; i++) {
            values.write(sign);
        }
        values.write(b, 0, b.length);
    }

    private long epochDay(Object v) {
        if (v instanceof LocalDate d) {
            return d.toEpochDay();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toEpochDay();
        }
        throw wrong(v, "LocalDate");
    }

    private Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw wrong(v, "Instant, Timestamp, OffsetDateTime or ZonedDateTime (a TIMESTAMP is an instant)");
    }

    private long micros(Instant i) {
        if (i.getNano() % 1000 != 0) {
            throw new ArithmeticException("column " + name + ": " + i + " has nanoseconds; Databricks keeps"
                    + " microseconds");
        }
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    /** Seals the current page when it is full; called between rows only, so pages start at row boundaries. */
    void endRow() {
        if (values.size() + entries * 2L >= PAGE_BYTES) {
            seal();
        }
    }

    /** Closes the current page: [rep levels][def levels][values], levels as length-prefixed RLE runs. */
    void seal() {
        if (entries == 0) {
            return;
        }
        if (bitCount > 0) {
            values.write(bits);
            bits = 0;
            bitCount = 0;
        }
        ByteSink page = new ByteSink(values.size() + entries / 4 + 32);
        if (reps != null) {
            rle(reps, maxRep, page);
        }
        if (defs != null) {
            rle(defs, maxDef, page);
        }
        page.write(values.array(), 0, values.size());
        byte[] body = java.util.Arrays.copyOf(page.array(), page.size());
        pages.add(body);
        pageEntries.add(entries);
        sealedBytes += body.length;
        totalEntries += entries;
        entries = 0;
        values.reset();
        if (reps != null) {
            reps.reset();
        }
        if (defs != null) {
            defs.reset();
        }
    }

    /** The RLE half of Parquet's RLE/bit-packing hybrid, run by run, after a four-byte length. */
    private static void rle(ByteSink levels, int max, ByteSink out) {
        int width = 32 - Integer.numberOfLeadingZeros(max);
        int widthBytes = (width + 7) / 8;
        int lengthAt = out.size();
        out.writeIntLe(0);
        byte[] a = levels.array();
        int n = levels.size();
        int i = 0;
        while (i < n) {
            byte v = a[i];
            int j = i + 1;
            while (j < n && a[j] == v) {
                j++;
            }
            out.writeVarint((long) (j - i) << 1);
            out.write(v);
            for (int k = 1; k < widthBytes; k++) {
                out.write(0);
            }
            i = j;
        }
        out.setIntLe(lengthAt, out.size() - lengthAt - 4);
    }
}
