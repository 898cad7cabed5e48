package dev.sluice.delta;

import dev.sluice.dao.delta.Observation;
import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.delta.kernel.internal.util.Utils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A forward cursor over the rows of a direct read: one data file at a time, one Kernel batch at a time (Kernel's
 * Parquet reader reads a bounded number of rows per batch), so memory does not grow with the table. Deletion
 * vectors and column mapping are applied by Kernel; the residual filter here.
 */
public final class DirectRows implements AutoCloseable {
    private final EngineSource engines;
    private final Row scanState;
    private final StructType physicalSchema;
    private final CloseableIterator<FilteredColumnarBatch> scanFiles;
    private final List<String> columns;
    private final int[] ordinals;
    private final DirectFilter filter;
    private final long version;
    private final Observation observation;

    private CloseableIterator<Row> fileRows;
    private CloseableIterator<FilteredColumnarBatch> data;
    private ColumnarBatch batch;
    private ColumnVector selection;
    private int row = -1;
    private long count;
    private boolean closed;

    DirectRows(EngineSource engines, Scan scan, StructType readSchema, List<String> columns, DirectFilter filter,
               long version, Observation observation) throws SQLException {
        this.observation = observation;
        this.engines = engines;
        Engine engine = engines.engine();
        this.scanState = scan.getScanState(engine);
        this.physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        this.scanFiles = scan.getScanFiles(engine);
        this.columns = List.copyOf(columns);
        this.ordinals = new int[columns.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = readSchema.indexOf(columns.get(i));
        }
        this.filter = filter;
        this.version = version;
    }

    /** The table version this read sees. */
    public long version() {
        return version;
    }

    /** The names of the columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Rows returned so far. */
    public long count() {
        return count;
    }

    /** Moves to the next row; false at the end. */
    public boolean next() throws SQLException {
        if (closed) {
            throw new SQLException("the direct read is closed", "24000");
        }
        try {
            while (true) {
                while (batch != null && ++row < batch.getSize()) {
                    boolean selected = selection == null || (!selection.isNullAt(row) && selection.getBoolean(row));
                    if (selected && (filter == null || Boolean.TRUE.equals(matches()))) {
                        count++;
                        return true;
                    }
                }
                if (!nextBatch()) {
                    return false;
                }
            }
        } catch (UncheckedIOException e) {
            SQLException failure = new SQLException("reading the Delta table failed: " + e.getCause().getMessage(),
                    "58030", e);
            observation.failed(failure);
            throw failure;
        } catch (RuntimeException e) {
            SQLException failure = new SQLException("reading the Delta table failed: " + e, "XX000", e);
            observation.failed(failure);
            throw failure;
        }
    }

    private Boolean matches() {
        return filter.test(name -> Values.read(batch.getColumnVector(batch.getSchema().indexOf(name)), row));
    }

    private boolean nextBatch() throws SQLException {
        try {
            while (data == null || !data.hasNext()) {
                if (data != null) {
                    data.close();
                    data = null;
                }
                if (fileRows == null || !fileRows.hasNext()) {
                    if (fileRows != null) {
                        fileRows.close();
                        fileRows = null;
                    }
                    if (!scanFiles.hasNext()) {
                        batch = null;
                        return false;
                    }
                    fileRows = scanFiles.next().getRows();
                    continue;
                }
                Row scanFile = fileRows.next();
                // vended credentials are renewed here, before a file is opened, when they are about to expire
                Engine engine = engines.engine();
                FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
                CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                        .readParquetFiles(Utils.singletonCloseableIterator(file), physicalSchema, Optional.empty())
                        .map(FileReadResult::getData);
                data = Scan.transformPhysicalData(engine, scanState, scanFile, physical);
            }
            FilteredColumnarBatch next = data.next();
            batch = next.getData();
            selection = next.getSelectionVector().orElse(null);
            row = -1;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a column (0-based) of the current row: Long, String, BigDecimal, Instant, LocalDate, ... */
    public Object get(int column) throws SQLException {
        if (batch == null || row < 0) {
            throw new SQLException("no current row: call next() first", "24000");
        }
        if (column < 0 || column >= ordinals.length) {
            throw new SQLException("column index " + column + " is out of range 0.." + (ordinals.length - 1), "22023");
        }
        return Values.read(batch.getColumnVector(ordinals[column]), row);
    }

    /** The value of a column of the current row, by name. */
    public Object get(String column) throws SQLException {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new SQLException("'" + column + "' is not a column of this read " + columns, "42703");
        }
        return get(index);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        observation.attribute("rows", count).rows(count).end();
        try {
            if (data != null) {
                data.close();
            }
            if (fileRows != null) {
                fileRows.close();
            }
            scanFiles.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
