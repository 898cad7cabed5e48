package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.RowBatch;
import java.util.List;
import java.util.Objects;

/**
 * Rows the driver holds as Java objects: metadata results and other driver-made results. Each row is an
 * {@code Object[]} with one element per column, null for SQL NULL. The rows are not copied; the caller hands
 * them over and must not change them afterwards.
 */
final class MemoryBatch implements RowBatch {
    private final List<Object[]> rows;
    private final MemoryAccessor[] columns;

    /**
     * @param columnCount the width of every row
     * @throws IllegalArgumentException if a row is not {@code columnCount} wide
     */
    MemoryBatch(int columnCount, List<Object[]> rows) {
        Objects.requireNonNull(rows, "rows is null");
        if (columnCount < 0) {
            throw new IllegalArgumentException("negative column count " + columnCount);
        }
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            if (row == null || row.length != columnCount) {
                throw new IllegalArgumentException("row " + i + " has " + (row == null ? "no" : row.length)
                        + " values, expected " + columnCount);
            }
        }
        this.rows = rows;
        this.columns = new MemoryAccessor[columnCount];
        for (int c = 0; c < columnCount; c++) {
            columns[c] = new MemoryAccessor(rows, c);
        }
    }

    @Override
    public int rowCount() {
        return rows.size();
    }

    @Override
    public ColumnAccessor column(int index) {
        return columns[index];
    }

    @Override
    public int columnCount() {
        return columns.length;
    }
}
