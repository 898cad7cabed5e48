package dev.sluice.delta;

import dev.sluice.dao.delta.Observation;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.internal.util.Utils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Delta table read and written directly through Delta Kernel, from its storage location: no warehouse, no
 * SQL. Reads see a snapshot (latest, a version or a timestamp); writes are blind appends made idempotent by an
 * application transaction id. What Kernel cannot do publicly (overwrite, delete, update, merge) goes through SQL
 * ({@code dev.sluice.dao.delta.DeltaTable}).
 */
public final class DirectTable {
    /** Rows per Kernel batch handed to the Parquet writer. */
    private static final int WRITE_BATCH = 64 * 1024;

    private final EngineSource reads;
    private final EngineSource writes;
    private final String location;
    private final String name;
    private final String refusal;

    DirectTable(EngineSource reads, EngineSource writes, String location, String name, String refusal) {
        this.reads = reads;
        this.writes = writes;
        this.location = location;
        this.name = name;
        this.refusal = refusal;
    }

    /** The table's storage location (a URI or a local path). */
    public String location() {
        return location;
    }

    /** The catalog name this table was resolved from, or its location when it was opened by path. */
    public String name() {
        return name;
    }

    /** Whether direct writes are allowed (false for a Unity Catalog managed table). */
    public boolean writable() {
        return refusal == null;
    }

    /** How many times Unity Catalog vended credentials for this table's reads and writes (0 for a path). */
    public int credentialVendings() {
        return reads == writes ? reads.vendings() : reads.vendings() + writes.vendings();
    }

    private Table table(Engine engine) {
        return Table.forPath(engine, location);
    }

    EngineSource reads() {
        return reads;
    }

    Snapshot snapshot(Long version, Long timestampMillis) throws SQLException {
        return snapshot(reads.engine(), version, timestampMillis);
    }

    private Snapshot snapshot(Engine engine, Long version, Long timestampMillis) throws SQLException {
        try {
            if (version != null) {
                return table(engine).getSnapshotAsOfVersion(engine, version);
            }
            if (timestampMillis != null) {
                return table(engine).getSnapshotAsOfTimestamp(engine, timestampMillis);
            }
            return table(engine).getLatestSnapshot(engine);
        } catch (TableNotFoundException e) {
            throw new SQLException("no Delta table at " + location + " (" + name + ")", "42P01", e);
        } catch (KernelException e) {
            throw new SQLException(name + ": " + e.getMessage(), version != null || timestampMillis != null
                    ? "22023" : "XX000", e);
        }
    }

    /** The latest version. */
    public long version() throws SQLException {
        return snapshot(null, null).getVersion();
    }

    /** The columns of the latest snapshot. */
    public List<DirectColumn> columns() throws SQLException {
        return DeltaTypes.columns(snapshot(null, null).getSchema());
    }

    /** The partition columns of the latest snapshot. */
    public List<String> partitionColumns() throws SQLException {
        return snapshot(null, null).getPartitionColumnNames();
    }

    /** The table properties of the latest snapshot. */
    public Map<String, String> properties() throws SQLException {
        return snapshot(null, null).getTableProperties();
    }

    /** A read of this table, latest snapshot and every column unless the builder says otherwise. */
    public DirectRead read() {
        return new DirectRead(this);
    }

    /**
     * Creates the table at this location.
     *
     * @throws SQLException 42P07 when a table exists there, 22023 for a bad column, partition column or type
     */
    public long create(List<DirectColumn> columns, List<String> partitionColumns, Map<String, String> properties)
            throws SQLException {
        checkWritable();
        Engine engine = writes.engine();
        StructType schema = DeltaTypes.schema(columns);
        for (String p : partitionColumns) {
            if (schema.indexOf(p) < 0) {
                throw new SQLException("partition column '" + p + "' is not one of the columns "
                        + schema.fieldNames(), "22023");
            }
        }
        try {
            table(engine).getLatestSnapshot(engine);
            throw new SQLException("a Delta table already exists at " + location, "42P07");
        } catch (TableNotFoundException expected) {
            // the location is free
        }
        try {
            Transaction txn = table(engine).createTransactionBuilder(engine, "Sluice", Operation.CREATE_TABLE)
                    .withSchema(engine, schema)
                    .withPartitionColumns(engine, partitionColumns)
                    .withTableProperties(engine, properties)
                    .build(engine);
            return txn.commit(engine, CloseableIterable.emptyIterable()).getVersion();
        } catch (KernelException | IllegalArgumentException e) {
            throw new SQLException("creating the Delta table at " + location + " failed: " + e.getMessage(),
                    "22023", e);
        }
    }

    /**
     * Appends rows (each an {@code Object[]} or a {@code List} in column order, or a {@code Map} by column name)
     * in one commit. With the same {@code appId} and a {@code txnVersion} not above the last one committed, the
     * append is recognised as a repeat and nothing is written: a caller that lost the answer may simply repeat it.
     *
     * @param appId the application's transaction id (a stable name of the writer, e.g. "orders-loader")
     * @param txnVersion a number that grows with every append of this writer
     * @throws SQLException 42501 for a managed table, 22023/22003 for a value that does not fit its column (nothing
     *     is committed then), 40001 when a concurrent writer won
     */
    public AppendResult append(String appId, long txnVersion, Iterable<?> rows) throws SQLException {
        Objects.requireNonNull(appId, "appId is null");
        Objects.requireNonNull(rows, "rows is null");
        Observation observation = Observation.start("write", name).attribute("mode", "direct-append");
        try {
            AppendResult result = appendObserved(appId, txnVersion, rows);
            observation.attribute("version", result.version()).attribute("rows", result.rows())
                    .attribute("applied", String.valueOf(result.applied())).rows(result.rows()).bytes(result.bytes());
            return result;
        } catch (SQLException | RuntimeException e) {
            observation.failed(e);
            throw e;
        } finally {
            observation.end();
        }
    }

    private AppendResult appendObserved(String appId, long txnVersion, Iterable<?> rows) throws SQLException {
        checkWritable();
        Engine engine = writes.engine();
        Snapshot snapshot = snapshot(engine, null, null);
        Optional<Long> last = snapshot.getLatestTransactionVersion(engine, appId);
        if (last.isPresent() && last.get() >= txnVersion) {
            return new AppendResult(snapshot.getVersion(), 0, 0, 0, false);
        }
        Transaction txn;
        try {
            TransactionBuilder builder = table(engine).createTransactionBuilder(engine, "Sluice", Operation.WRITE)
                    .withTransactionId(engine, appId, txnVersion);
            txn = builder.build(engine);
        } catch (ConcurrentTransactionException e) {
            return new AppendResult(version(), 0, 0, 0, false);
        }
        Row state = txn.getTransactionState(engine);
        StructType schema = txn.getSchema(engine);
        List<String> partitions = txn.getPartitionColumns(engine);
        List<Row> actions = new ArrayList<>();
        long[] written = new long[3];
        try {
            if (partitions.isEmpty()) {
                // one stream of batches: Kernel's writer rolls over to a new file only at its target file size
                writeStream(engine, state, schema, rows.iterator(), actions, written);
            } else {
                List<Object[]> chunk = new ArrayList<>(1024);
                long rowNumber = 0;
                for (Object row : rows) {
                    chunk.add(canonicalRow(schema, row, rowNumber++));
                    if (chunk.size() == WRITE_BATCH) {
                        write(engine, state, schema, partitions, chunk, actions, written);
                        chunk.clear();
                    }
                }
                if (!chunk.isEmpty()) {
                    write(engine, state, schema, partitions, chunk, actions, written);
                }
            }
            TransactionCommitResult result = txn.commit(engine,
                    CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())));
            return new AppendResult(result.getVersion(), written[0], (int) written[1], written[2], true);
        } catch (ConcurrentTransactionException e) {
            return new AppendResult(version(), 0, 0, 0, false);
        } catch (io.delta.kernel.exceptions.ConcurrentWriteException e) {
            throw new SQLException("a concurrent writer changed " + name + " first: " + e.getMessage(), "40001", e);
        } catch (IOException | UncheckedIOException e) {
            throw new SQLException("writing to " + name + " failed: " + e.getMessage(), "58030", e);
        } catch (KernelException e) {
            throw new SQLException("writing to " + name + " failed: " + e.getMessage(), "22023", e);
        }
    }

    private void checkWritable() throws SQLException {
        if (refusal != null) {
            throw new SQLException(refusal, "42501");
        }
    }

    private static Object[] canonicalRow(StructType schema, Object row, long rowNumber) throws SQLException {
        Object[] values = new Object[schema.length()];
        if (row instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (schema.indexOf(String.valueOf(key)) < 0) {
                    throw new SQLException("row " + rowNumber + ": '" + key + "' is not a column of the table "
                            + schema.fieldNames(), "42703");
                }
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = value(schema.at(i), map.get(schema.at(i).getName()), rowNumber);
            }
            return values;
        }
        List<?> list = row instanceof Object[] array ? java.util.Arrays.asList(array)
                : row instanceof List<?> l ? l : null;
        if (list == null) {
            throw new SQLException("row " + rowNumber + " is a " + (row == null ? "null" : row.getClass().getName())
                    + "; rows are Object[], List or Map", "22023");
        }
        if (list.size() != values.length) {
            throw new SQLException("row " + rowNumber + " has " + list.size() + " values; the table has "
                    + values.length + " columns " + schema.fieldNames(), "22023");
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = value(schema.at(i), list.get(i), rowNumber);
        }
        return values;
    }

    private static Object value(StructField field, Object value, long rowNumber) throws SQLException {
        if (value == null && !field.isNullable()) {
            throw new SQLException("row " + rowNumber + ": column '" + field.getName() + "' is NOT NULL", "23502");
        }
        try {
            return Values.canonical(field.getDataType(), value, field.getName());
        } catch (SQLException e) {
            throw new SQLException("row " + rowNumber + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** A row that did not fit its column, carried out of Kernel's writer to be thrown as the SQLException it is. */
    private static final class BadRow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRow(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The rows of an unpartitioned table as one lazy stream of batches into Kernel's Parquet writer. */
    private void writeStream(Engine engine, Row state, StructType schema, java.util.Iterator<?> source, List<Row> actions,
                             long[] written) throws IOException, SQLException {
        long[] rowNumber = {0};
        CloseableIterator<FilteredColumnarBatch> logical = new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public FilteredColumnarBatch next() {
                List<Object[]> chunk = new ArrayList<>(WRITE_BATCH);
                try {
                    while (chunk.size() < WRITE_BATCH && source.hasNext()) {
                        chunk.add(canonicalRow(schema, source.next(), rowNumber[0]++));
                    }
                } catch (SQLException e) {
                    throw new BadRow(e);
                }
                written[0] += chunk.size();
                return new FilteredColumnarBatch(batch(schema, chunk), Optional.empty());
            }

            @Override
            public void close() {
            }
        };
        Map<String, Literal> none = Map.of();
        DataWriteContext context = Transaction.getWriteContext(engine, state, none);
        try {
            CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(engine, state,
                    logical, none);
            List<DataFileStatus> done = new ArrayList<>();
            try (CloseableIterator<DataFileStatus> files = engine.getParquetHandler().writeParquetFiles(
                    context.getTargetDirectory(), physical, context.getStatisticsColumns())) {
                files.forEachRemaining(done::add);
            }
            for (DataFileStatus f : done) {
                written[1]++;
                written[2] += f.getSize();
            }
            try (CloseableIterator<Row> adds = Transaction.generateAppendActions(engine, state,
                    Utils.toCloseableIterator(done.iterator()), context)) {
                adds.forEachRemaining(actions::add);
            }
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadRow bad) {
                    throw (SQLException) bad.getCause();
                }
            }
            throw e;
        }
    }

    /** Writes one chunk of rows, a Parquet file set per partition, and keeps the add actions for the commit. */
    private void write(Engine engine, Row state, StructType schema, List<String> partitions, List<Object[]> rows, List<Row> actions,
                       long[] written) throws IOException {
        Map<Map<String, Literal>, List<Object[]>> groups = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Map<String, Literal> key = new LinkedHashMap<>();
            for (String p : partitions) {
                int i = schema.indexOf(p);
                key.put(p, literal(schema.at(i).getDataType(), row[i]));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<Map<String, Literal>, List<Object[]>> group : groups.entrySet()) {
            ColumnarBatch batch = batch(schema, group.getValue());
            CloseableIterator<FilteredColumnarBatch> logical = Utils.singletonCloseableIterator(
                    new FilteredColumnarBatch(batch, Optional.empty()));
            CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(engine, state,
                    logical, group.getKey());
            DataWriteContext context = Transaction.getWriteContext(engine, state, group.getKey());
            CloseableIterator<DataFileStatus> files = engine.getParquetHandler().writeParquetFiles(
                    context.getTargetDirectory(), physical, context.getStatisticsColumns());
            List<DataFileStatus> done = new ArrayList<>();
            files.forEachRemaining(done::add);
            for (DataFileStatus f : done) {
                written[1]++;
                written[2] += f.getSize();
            }
            written[0] += group.getValue().size();
            try (CloseableIterator<Row> adds = Transaction.generateAppendActions(engine, state,
                    Utils.toCloseableIterator(done.iterator()), context)) {
                adds.forEachRemaining(actions::add);
            }
        }
    }

    private static Literal literal(DataType type, Object canonical) {
        if (canonical == null) {
            return Literal.ofNull(type);
        }
        switch (DeltaTypes.sql(type)) {
            case "BIGINT": return Literal.ofLong((Long) canonical);
            case "INT": return Literal.ofInt((Integer) canonical);
            case "SMALLINT": return Literal.ofShort((Short) canonical);
            case "TINYINT": return Literal.ofByte((Byte) canonical);
            case "STRING": return Literal.ofString((String) canonical);
            case "BOOLEAN": return Literal.ofBoolean((Boolean) canonical);
            case "DATE": return Literal.ofDate((Integer) canonical);
            case "TIMESTAMP": return Literal.ofTimestamp((Long) canonical);
            case "TIMESTAMP_NTZ": return Literal.ofTimestampNtz((Long) canonical);
            case "DOUBLE": return Literal.ofDouble((Double) canonical);
            case "FLOAT": return Literal.ofFloat((Float) canonical);
            default: {
                io.delta.kernel.types.DecimalType d = (io.delta.kernel.types.DecimalType) type;
                return Literal.ofDecimal((java.math.BigDecimal) canonical, d.getPrecision(), d.getScale());
            }
        }
    }

    private static ColumnarBatch batch(StructType schema, List<Object[]> rows) {
        List<ColumnVector> vectors = new ArrayList<>(schema.length());
        for (int c = 0; c < schema.length(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                values.add(row[c]);
            }
            vectors.add(new Values.ValueVector(schema.at(c).getDataType(), values));
        }
        return new DefaultColumnarBatch(rows.size(), schema, vectors.toArray(new ColumnVector[0]));
    }
}
