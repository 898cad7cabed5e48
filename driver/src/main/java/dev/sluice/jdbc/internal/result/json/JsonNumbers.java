package dev.sluice.jdbc.internal.result.json;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.sluice.jdbc.internal.client.JsonRows;
import java.nio.charset.StandardCharsets;

/**
 * Reads a whole numeric column of a JSON chunk into a primitive array, straight from the chunk's UTF-8 text,
 * once per chunk (by its first batch, on the fetch thread for fetched chunks). A column gets an array only when
 * every non-null value reads to exactly what the per-value parse of its accessor would give; otherwise (text the
 * accessor would reject or read in a lenient way) the answer is null and the accessor keeps reading the text,
 * with its errors at access time.
 * NULL slots hold 0; the chunk's null bits stay the truth.
 */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /**
     * {@code Long.parseLong} of every non-null value: an {@code int[]} while every value fits an int, else a
     * {@code long[]}; null when one of them would not parse or the array would break the held-bytes bound
     * ({@link #withinBound}).
     */
    static Object integers(JsonRows rows, int column) {
        int n = rows.rowCount();
        int[] ints = new int[n];
        long[] longs = null;
        byte[] chars = rows.bytes();
        long textChars = 0;
        int values = 0;
        int nulls = 0;
        for (int r = 0; r < n; r++) {
            int c = rows.cell(r, column);
            if (c < 0) {
                continue;
            }
            if (rows.isNull(r, column)) {
                nulls++;
                continue;
            }
            int start = rows.start(c);
            int end = rows.end(c);
            int len = end - start;
            textChars += len;
            values++;
            long v;
            int i = start;
            boolean negative = false;
            if (len > 0 && (chars[i] == '-' || chars[i] == '+')) {
                negative = chars[i] == '-';
                i++;
            }
            int digits = end - i;
            if (digits < 1 || digits > 18) {
                try {
                    v = Long.parseLong(new String(chars, start, len, StandardCharsets.UTF_8));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                long u = 0;
                for (; i < end; i++) {
                    int d = chars[i] - '0';
                    if (d < 0 || d > 9) {
                        return null;
                    }
                    u = u * 10 + d;
                }
                v = negative ? -u : u;
            }
            if (longs != null) {
                longs[r] = v;
            } else if (v == (int) v) {
                ints[r] = (int) v;
            } else {
                longs = new long[n];
                for (int k = 0; k < r; k++) {
                    longs[k] = ints[k];
                }
                ints = null;
                longs[r] = v;
            }
        }
        int width = longs != null ? 8 : 4;
        if (!withinBound(textChars, values, nulls, n, width)) {
            return null;
        }
        return longs != null ? longs : ints;
    }

    /**
     * {@code Double.parseDouble} of every non-null value (after trimming, as {@link JsonScalars#parseDouble}):
     * a {@code float[]} when every value is exactly a float (so widening gives the same double back), else a
     * {@code double[]}; null when one of them would not parse or the array would break the held-bytes bound.
     * Short plain decimals are divided exactly ({@link #shortDecimal}); longer plain decimal text goes through
     * jackson-core's exact (correctly rounded) parser; other forms ({@code NaN}, {@code Infinity},
     * {@code -Infinity}, hexadecimal) through the JDK's.
     */
    static Object doubles(JsonRows rows, int column) {
        int n = rows.rowCount();
        double[] values = new double[n];
        byte[] chars = rows.bytes();
        long textChars = 0;
        int count = 0;
        int nulls = 0;
        boolean floats = true;
        for (int r = 0; r < n; r++) {
            int c = rows.cell(r, column);
            if (c < 0) {
                continue;
            }
            if (rows.isNull(r, column)) {
                nulls++;
                continue;
            }
            int start = rows.start(c);
            int len = rows.end(c) - start;
            textChars += len;
            count++;
            double v = shortDecimal(chars, start, len);
            if (Double.isNaN(v)) {
                try {
                    v = plainDecimal(chars, start, len)
                            ? NumberInput.parseDouble(new String(chars, start, len, StandardCharsets.ISO_8859_1), true)
                            : Double.parseDouble(new String(chars, start, len, StandardCharsets.UTF_8).trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            values[r] = v;
            floats &= Double.doubleToRawLongBits((float) v) == Double.doubleToRawLongBits(v) || Double.isNaN(v);
        }
        int width = floats ? 4 : 8;
        if (!withinBound(textChars, count, nulls, n, width)) {
            return null;
        }
        if (!floats) {
            return values;
        }
        float[] narrow = new float[n];
        for (int r = 0; r < n; r++) {
            narrow[r] = (float) values[r];
        }
        return narrow;
    }

    /**
     * Whether a column whose values hold {@code textChars} bytes of UTF-8 text keeps at most 3 bytes of heap per
     * byte of its JSON with an array of {@code width}-byte elements: text (never more bytes than the JSON's), end
     * offset (4) and null bit of each value plus the array, against the least JSON those values can be ({@code "v",}
     * is the text and 3 more bytes, {@code null,} 5). Every column within the bound keeps the chunk within it;
     * a column's text alone always is.
     */
    static boolean withinBound(long textChars, int values, int nulls, int rowCount, int width) {
        long cells = (long) values + nulls;
        long held = textChars + 4 * cells + (cells + 7) / 8 + (long) width * rowCount;
        long json = textChars + 3L * values + 5L * nulls;
        return held <= 3 * json;
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};

    /**
     * {@code [-]?digits(.digits)?} of at most 15 digits, parsed exactly: the digits as an integer below 10^15 and
     * 10^k (k at most 15) are both exact doubles, so one IEEE division gives the correctly rounded quotient, the
     * value {@code Double.parseDouble} returns (Clinger's fast path). This is the common DOUBLE text (e.g.
     * {@code 1234.56}); NaN (never a result here) for any other form, which the full parsers read.
     */
    static double shortDecimal(byte[] s, int start, int len) {
        int i = start;
        int end = start + len;
        boolean negative = i < end && s[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            byte c = s[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
            } else if (c == '.' && fraction < 0 && digits > 0) {
                fraction = digits;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > 15 || fraction == digits) {
            return Double.NaN;
        }
        double v = fraction < 0 ? mantissa : mantissa / POWERS_OF_TEN[digits - fraction];
        return negative ? -v : v;
    }

    /** {@code [+-]?digits(.digits)?([eE][+-]?digits)?}: the form both parsers read the same way. */
    static boolean plainDecimal(byte[] s, int start, int len) {
        int i = start;
        int end = start + len;
        if (i < end && (s[i] == '-' || s[i] == '+')) {
            i++;
        }
        int from = i;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        if (i == from) {
            return false;
        }
        if (i < end && s[i] == '.') {
            from = ++i;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            if (i == from) {
                return false;
            }
        }
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < end && (s[i] == '-' || s[i] == '+')) {
                i++;
            }
            from = i;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            if (i == from) {
                return false;
            }
        }
        return i == end;
    }
}
