package dev.sluice.jdbc.internal.result;

/**
 * A run of rows with one accessor per column: one Arrow record batch, or one chunk of JSON rows.
 * Holds its buffers until the result set moves past it.
 */
public interface RowBatch {
    int rowCount();

    /** The accessor of the 0-based column {@code index}. */
    ColumnAccessor column(int index);

    int columnCount();
}
