package dev.sluice.delta;

import dev.sluice.dao.delta.Observation;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A direct read of one Delta table: which snapshot, which columns, which rows. {@link #rows()} streams them with
 * memory bounded by Kernel's batch size, {@link #resultSet()} offers the same as a forward-only JDBC result set.
 */
public final class DirectRead {
    private final DirectTable table;
    private Long version;
    private Instant timestamp;
    private List<String> columns;
    private DirectFilter filter;

    DirectRead(DirectTable table) {
        this.table = table;
    }

    /** Reads the table as of this version (Delta time travel). */
    public DirectRead atVersion(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version " + version + " is negative");
        }
        this.version = version;
        this.timestamp = null;
        return this;
    }

    /** Reads the table as of the latest version committed at or before this instant. */
    public DirectRead asOf(Instant timestamp) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp is null");
        this.version = null;
        return this;
    }

    /** Reads only these columns, in this order. */
    public DirectRead columns(String... names) {
        this.columns = List.of(names);
        return this;
    }

    /** Reads only the rows that match; Kernel skips partitions and files whose statistics rule them out. */
    public DirectRead where(DirectFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter is null");
        return this;
    }

    /** Starts the read; close the cursor when done. */
    public DirectRows rows() throws SQLException {
        Observation observation = Observation.start("read", table.name()).attribute("mode", "direct");
        try {
            return rows(observation);
        } catch (SQLException | RuntimeException e) {
            observation.failed(e);
            observation.end();
            throw e;
        }
    }

    private DirectRows rows(Observation observation) throws SQLException {
        Snapshot snapshot = table.snapshot(version, timestamp == null ? null : timestamp.toEpochMilli());
        StructType schema = snapshot.getSchema();
        List<String> wanted = columns == null ? schema.fieldNames() : columns;
        Set<String> read = new LinkedHashSet<>();
        for (String c : wanted) {
            if (schema.indexOf(c) < 0) {
                throw new SQLException("'" + c + "' is not a column of " + table.name() + " " + schema.fieldNames(),
                        "42703");
            }
            read.add(c);
        }
        if (filter != null) {
            read.addAll(filter.columns());
        }
        StructType readSchema = new StructType();
        for (String c : read) {
            if (schema.indexOf(c) < 0) {
                throw new SQLException("filter column '" + c + "' is not a column of " + table.name(), "42703");
            }
            readSchema = readSchema.add(schema.get(c));
        }
        ScanBuilder builder = snapshot.getScanBuilder().withReadSchema(readSchema);
        if (filter != null) {
            builder = builder.withFilter(filter.toKernel(schema));
        }
        Scan scan = builder.build();
        observation.attribute("version", snapshot.getVersion());
        return new DirectRows(table.reads(), scan, readSchema, new ArrayList<>(wanted), filter, snapshot.getVersion(),
                observation);
    }

    /** The rows as a forward-only, read-only result set; closing it ends the read. */
    public ResultSet resultSet() throws SQLException {
        Snapshot snapshot = table.snapshot(version, timestamp == null ? null : timestamp.toEpochMilli());
        DirectRows rows = rows();
        return DirectResultSet.of(rows, snapshot.getSchema());
    }
}
