package dev.sluice.jdbc.internal.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a {@code data_array} ({@code [["v", null, ...], ...]}) straight from the response's UTF-8 bytes into a
 * {@link JsonRows}: a string without escapes is copied as it is, byte for byte, with no decoding to {@code char}s
 * and back. The array of a JSON_ARRAY result holds only strings and nulls; anything else (a number, a boolean,
 * a nested value, text that is not well-formed JSON or not well-formed UTF-8) makes {@link #scan} give up with null,
 * and the caller reads the array with the general parser, which then reports the error or renders the value as
 * before. So this class only has to be right on the arrays it accepts.
 */
final class DataArrayScanner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] in;
    private final int limit;
    private int pos;
    /** Decoded bytes of a string with escapes. */
    private byte[] scratch = new byte[64];

    /** A scanner of the array that starts at {@code in[start]}. */
    DataArrayScanner(byte[] in, int start) {
        this.in = in;
        this.limit = in.length;
        this.pos = start;
    }

    /** Where the scan is: after {@link #rows()}, the index just after the array's {@code ]}. */
    int position() {
        return pos;
    }

    /**
     * The rows of the array that starts at {@code body[start]} (its {@code [}), or null when the array holds anything
     * but arrays of strings and nulls, or is not well-formed.
     */
    static JsonRows scan(byte[] body, int start) {
        return new DataArrayScanner(body, start).rows();
    }

    /** The rows, or null (see {@link #scan}); with rows, {@link #position()} is then just after the array. */
    JsonRows rows() {
        if (!take('[')) {
            return null;
        }
        JsonRows.Builder rows = new JsonRows.Builder(limit - pos);
        if (peek() == ']') {
            pos++;
            return rows.build();
        }
        while (true) {
            if (!take('[') || !row(rows)) {
                return null;
            }
            rows.endRow();
            int c = peek();
            pos++;
            if (c == ']') {
                return rows.build();
            }
            if (c != ',') {
                return null;
            }
        }
    }

    /** The values of one row after its {@code [}, up to and including its {@code ]}. */
    private boolean row(JsonRows.Builder rows) {
        if (peek() == ']') {
            pos++;
            return true;
        }
        while (true) {
            int c = pos < limit && in[pos] == '"' ? '"' : peek();
            if (c == '"') {
                pos++;
                if (!string(rows)) {
                    return false;
                }
            } else if (c == 'n' && pos + 4 <= limit && in[pos + 1] == 'u' && in[pos + 2] == 'l' && in[pos + 3] == 'l') {
                pos += 4;
                rows.appendNull();
            } else {
                return false;
            }
            c = pos < limit && (in[pos] == ',' || in[pos] == ']') ? in[pos] : peek();
            pos++;
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** A string's value after its opening quote, up to and including its closing one. */
    private boolean string(JsonRows.Builder rows) {
        int from = pos;
        int i = pos;
        // eight bytes at a time while none of them is a quote, a backslash, a control or a non-ASCII byte
        while (i + 8 <= limit) {
            long special = special((long) LONGS.get(in, i));
            if (special != 0) {
                i += Long.numberOfTrailingZeros(special) >>> 3;
                break;
            }
            i += 8;
        }
        while (i < limit) {
            byte b = in[i];
            if (b == '"') {
                rows.append(in, from, i - from);
                pos = i + 1;
                return true;
            }
            if (b == '\\') {
                return escaped(rows, from, i);
            }
            if (b >= 0 && b < 0x20) {
                return false;
            }
            if (b < 0) {
                i = multiByte(i);
                if (i < 0) {
                    return false;
                }
            } else {
                i++;
            }
        }
        return false;
    }

    /**
     * The high bit of each byte of {@code word} that is {@code "}, {@code \\}, below 0x20 or 0x80 and above. Where
     * a byte is marked, the bytes above it may be marked wrongly (a borrow), never those below: the lowest mark is
     * the first such byte.
     */
    static long special(long word) {
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        long control = word - 0x2020202020202020L;
        return ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | control | word) & HIGHS;
    }

    /** The rest of a string from its first escape at {@code at}; {@code from} is where its value began. */
    private boolean escaped(JsonRows.Builder rows, int from, int at) {
        ensure(at - from + 16);
        System.arraycopy(in, from, scratch, 0, at - from);
        int n = at - from;
        int i = at;
        while (i < limit) {
            byte b = in[i];
            if (b == '"') {
                rows.append(scratch, 0, n);
                pos = i + 1;
                return true;
            }
            ensure(n + 4);
            if (b == '\\') {
                if (i + 1 >= limit) {
                    return false;
                }
                byte e = in[i + 1];
                i += 2;
                switch (e) {
                    case '"', '\\', '/' -> scratch[n++] = e;
                    case 'b' -> scratch[n++] = '\b';
                    case 'f' -> scratch[n++] = '\f';
                    case 'n' -> scratch[n++] = '\n';
                    case 'r' -> scratch[n++] = '\r';
                    case 't' -> scratch[n++] = '\t';
                    case 'u' -> {
                        int cp = hex4(i);
                        if (cp < 0) {
                            return false;
                        }
                        i += 4;
                        if (Character.isHighSurrogate((char) cp)) {
                            int low = i + 6 <= limit && in[i] == '\\' && in[i + 1] == 'u' ? hex4(i + 2) : -1;
                            if (low < 0 || !Character.isLowSurrogate((char) low)) {
                                // a lone surrogate has no UTF-8 form: the general parser decides
                                return false;
                            }
                            i += 6;
                            cp = Character.toCodePoint((char) cp, (char) low);
                        } else if (Character.isLowSurrogate((char) cp)) {
                            return false;
                        }
                        n = utf8(cp, n);
                    }
                    default -> {
                        return false;
                    }
                }
            } else if (b >= 0 && b < 0x20) {
                return false;
            } else if (b < 0) {
                int end = multiByte(i);
                if (end < 0) {
                    return false;
                }
                while (i < end) {
                    scratch[n++] = in[i++];
                }
            } else {
                scratch[n++] = b;
                i++;
            }
        }
        return false;
    }

    /** The end of the well-formed UTF-8 sequence of more than one byte at {@code i}, or -1. */
    private int multiByte(int i) {
        int lead = in[i] & 0xFF;
        int count;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            count = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            count = 2;
            if (lead == 0xE0) {
                min2 = 0xA0; // overlong
            } else if (lead == 0xED) {
                max2 = 0x9F; // a surrogate
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            count = 3;
            if (lead == 0xF0) {
                min2 = 0x90; // overlong
            } else if (lead == 0xF4) {
                max2 = 0x8F; // beyond U+10FFFF
            }
        } else {
            return -1;
        }
        if (i + count >= limit) {
            return -1;
        }
        int second = in[i + 1] & 0xFF;
        if (second < min2 || second > max2) {
            return -1;
        }
        for (int k = 2; k <= count; k++) {
            if ((in[i + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return i + count + 1;
    }

    private int hex4(int i) {
        if (i + 4 > limit) {
            return -1;
        }
        int v = 0;
        for (int k = i; k < i + 4; k++) {
            int d = Character.digit(in[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private int utf8(int cp, int n) {
        if (cp < 0x80) {
            scratch[n++] = (byte) cp;
        } else if (cp < 0x800) {
            scratch[n++] = (byte) (0xC0 | cp >> 6);
            scratch[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            scratch[n++] = (byte) (0xE0 | cp >> 12);
            scratch[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            scratch[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            scratch[n++] = (byte) (0xF0 | cp >> 18);
            scratch[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            scratch[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            scratch[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }

    private void ensure(int size) {
        if (scratch.length < size) {
            scratch = java.util.Arrays.copyOf(scratch, Math.max(size, scratch.length * 2));
        }
    }

    /** Skips whitespace and takes {@code c}. */
    private boolean take(char c) {
        if (peek() != c) {
            return false;
        }
        pos++;
        return true;
    }

    /** The next byte that is not JSON whitespace (without taking it), or -1 at the end. */
    private int peek() {
        while (pos < limit) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
            pos++;
        }
        return -1;
    }
}
