package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.result.RowBatch;
import java.sql.SQLException;

/** Yields the batches of one result in order; closing it stops downloads and frees buffers. */
interface BatchSource extends AutoCloseable {
    /** The next batch, or null after the last. */
    RowBatch next() throws SQLException;

    /**
     * Whether each column may hold nulls, from the result's own schema (Arrow), or null when the result
     * carries none (JSON, empty results, results built in the driver). May read ahead to the first chunk.
     */
    default boolean[] nullability() throws SQLException {
        return null;
    }

    /** Idempotent; may be called from another thread while {@link #next()} blocks. */
    @Override
    void close();

    /** A source with the given batches already in memory. */
    static BatchSource of(RowBatch... batches) {
        return new BatchSource() {
            private int i;

            @Override
            public RowBatch next() {
                return i < batches.length ? batches[i++] : null;
            }

            @Override
            public void close() {
                i = batches.length;
            }
        };
    }
}
