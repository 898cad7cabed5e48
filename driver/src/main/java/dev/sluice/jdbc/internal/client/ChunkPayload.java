package dev.sluice.jdbc.internal.client;

import java.util.Objects;

/**
 * One result chunk as delivered by {@link ChunkFetcher}: either the chunk file's bytes or parsed JSON rows.
 *
 * @param chunkIndex the chunk index
 * @param rowOffset index of the chunk's first row in the whole result, or -1 when the server did not say
 * @param rowCount rows in the chunk, or -1 when the server did not say
 * @param kind which of {@code bytes} and {@code rows} is set
 * @param bytes for {@link Kind#BYTES}: the external file or inline attachment as received, in the manifest's format
 *     (an Arrow IPC stream for ARROW_STREAM), still LZ4-framed when {@code lz4Framed}; otherwise null
 * @param length for {@link Kind#BYTES}: how many leading bytes of {@code bytes} are the chunk (a decoded chunk
 *     may sit in a slightly larger buffer); otherwise 0
 * @param rows for {@link Kind#ROWS}: INLINE JSON_ARRAY rows, JSON null as null; otherwise null
 * @param lz4Framed true when {@code bytes} must be LZ4-frame-decompressed first
 * @param chargedBytes the size charged against the fetcher's byte budget until released
 */
public record ChunkPayload(int chunkIndex, long rowOffset, long rowCount, Kind kind, byte[] bytes, int length,
                           JsonRows rows, boolean lz4Framed, long chargedBytes) {

    /** What a payload holds. */
    public enum Kind {
        /** The raw chunk file (external link download or inline attachment). */
        BYTES,
        /** Rows of an INLINE JSON_ARRAY result. */
        ROWS
    }

    public ChunkPayload {
        Objects.requireNonNull(kind, "kind is null");
        if ((kind == Kind.BYTES) != (bytes != null) || (kind == Kind.ROWS) != (rows != null)) {
            throw new IllegalArgumentException("a " + kind + " payload needs exactly its own content");
        }
    }

    /** A payload of chunk-file bytes, charged at their length. */
    static ChunkPayload ofBytes(int chunkIndex, long rowOffset, long rowCount, byte[] bytes, boolean lz4Framed) {
        return new ChunkPayload(chunkIndex, rowOffset, rowCount, Kind.BYTES, bytes, bytes.length, null, lz4Framed,
                bytes.length);
    }

    /** A decoded chunk: the first {@code length} bytes of {@code buffer}, charged at the buffer's size. */
    static ChunkPayload ofDecoded(int chunkIndex, long rowOffset, long rowCount, byte[] buffer, int length) {
        if (length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " is outside a buffer of " + buffer.length);
        }
        return new ChunkPayload(chunkIndex, rowOffset, rowCount, Kind.BYTES, buffer, length, null, false,
                buffer.length);
    }

    /**
     * Chunk-file bytes in the first {@code length} bytes of a recycled {@code buffer}, charged at the buffer's size.
     */
    static ChunkPayload ofBuffer(int chunkIndex, long rowOffset, long rowCount, byte[] buffer, int length,
                                 boolean lz4Framed) {
        if (length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " is outside a buffer of " + buffer.length);
        }
        return new ChunkPayload(chunkIndex, rowOffset, rowCount, Kind.BYTES, buffer, length, null, lz4Framed,
                buffer.length);
    }

    /** A payload of JSON rows, charged at the heap they hold. */
    static ChunkPayload ofRows(int chunkIndex, long rowOffset, long rowCount, JsonRows rows) {
        return new ChunkPayload(chunkIndex, rowOffset, rowCount < 0 ? rows.rowCount() : rowCount, Kind.ROWS, null, 0,
                rows, false, rows.heapBytes());
    }

    /** Describes the payload without its content. */
    @Override
    public String toString() {
        return "ChunkPayload[chunkIndex=" + chunkIndex + ", rowOffset=" + rowOffset + ", rowCount=" + rowCount
                + ", kind=" + kind + ", lz4Framed=" + lz4Framed + ", chargedBytes=" + chargedBytes + "]";
    }
}
