package dev.sluice.jdbc.internal.client;

/**
 * One entry of {@code manifest.chunks}.
 *
 * @param chunkIndex 0-based chunk index
 * @param rowOffset index of the chunk's first row in the whole result
 * @param rowCount rows in the chunk
 * @param byteCount {@code byte_count}, or -1 when absent (always absent for INLINE results)
 */
public record ChunkInfo(int chunkIndex, long rowOffset, long rowCount, long byteCount) {
}
