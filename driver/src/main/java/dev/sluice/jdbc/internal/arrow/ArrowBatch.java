package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.arrow.accessor.ArrowAccessor;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.RowBatch;
import java.util.List;

/** One decoded Arrow record batch: its row count and one accessor per top-level column. */
final class ArrowBatch implements RowBatch {
    private final int rows;
    private final ArrowAccessor[] columns;

    ArrowBatch(int rows, List<ArrowAccessor> columns) {
        this.rows = rows;
        this.columns = columns.toArray(new ArrowAccessor[0]);
    }

    @Override
    public int rowCount() {
        return rows;
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
