package dev.sluice.dao.internal.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A Snappy compressor (the raw format, Parquet's SNAPPY codec), written here so that the DAO needs no native
 * library and no compression dependency. It follows the reference encoder's plan: 64 KB blocks, a hash table of
 * four-byte sequences, literals and copies with one- or two-byte offsets, and a skip that speeds up over data that
 * does not compress.
 */
final class Snappy {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 1 << 16;
    private static final int HASH_BITS = 14;

    private final int[] table = new int[1 << HASH_BITS];

    /** The largest output for {@code length} input bytes. */
    static int maxCompressedLength(int length) {
        return 32 + length + length / 6;
    }

    /** Compresses {@code in[0, length)} into {@code out} (at least {@link #maxCompressedLength} long). */
    int compress(byte[] in, int length, byte[] out) {
        int op = 0;
        long v = length;
        while ((v & ~0x7FL) != 0) {
            out[op++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[op++] = (byte) v;
        for (int start = 0; start < length; start += BLOCK) {
            op = block(in, start, Math.min(length, start + BLOCK), out, op);
        }
        return op;
    }

    private int block(byte[] in, int start, int end, byte[] out, int op) {
        int nextEmit = start;
        if (end - start >= 15) {
            Arrays.fill(table, -1);
            int ip = start;
            int last = end - 4;
            int skip = 32;
            while (ip <= last) {
                int value = (int) INT.get(in, ip);
                int h = (value * 0x1e35a7bd) >>> (32 - HASH_BITS);
                int candidate = table[h];
                table[h] = ip;
                if (candidate >= start && (int) INT.get(in, candidate) == value) {
                    op = literal(in, nextEmit, ip - nextEmit, out, op);
                    int len = 4;
                    while (ip + len < end && in[candidate + len] == in[ip + len]) {
                        len++;
                    }
                    op = copy(ip - candidate, len, out, op);
                    ip += len;
                    nextEmit = ip;
                    skip = 32;
                } else {
                    ip += skip++ >> 5;
                }
            }
        }
        return literal(in, nextEmit, end - nextEmit, out, op);
    }

    private static int literal(byte[] in, int from, int len, byte[] out, int op) {
        if (len == 0) {
            return op;
        }
        int n = len - 1;
        if (n < 60) {
            out[op++] = (byte) (n << 2);
        } else if (n < 1 << 8) {
            out[op++] = (byte) (60 << 2);
            out[op++] = (byte) n;
        } else {
            out[op++] = (byte) (61 << 2);
            out[op++] = (byte) n;
            out[op++] = (byte) (n >>> 8);
        }
        System.arraycopy(in, from, out, op, len);
        return op + len;
    }

    private static int copy(int offset, int len, byte[] out, int op) {
        while (len >= 68) {
            op = copy2(offset, 64, out, op);
            len -= 64;
        }
        if (len > 64) {
            op = copy2(offset, 60, out, op);
            len -= 60;
        }
        if (len < 12 && offset < 2048) {
            out[op++] = (byte) (1 | ((len - 4) << 2) | ((offset >>> 8) << 5));
            out[op++] = (byte) offset;
            return op;
        }
        return copy2(offset, len, out, op);
    }

    private static int copy2(int offset, int len, byte[] out, int op) {
        out[op++] = (byte) (2 | ((len - 1) << 2));
        out[op++] = (byte) offset;
        out[op++] = (byte) (offset >>> 8);
        return op;
    }
}
