package dev.sluice.testing.sea;

import java.util.Objects;

/**
 * One result chunk given as bytes: an Arrow IPC stream (or a JSON/CSV file for external links) and the number
 * of rows it holds. The server takes the bytes as opaque; it LZ4-frames them itself when the result says so.
 * Immutable.
 */
public final class Chunk {

    private final long rowCount;
    private final byte[] payload;

    private Chunk(long rowCount, byte[] payload) {
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount is negative: " + rowCount);
        }
        this.rowCount = rowCount;
        this.payload = Objects.requireNonNull(payload, "payload is null").clone();
    }

    /** A chunk of {@code rowCount} rows whose uncompressed bytes are {@code payload}. */
    public static Chunk of(long rowCount, byte[] payload) {
        return new Chunk(rowCount, payload);
    }

    /** The row count written to the manifest and links. */
    public long rowCount() {
        return rowCount;
    }

    /** The uncompressed payload (a copy). */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload without copying; for the server, which never modifies it. */
    byte[] payloadBytes() {
        return payload;
    }
}
