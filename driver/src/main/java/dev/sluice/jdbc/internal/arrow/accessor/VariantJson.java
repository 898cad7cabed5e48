package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.result.Temporals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * Renders a VARIANT in the binary encoding of the Parquet/Spark Variant specification (a {@code value}
 * and a {@code metadata} byte string) as JSON text, the way Spark's {@code to_json} / cast to STRING
 * renders it: numbers bare (decimals without trailing zeros), dates and timestamps as quoted text
 * (timestamps with their {@code +HH:MM} offset in the session zone), binary as quoted base64. Unlike
 * Spark, non-finite doubles are quoted so the text stays valid JSON.
 *
 * <p>Every offset is checked against its byte range; malformed input is SQLException 22000.
 */
final class VariantJson {
    private static final int MAX_DEPTH = 512;

    private final byte[] value;
    private final int valueEnd;
    private final byte[] meta;
    private final int metaEnd;
    private final ZoneId zone;
    private int offsetSize;
    private int dictionarySize;
    private int offsetsStart;
    private int stringsStart;
    private String[] keys;

    private VariantJson(byte[] value, int valueEnd, byte[] meta, int metaEnd, ZoneId zone) {
        this.value = value;
        this.valueEnd = valueEnd;
        this.meta = meta;
        this.metaEnd = metaEnd;
        this.zone = zone;
    }

    /** JSON text of the variant {@code value[vStart, vEnd)} with metadata {@code meta[mStart, mEnd)}. */
    static String toJson(byte[] value, int vStart, int vEnd, byte[] meta, int mStart, int mEnd, ZoneId zone)
            throws SQLException {
        VariantJson v = new VariantJson(value, vEnd, meta, mEnd, zone);
        v.readMetadata(mStart);
        StringBuilder sb = new StringBuilder(Math.max(16, vEnd - vStart));
        v.append(vStart, sb, 0);
        return sb.toString();
    }

    private void readMetadata(int at) throws SQLException {
        check(at < metaEnd, "metadata is empty");
        int header = meta[at] & 0xFF;
        check((header & 0x0F) == 1, "unsupported metadata version " + (header & 0x0F));
        offsetSize = ((header >>> 6) & 3) + 1;
        dictionarySize = unsigned(meta, metaEnd, at + 1, offsetSize);
        offsetsStart = at + 1 + offsetSize;
        long strings = offsetsStart + (long) (dictionarySize + 1) * offsetSize;
        check(dictionarySize >= 0 && strings <= metaEnd, "metadata dictionary is truncated");
        stringsStart = (int) strings;
        keys = new String[dictionarySize];
    }

    private String key(int id) throws SQLException {
        check(id >= 0 && id < dictionarySize, "field id " + id + " is outside the dictionary");
        String k = keys[id];
        if (k == null) {
            int from = unsigned(meta, metaEnd, offsetsStart + id * offsetSize, offsetSize);
            int to = unsigned(meta, metaEnd, offsetsStart + (id + 1) * offsetSize, offsetSize);
            check(from >= 0 && from <= to && to <= metaEnd - stringsStart, "dictionary string " + id + " is out of range");
            k = new String(meta, stringsStart + from, to - from, StandardCharsets.UTF_8);
            keys[id] = k;
        }
        return k;
    }

    private void append(int at, StringBuilder sb, int depth) throws SQLException {
        check(at >= 0 && at < valueEnd, "value offset is out of range");
        check(depth < MAX_DEPTH, "values are nested too deeply");
        int header = value[at] & 0xFF;
        int info = header >>> 2;
        switch (header & 3) {
            case 0:
                primitive(at, info, sb);
                return;
            case 1:
                JsonText.appendQuoted(sb, utf8(at + 1, info));
                return;
            case 2:
                object(at, info, sb, depth);
                return;
            default:
                array(at, info, sb, depth);
        }
    }

    private void object(int at, int info, StringBuilder sb, int depth) throws SQLException {
        int offSize = (info & 3) + 1;
        int idSize = ((info >>> 2) & 3) + 1;
        int countSize = (info & 0x10) != 0 ? 4 : 1;
        int n = unsigned(value, valueEnd, at + 1, countSize);
        int ids = at + 1 + countSize;
        long offsets = ids + (long) n * idSize;
        long data = offsets + (long) (n + 1) * offSize;
        check(n >= 0 && data <= valueEnd, "object header is truncated");
        sb.append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonText.appendQuoted(sb, key(unsigned(value, valueEnd, ids + i * idSize, idSize)));
            sb.append(':');
            append(child((int) data, (int) offsets, i, offSize), sb, depth + 1);
        }
        sb.append('}');
    }

    private void array(int at, int info, StringBuilder sb, int depth) throws SQLException {
        int offSize = (info & 3) + 1;
        int countSize = (info & 0x04) != 0 ? 4 : 1;
        int n = unsigned(value, valueEnd, at + 1, countSize);
        int offsets = at + 1 + countSize;
        long data = offsets + (long) (n + 1) * offSize;
        check(n >= 0 && data <= valueEnd, "array header is truncated");
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(child((int) data, offsets, i, offSize), sb, depth + 1);
        }
        sb.append(']');
    }

    private int child(int data, int offsets, int i, int offSize) throws SQLException {
        int rel = unsigned(value, valueEnd, offsets + i * offSize, offSize);
        check(rel >= 0 && rel < valueEnd - data, "element offset is out of range");
        return data + rel;
    }

    private void primitive(int at, int type, StringBuilder sb) throws SQLException {
        int p = at + 1;
        switch (type) {
            case 0:
                sb.append("null");
                return;
            case 1:
                sb.append("true");
                return;
            case 2:
                sb.append("false");
                return;
            case 3:
                sb.append(signed(p, 1));
                return;
            case 4:
                sb.append(signed(p, 2));
                return;
            case 5:
                sb.append(signed(p, 4));
                return;
            case 6:
                sb.append(signed(p, 8));
                return;
            case 7:
                JsonText.appendDouble(sb, Double.longBitsToDouble(signed(p, 8)));
                return;
            case 8:
            case 9:
            case 10:
                sb.append(decimal(p, type == 8 ? 4 : type == 9 ? 8 : 16).toPlainString());
                return;
            case 11:
                JsonText.appendQuoted(sb, Temporals.formatDate(LocalDate.ofEpochDay(signed(p, 4))));
                return;
            case 12:
                timestampTz(signed(p, 8), 1_000_000L, sb);
                return;
            case 13:
                timestampNtz(signed(p, 8), 1_000_000L, sb);
                return;
            case 14:
                JsonText.appendFloat(sb, Float.intBitsToFloat((int) signed(p, 4)));
                return;
            case 15:
                JsonText.appendBase64(sb, Arrays.copyOfRange(value, p + 4, p + 4 + length(p)));
                return;
            case 16:
                JsonText.appendQuoted(sb, utf8(p + 4, length(p)));
                return;
            default:
                extended(p, type, sb);
        }
    }

    /** Types added to the specification after Spark 4.0: TIME, nanosecond timestamps, UUID. */
    private void extended(int p, int type, StringBuilder sb) throws SQLException {
        switch (type) {
            case 17:
                long micros = signed(p, 8);
                check(micros >= 0 && micros < 86_400_000_000L, "time of day " + micros + " is out of range");
                JsonText.appendQuoted(sb, Temporals.formatTime(LocalTime.ofNanoOfDay(micros * 1000)));
                return;
            case 18:
                timestampTz(signed(p, 8), 1_000_000_000L, sb);
                return;
            case 19:
                timestampNtz(signed(p, 8), 1_000_000_000L, sb);
                return;
            case 20:
                check(p + 16 <= valueEnd, "uuid is truncated");
                long hi = 0;
                long lo = 0;
                for (int i = 0; i < 8; i++) {
                    hi = hi << 8 | (value[p + i] & 0xFF);
                    lo = lo << 8 | (value[p + 8 + i] & 0xFF);
                }
                JsonText.appendQuoted(sb, new java.util.UUID(hi, lo).toString());
                return;
            default:
                throw malformed("unknown primitive type " + type);
        }
    }

    private void timestampTz(long v, long perSecond, StringBuilder sb) throws SQLException {
        ZonedDateTime t = instant(v, perSecond).atZone(zone);
        String text = Temporals.formatTimestamp(t.toLocalDateTime()) + offset(t.getOffset());
        JsonText.appendQuoted(sb, text);
    }

    private void timestampNtz(long v, long perSecond, StringBuilder sb) throws SQLException {
        LocalDateTime t = LocalDateTime.ofInstant(instant(v, perSecond), ZoneOffset.UTC);
        JsonText.appendQuoted(sb, Temporals.formatTimestamp(t));
    }

    private Instant instant(long v, long perSecond) throws SQLException {
        try {
            return Instant.ofEpochSecond(Math.floorDiv(v, perSecond),
                    Math.floorMod(v, perSecond) * (1_000_000_000L / perSecond));
        } catch (java.time.DateTimeException e) {
            throw malformed("timestamp " + v + " is out of range");
        }
    }

    private static String offset(ZoneOffset o) {
        return o.getTotalSeconds() == 0 ? "+00:00" : o.getId();
    }

    private BigDecimal decimal(int p, int width) throws SQLException {
        check(p + 1 + width <= valueEnd, "decimal is truncated");
        int scale = value[p] & 0xFF;
        check(scale <= 38, "decimal scale " + scale + " is out of range");
        BigDecimal d;
        if (width <= 8) {
            d = BigDecimal.valueOf(signed(p + 1, width), scale);
        } else {
            byte[] bigEndian = new byte[16];
            for (int i = 0; i < 16; i++) {
                bigEndian[i] = value[p + 16 - i];
            }
            d = new BigDecimal(new BigInteger(bigEndian), scale);
        }
        d = d.stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private int length(int p) throws SQLException {
        int n = unsigned(value, valueEnd, p, 4);
        check(n >= 0 && n <= valueEnd - p - 4, "string or binary of " + n + " bytes is truncated");
        return n;
    }

    private String utf8(int from, int n) throws SQLException {
        check(from <= valueEnd && n <= valueEnd - from, "string is truncated");
        return new String(value, from, n, StandardCharsets.UTF_8);
    }

    private long signed(int p, int size) throws SQLException {
        check(p >= 0 && p <= valueEnd - size, "value is truncated");
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (value[p + i] & 0xFF);
        }
        int shift = 64 - 8 * size;
        return v << shift >> shift;
    }

    private static int unsigned(byte[] b, int end, int p, int size) throws SQLException {
        if (p < 0 || p > end - size) {
            throw malformed("header field is truncated");
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[p + i] & 0xFF);
        }
        if (v > Integer.MAX_VALUE) {
            throw malformed("size " + v + " is too large");
        }
        return (int) v;
    }

    private static void check(boolean ok, String problem) throws SQLException {
        if (!ok) {
            throw malformed(problem);
        }
    }

    private static SQLException malformed(String problem) {
        return Errors.of(SqlState.DATA_EXCEPTION, "malformed VARIANT value: " + problem);
    }
}
