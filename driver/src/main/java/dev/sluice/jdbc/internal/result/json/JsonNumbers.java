package dev.sluice.jdbc.internal.result.json;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.sluice.jdbc.internal.client.JsonRows;

/**
 * Reads a whole numeric column of a JSON chunk into a primitive array, straight from the chunk's characters,
 * once, when the batch is opened. A column gets an array only when every non-null value reads to exactly what
 * the per-value parse of its accessor would give; otherwise (text the accessor would reject or read in a
 * lenient way) the answer is null and the accessor keeps reading the text, with its errors at access time.
 * NULL slots hold 0; the chunk's null bits stay the truth.
 */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /** {@code Long.parseLong} of every non-null value, or null when one of them would not parse. */
    static long[] longs(JsonRows rows, int column) {
        int n = rows.rowCount();
        long[] values = new long[n];
        char[] chars = rows.chars();
        for (int r = 0; r < n; r++) {
            int c = rows.cell(r, column);
            if (c < 0 || rows.isNull(r, column)) {
                continue;
            }
            int start = rows.start(c);
            int end = rows.end(c);
            int len = end - start;
            int i = start;
            boolean negative = false;
            if (len > 0 && (chars[i] == '-' || chars[i] == '+')) {
                negative = chars[i] == '-';
                i++;
            }
            int digits = end - i;
            if (digits < 1 || digits > 18) {
                try {
                    values[r] = Long.parseLong(new String(chars, start, len));
                    continue;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            long v = 0;
            for (; i < end; i++) {
                int d = chars[i] - '0';
                if (d < 0 || d > 9) {
                    return null;
                }
                v = v * 10 + d;
            }
            values[r] = negative ? -v : v;
        }
        return values;
    }

    /**
     * {@code Double.parseDouble} of every non-null value (after trimming, as {@link JsonScalars#parseDouble}),
     * or null when one of them would not parse. Plain decimal text goes through jackson-core's exact
     * (correctly rounded) parser on the characters in place; other forms ({@code NaN}, {@code Infinity},
     * {@code -Infinity}, hexadecimal) through the JDK's parser.
     */
    static double[] doubles(JsonRows rows, int column) {
        int n = rows.rowCount();
        double[] values = new double[n];
        char[] chars = rows.chars();
        for (int r = 0; r < n; r++) {
            int c = rows.cell(r, column);
            if (c < 0 || rows.isNull(r, column)) {
                continue;
            }
            int start = rows.start(c);
            int len = rows.end(c) - start;
            try {
                values[r] = plainDecimal(chars, start, len)
                        ? NumberInput.parseDouble(chars, start, len, true)
                        : Double.parseDouble(new String(chars, start, len).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return values;
    }

    /** {@code [+-]?digits(.digits)?([eE][+-]?digits)?}: the form both parsers read the same way. */
    static boolean plainDecimal(char[] s, int start, int len) {
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
