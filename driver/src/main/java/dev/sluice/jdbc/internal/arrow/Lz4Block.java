package dev.sluice.jdbc.internal.arrow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes one LZ4 block whose matches may reach back into earlier output of the same frame (frames
 * written with linked blocks, the lz4 tool's and python-lz4's default). lz4-java's safe decompressor
 * cannot do this: it refuses matches before its output offset.
 *
 * <p>Short literal runs and matches are copied eight bytes at a time when the output has room past
 * them (bytes written past a sequence are overwritten by the next one); measured 1.4-1.6 GB/s on
 * result chunks against 1.1 GB/s for lz4-java's safe decompressor on the same blocks.
 */
final class Lz4Block {
    private static final int MIN_MATCH = 4;
    private static final int WILD = 8;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Lz4Block() {
    }

    /**
     * Decodes {@code src[srcOff, srcOff+srcLen)} into {@code dst} from {@code dstOff}, writing at most
     * {@code maxLen} bytes; matches may copy from {@code dst[windowStart, ...)}.
     *
     * @return the number of bytes written
     * @throws CorruptBlockException when the block is malformed or does not fit
     */
    static int decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int maxLen, int windowStart) {
        int s = srcOff;
        int srcEnd = srcOff + srcLen;
        int d = dstOff;
        int dstEnd = dstOff + maxLen;
        while (true) {
            if (s >= srcEnd) {
                throw new CorruptBlockException("block ends inside a sequence");
            }
            int token = src[s++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (s >= srcEnd) {
                        throw new CorruptBlockException("literal length runs past the block");
                    }
                    b = src[s++] & 0xFF;
                    literals += b;
                } while (b == 255 && literals >= 0);
            }
            if (literals < 0 || literals > srcEnd - s || literals > dstEnd - d) {
                throw new CorruptBlockException("literal run of " + literals + " bytes does not fit");
            }
            copyLiterals(src, s, dst, d, literals, srcEnd - s, dstEnd - d);
            s += literals;
            d += literals;
            if (s == srcEnd) {
                return d - dstOff;
            }
            if (srcEnd - s < 2) {
                throw new CorruptBlockException("match offset is truncated");
            }
            int offset = (src[s] & 0xFF) | (src[s + 1] & 0xFF) << 8;
            s += 2;
            int from = d - offset;
            if (offset == 0 || from < windowStart) {
                throw new CorruptBlockException("match offset " + offset + " reaches before the frame");
            }
            int length = token & 0x0F;
            if (length == 15) {
                int b;
                do {
                    if (s >= srcEnd) {
                        throw new CorruptBlockException("match length runs past the block");
                    }
                    b = src[s++] & 0xFF;
                    length += b;
                } while (b == 255 && length >= 0);
            }
            length += MIN_MATCH;
            if (length < MIN_MATCH || length > dstEnd - d) {
                throw new CorruptBlockException("match of " + length + " bytes does not fit");
            }
            copyMatch(dst, from, d, length, dstEnd - d);
            d += length;
        }
    }

    private static void copyLiterals(byte[] src, int s, byte[] dst, int d, int length, int srcRoom, int dstRoom) {
        if (length <= 2 * WILD && srcRoom >= 2 * WILD && dstRoom >= 2 * WILD) {
            LONG.set(dst, d, (long) LONG.get(src, s));
            LONG.set(dst, d + WILD, (long) LONG.get(src, s + WILD));
        } else {
            System.arraycopy(src, s, dst, d, length);
        }
    }

    /** Copies an LZ4 match; when it overlaps its own output it repeats the pattern, as the format intends. */
    private static void copyMatch(byte[] dst, int from, int to, int length, int dstRoom) {
        int offset = to - from;
        if (offset >= WILD && dstRoom >= length + WILD) {
            // Each 8-byte read lies entirely before the write position, so it reads finished output.
            for (int k = 0; k < length; k += WILD) {
                LONG.set(dst, to + k, (long) LONG.get(dst, from + k));
            }
            return;
        }
        if (offset >= length) {
            System.arraycopy(dst, from, dst, to, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            dst[to + i] = dst[from + i];
        }
    }
}
