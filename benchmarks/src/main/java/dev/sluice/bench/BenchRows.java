package dev.sluice.bench;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark rows, a pure function of the row number so every run serves the same bytes:
 * {@code id BIGINT} (the row number), {@code name STRING} (8 to 23 characters, one row in 16 ending in a
 * two-byte UTF-8 character so a wrong decode changes the checksum), {@code amount DOUBLE} (two decimals,
 * 0 to about 168 000).
 */
final class BenchRows {
    static final int MAX_NAME_BYTES = 24;
    private static final byte[] PREFIX = {'u', 's', 'e', 'r', '_'};
    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".getBytes(StandardCharsets.US_ASCII);

    private BenchRows() {
    }

    static long id(long row) {
        return row;
    }

    static double amount(long row) {
        return (mix(row ^ 0x5DEECE66DL) >>> 40) / 100.0;
    }

    /** Writes the UTF-8 bytes of row's name into {@code out} (at least {@link #MAX_NAME_BYTES} long). */
    static int name(long row, byte[] out) {
        long h = mix(row);
        int chars = 8 + (int) (h & 15);
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        long bits = mix(h);
        int n = PREFIX.length;
        for (int i = PREFIX.length; i < chars; i++) {
            if (i == 17) {
                bits = mix(bits);
            }
            out[n++] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        if ((h >>> 60) == 0) {
            out[n - 1] = (byte) 0xC3; // 'é' replaces the last character
            out[n++] = (byte) 0xA9;
        }
        return n;
    }

    /** SplitMix64's finalizer: cheap, and every output bit depends on every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
