package dev.sluice.jdbc.internal.arrow.accessor;

import java.util.Objects;

/**
 * One Arrow buffer: a validated range of a heap array (the chunk itself, or a decompressed copy when
 * the batch used IPC body compression). Never copied on the read path.
 *
 * @param array the backing array
 * @param offset where the buffer starts in {@code array}
 * @param length the buffer's length in bytes
 */
public record ArrowBuffer(byte[] array, int offset, int length) {
    public ArrowBuffer {
        Objects.requireNonNull(array, "array is null");
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IllegalArgumentException("buffer " + offset + "+" + length + " outside " + array.length);
        }
    }
}
