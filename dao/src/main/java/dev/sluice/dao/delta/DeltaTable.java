package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import dev.sluice.jdbc.simulate.DryRunReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * One Delta table and every operation on it as one typed call. The SQL it sends quotes every identifier and binds
 * every value as a parameter (grammar positions that take no marker — versions, hour counts, limits, property
 * values — get literals the DAO renders itself from typed values). It works over any JDBC driver's DataSource or
 * Connection: with a DataSource each operation takes one connection and closes it; with a Connection the caller
 * keeps it. Failures are thrown as the Delta taxonomy's types ({@link DeltaErrors}) when they are one of its kinds.
 * Instances are immutable and thread-safe when the DataSource is.
 */
public final class DeltaTable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeltaTable.class);
    private static final Duration DEFAULT_DELETED_FILE_RETENTION = Duration.ofDays(7);
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

    private final Connector connector;
    private final TableName name;

    private DeltaTable(Connector connector, TableName name) {
        this.connector = connector;
        this.name = requireNonNull(name, "name is null");
    }

    /** The table over a DataSource: one connection per operation. */
    public static DeltaTable of(DataSource dataSource, TableName name) {
        return new DeltaTable(Connector.of(requireNonNull(dataSource, "dataSource is null")), name);
    }

    /** The table over a connection the caller owns (and closes). */
    public static DeltaTable of(Connection connection, TableName name) {
        return new DeltaTable(Connector.of(requireNonNull(connection, "connection is null")), name);
    }

    public TableName name() {
        return name;
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /**
     * Streams the rows of a read, mapped one at a time: rows are fetched as the stream is consumed, never held.
     * Close the stream (try-with-resources) to release the result set and, with a DataSource, the connection.
     */
    public <T> Stream<T> read(ReadRequest request, RowMapper<T> mapper) throws SQLException {
        requireNonNull(mapper, "mapper is null");
        Sql sql = renderRead(request);
        Observation o = readObservation(request);
        Connection c;
        try {
            c = connector.open();
        } catch (SQLException | RuntimeException e) {
            o.failed(e);
            o.end();
            throw e;
        }
        PreparedStatement ps = null;
        ResultSet rs;
        try (DeltaTracing.Scope scope = o.makeCurrent()) {
            ps = c.prepareStatement(sql.text());
            if (request.fetchSize() > 0) {
                ps.setFetchSize(request.fetchSize());
            }
            sql.bind(ps);
            rs = ps.executeQuery();
        } catch (SQLException e) {
            closeQuietly(ps, c, e);
            SQLException translated = DeltaErrors.translate(e);
            o.failed(translated);
            o.end();
            throw translated;
        }
        PreparedStatement statement = ps;
        long[] count = {0};
        Spliterator<T> rows = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                try {
                    if (!rs.next()) {
                        return false;
                    }
                    count[0]++;
                    action.accept(mapper.map(rs));
                    return true;
                } catch (SQLException e) {
                    SQLException translated = DeltaErrors.translate(e);
                    o.failed(translated);
                    throw new DeltaReadException(translated);
                }
            }
        };
        return StreamSupport.stream(rows, false).onClose(() -> {
            o.attribute("rows_read", count[0]).rows(count[0]);
            o.end();
            try {
                rs.close();
                statement.close();
                connector.release(c);
            } catch (SQLException e) {
                throw new DeltaReadException(e);
            }
        });
    }

    /** The span and metrics of a read: {@code table}, {@code version} when it travels in time, then rows read. */
    private Observation readObservation(ReadRequest request) {
        Observation o = Observation.start("read", name).attribute("operation", "read");
        request.asOfVersion().ifPresent(v -> o.attribute("version", v));
        request.asOfTimestamp().ifPresent(t -> o.attribute("timestamp", t.toString()));
        return o;
    }

    /**
     * The open result set of a read, for a table made {@link #of(Connection, TableName) over a connection}: closing
     * the result set closes its statement. This is how a read is handed to code that wants JDBC itself (the
     * {@code delta_read_as_of} procedure).
     *
     * @throws SQLException 0A000 for a table over a DataSource, whose connection would outlive the call
     */
    public ResultSet openResultSet(ReadRequest request) throws SQLException {
        if (!connector.callerOwned()) {
            throw new java.sql.SQLFeatureNotSupportedException("openResultSet needs a DeltaTable over a Connection;"
                    + " use read(request, mapper) with a DataSource", "0A000");
        }
        Sql sql = renderRead(request);
        Connection c = connector.open();
        PreparedStatement ps = c.prepareStatement(sql.text());
        // the rows are read by the caller: the span covers running the query, without rows_read
        Observation o = readObservation(request);
        try (DeltaTracing.Scope scope = o.makeCurrent()) {
            if (request.fetchSize() > 0) {
                ps.setFetchSize(request.fetchSize());
            }
            sql.bind(ps);
            ResultSet rs = ps.executeQuery();
            ps.closeOnCompletion();
            return rs;
        } catch (SQLException e) {
            ps.close();
            SQLException translated = DeltaErrors.translate(e);
            o.failed(translated);
            throw translated;
        } finally {
            o.end();
        }
    }

    /** The rows of a small read in a list. For large reads use {@link #read(ReadRequest, RowMapper)}. */
    public <T> List<T> readAll(ReadRequest request, RowMapper<T> mapper) throws SQLException {
        try (Stream<T> s = read(request, mapper)) {
            return s.toList();
        } catch (DeltaReadException e) {
            throw e.getCause();
        }
    }

    private Sql renderRead(ReadRequest r) {
        Sql sql = new Sql().append("SELECT ");
        if (r.columns().isEmpty()) {
            sql.append("*");
        } else {
            sql.columnList(r.columns());
        }
        sql.append(" FROM ").append(name.sql());
        if (r.asOfVersion().isPresent()) {
            sql.append(" VERSION AS OF " + r.asOfVersion().getAsLong());
        } else if (r.asOfTimestamp().isPresent()) {
            sql.append(" TIMESTAMP AS OF ").value(Timestamp.from(r.asOfTimestamp().get()));
        }
        r.filter().ifPresent(f -> sql.append(" WHERE ").fragment(f));
        if (!r.orderBy().isEmpty()) {
            sql.append(" ORDER BY ").columnList(r.orderBy());
        }
        if (r.limit().isPresent()) {
            sql.append(" LIMIT " + r.limit().getAsLong());
        }
        return sql;
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    /**
     * Writes rows or a query's rows; returns the rows written. Java rows are appended in multi-row INSERTs of
     * {@link WriteRequest#batchRows()} rows (one table version per statement); an overwrite or replace is one
     * statement.
     */
    public long write(WriteRequest request) throws SQLException {
        requireNonNull(request, "request is null");
        return observe("write", o -> {
            o.attribute("operation", Observation.lower(request.mode()));
            long written = writeRows(request);
            o.attribute("rows_written", written).rows(written);
            return written;
        });
    }

    private long writeRows(WriteRequest request) throws SQLException {
        return withConnection(c -> {
            if (request.query().isPresent()) {
                Sql sql = new Sql().append(insertHead(request)).append(" ").fragment(request.query().get());
                return Statements.update(c, sql);
            }
            Rows rows = request.rows().get();
            if (request.mode() != WriteRequest.Mode.APPEND && rows.size() > request.batchRows()) {
                throw DeltaErrors.invalid(request.mode() + " of " + rows.size() + " rows exceeds batchRows "
                        + request.batchRows() + ": an overwrite or replace is one statement; raise batchRows or"
                        + " write from a query");
            }
            if (request.mode() == WriteRequest.Mode.REPLACE_WHERE) {
                List<String> tableColumns = schema(c).names();
                Sql sql = new Sql().append(insertHead(request)).append(" SELECT ");
                for (int i = 0; i < tableColumns.size(); i++) {
                    String col = tableColumns.get(i);
                    boolean given = rows.columns().stream().anyMatch(x -> x.equalsIgnoreCase(col));
                    sql.append(i > 0 ? ", " : "").append(given ? "v." + Sql.quote(col) : "NULL AS " + Sql.quote(col));
                }
                sql.append(" FROM ");
                values(sql, rows.columns(), rows.rows(), "v");
                Statements.update(c, sql);
                return (long) rows.size();
            }
            long written = 0;
            for (int from = 0; from < rows.size(); from += request.batchRows()) {
                List<List<Object>> batch = rows.rows().subList(from, Math.min(rows.size(), from + request.batchRows()));
                if (request.mergeSchema()) {
                    // a column list naming a column the table lacks fails to resolve; BY NAME over a query evolves
                    Sql sql = new Sql().append(insertHead(request)).append(" SELECT * FROM ");
                    values(sql, rows.columns(), batch, "v");
                    Statements.update(c, sql);
                    written += batch.size();
                    continue;
                }
                Sql sql = new Sql().append(request.mode() == WriteRequest.Mode.OVERWRITE ? "INSERT OVERWRITE " : "INSERT INTO ")
                        .append(name.sql()).append(" (").columnList(rows.columns()).append(") VALUES ");
                for (int r = 0; r < batch.size(); r++) {
                    sql.append(r > 0 ? ", (" : "(");
                    List<Object> row = batch.get(r);
                    for (int i = 0; i < row.size(); i++) {
                        sql.append(i > 0 ? ", " : "").value(row.get(i));
                    }
                    sql.append(")");
                }
                Statements.update(c, sql);
                written += batch.size();
            }
            return written;
        });
    }

    /** Appends rows: {@code write(WriteRequest.append(rows).build())}. */
    public long append(Rows rows) throws SQLException {
        return write(WriteRequest.append(rows).build());
    }

    private String insertHead(WriteRequest r) {
        switch (r.mode()) {
            case OVERWRITE:
                return "INSERT OVERWRITE " + name.sql();
            case REPLACE_WHERE: {
                Condition w = r.replaceWhere().get();
                if (!w.values().isEmpty()) {
                    // the local warehouse cannot bind a marker there (Spark's parameter substitution misses it)
                    throw new IllegalArgumentException("the REPLACE WHERE predicate " + w.sql()
                            + " is taken as SQL text without bound values; write its values as literals");
                }
                return "INSERT INTO " + name.sql() + " REPLACE WHERE " + w.sql();
            }
            default:
                return r.mergeSchema() ? "INSERT WITH SCHEMA EVOLUTION INTO " + name.sql() + " BY NAME"
                        : "INSERT INTO " + name.sql();
        }
    }

    /** {@code (SELECT * FROM VALUES (?, ?), ... AS alias(cols))}, every value bound. */
    private static void values(Sql sql, List<String> columns, List<List<Object>> rows, String alias) {
        sql.append("(SELECT * FROM VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r > 0 ? ", (" : "(");
            List<Object> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                sql.append(i > 0 ? ", " : "").value(row.get(i));
            }
            sql.append(")");
        }
        sql.append(" AS ").append(Sql.quote(alias)).append("(").columnList(columns).append(")) AS ")
                .append(Sql.quote(alias));
    }

    // ---- bulk loads -------------------------------------------------------------------------------------------

    /**
     * Appends rows in bulk: streamed into Parquet files, staged in a volume directory in parallel, loaded with one
     * {@code COPY INTO}, staged files removed whatever happens. Needs a Sluice connection (the Files API).
     * Exactly once: a COPY INTO whose answer is lost is sent again and skips the files it loaded; a load retried by
     * the caller with the same {@link BulkOptions#loadId(String) load id} and rows stages the same file names, which
     * COPY INTO skips too. Columns are the table's, matched by name; values are checked against the column types
     * (BIGINT takes Long/Integer/Short/Byte, DECIMAL BigDecimal without rounding, TIMESTAMP an Instant, Timestamp,
     * OffsetDateTime or ZonedDateTime, TIMESTAMP_NTZ a LocalDateTime, DATE a LocalDate, BINARY byte[], ARRAY a List,
     * MAP a Map, STRUCT a Map, record or List); a value that does not fit fails the load with SQLSTATE 22003 or
     * 22018 naming row and column, before anything is loaded.
     */
    public BulkLoadResult bulkAppend(BulkRows rows, BulkOptions options) throws SQLException {
        return bulk("bulk_append", rows, options, BulkLoader.Mode.APPEND, List.of());
    }

    /** Replaces the table's rows in bulk: {@code INSERT OVERWRITE ... SELECT ... FROM read_files(...)}. */
    public BulkLoadResult bulkOverwrite(BulkRows rows, BulkOptions options) throws SQLException {
        return bulk("bulk_overwrite", rows, options, BulkLoader.Mode.OVERWRITE, List.of());
    }

    /**
     * Upserts rows in bulk on {@code keys}: {@code MERGE INTO ... USING read_files(...)}, matched rows updated,
     * others inserted. The staged rows should hold each key once (Delta refuses a MERGE where two source rows
     * match one target row).
     */
    public BulkLoadResult bulkMerge(BulkRows rows, List<String> keys, BulkOptions options) throws SQLException {
        if (keys == null || keys.isEmpty()) {
            throw DeltaErrors.invalid("bulkMerge needs at least one key column");
        }
        return bulk("bulk_merge", rows, options, BulkLoader.Mode.MERGE, List.copyOf(keys));
    }

    private BulkLoadResult bulk(String operation, BulkRows rows, BulkOptions options, BulkLoader.Mode mode,
                                List<String> keys) throws SQLException {
        requireNonNull(rows, "rows is null");
        requireNonNull(options, "options is null");
        return observe(operation, o -> withConnection(c -> {
            DryRunReport dryRun = DryRuns.of(c);
            int before = dryRun == null ? 0 : dryRun.skipped().size();
            BulkLoadResult r = new BulkLoader(name, FilesStage.of(c), options).load(c, schema(c), rows, mode, keys);
            if (dryRun != null) {
                r = r.planned(DryRuns.since(dryRun, before));
            }
            o.attribute("load_id", r.loadId()).attribute("files", r.files()).attribute("rows_written", r.rows())
                    .rows(r.rows()).bytes(r.bytes());
            return r;
        }));
    }

    // ---- DML --------------------------------------------------------------------------------------------------

    /** {@code MERGE [WITH SCHEMA EVOLUTION] INTO}; returns Databricks' four counts. */
    public MergeResult merge(MergeRequest m) throws SQLException {
        requireNonNull(m, "request is null");
        Sql sql = new Sql().append("MERGE ").append(m.schemaEvolution() ? "WITH SCHEMA EVOLUTION " : "")
                .append("INTO ").append(name.sql()).append(" AS ").identifier(m.targetAlias()).append(" USING ");
        String alias = m.sourceAlias();
        if (m.sourceTable().isPresent()) {
            sql.append(m.sourceTable().get().sql()).append(" AS ").identifier(alias);
        } else if (m.sourceQuery().isPresent()) {
            sql.append("(").fragment(m.sourceQuery().get()).append(") AS ").identifier(alias);
        } else {
            Rows rows = m.sourceRows().get();
            values(sql, rows.columns(), rows.rows(), alias);
        }
        sql.append(" ON ").fragment(m.on());
        for (MergeRequest.Clause clause : m.clauses()) {
            sql.append(switch (clause.match()) {
                case MATCHED -> " WHEN MATCHED";
                case NOT_MATCHED -> " WHEN NOT MATCHED";
                case NOT_MATCHED_BY_SOURCE -> " WHEN NOT MATCHED BY SOURCE";
            });
            clause.condition().ifPresent(c -> sql.append(" AND ").fragment(c));
            sql.append(" THEN ");
            switch (clause.action()) {
                case DELETE -> sql.append("DELETE");
                case UPDATE_ALL -> sql.append("UPDATE SET *");
                case INSERT_ALL -> sql.append("INSERT *");
                case UPDATE -> {
                    sql.append("UPDATE SET ");
                    assignments(sql, clause.assignments().get());
                }
                case INSERT -> {
                    Map<String, Condition> cols = clause.assignments().get().columns();
                    sql.append("INSERT (").columnList(new ArrayList<>(cols.keySet())).append(") VALUES (");
                    int i = 0;
                    for (Condition v : cols.values()) {
                        sql.append(i++ > 0 ? ", " : "").fragment(v);
                    }
                    sql.append(")");
                }
            }
        }
        return observe("merge", o -> {
            MergeResult r = withConnection(c -> mergeResult(c, sql));
            o.attribute("operation", m.schemaEvolution() ? "merge_with_schema_evolution" : "merge")
                    .attribute("rows_written", r.affected())
                    .attribute("matched", r.updated() + r.deleted())
                    .attribute("not_matched", r.inserted())
                    .rows(r.affected());
            return r;
        });
    }

    private MergeResult mergeResult(Connection c, Sql sql) throws SQLException {
        DryRunReport dryRun = DryRuns.of(c);
        if (dryRun != null) {
            int before = dryRun.skipped().size();
            Statements.update(c, sql);
            return new MergeResult(0, 0, 0, 0, DryRuns.since(dryRun, before));
        }
        {
            Optional<List<MergeResult>> r = Statements.output(c, sql, rs -> new MergeResult(
                    Statements.longColumn(rs, "num_affected_rows"), Statements.longColumn(rs, "num_updated_rows"),
                    Statements.longColumn(rs, "num_deleted_rows"), Statements.longColumn(rs, "num_inserted_rows")));
            if (r.isPresent() && !r.get().isEmpty()) {
                return r.get().get(0);
            }
            HistoryEntry h = committed(c, "MERGE");
            long updated = h.metric("numTargetRowsUpdated");
            long deleted = h.metric("numTargetRowsDeleted");
            long inserted = h.metric("numTargetRowsInserted");
            return new MergeResult(updated + deleted + inserted, updated, deleted, inserted);
        }
    }

    private static void assignments(Sql sql, Assignments a) {
        int i = 0;
        for (Map.Entry<String, Condition> e : a.columns().entrySet()) {
            sql.append(i++ > 0 ? ", " : "").identifier(e.getKey()).append(" = ").fragment(e.getValue());
        }
    }

    /** {@code DELETE FROM t WHERE condition}; returns the rows deleted. */
    public long delete(Condition where) throws SQLException {
        requireNonNull(where, "where is null");
        Sql sql = new Sql().append("DELETE FROM ").append(name.sql()).append(" WHERE ").fragment(where);
        return withConnection(c -> Statements.update(c, sql));
    }

    /** {@code UPDATE t SET ... WHERE condition}; returns the rows updated. */
    public long update(Assignments set, Condition where) throws SQLException {
        requireNonNull(set, "set is null");
        requireNonNull(where, "where is null");
        Sql sql = new Sql().append("UPDATE ").append(name.sql()).append(" SET ");
        assignments(sql, set);
        sql.append(" WHERE ").fragment(where);
        return withConnection(c -> Statements.update(c, sql));
    }

    // ---- maintenance ------------------------------------------------------------------------------------------

    /** {@code OPTIMIZE t [WHERE ...] [ZORDER BY (...)]}; returns the metrics. */
    public OptimizeResult optimize(OptimizeRequest request) throws SQLException {
        Sql sql = new Sql().append("OPTIMIZE ").append(name.sql());
        request.where().ifPresent(w -> sql.append(" WHERE ").fragment(w));
        if (!request.zOrderBy().isEmpty()) {
            sql.append(" ZORDER BY (").columnList(request.zOrderBy()).append(")");
        }
        return observe("optimize", o -> {
            OptimizeResult r = optimizeResult(sql);
            o.attribute("operation", request.zOrderBy().isEmpty() ? "optimize" : "optimize_zorder")
                    .attribute("files_added", r.filesAdded()).attribute("files_removed", r.filesRemoved())
                    .attribute("bytes_added", r.bytesAdded()).attribute("bytes_removed", r.bytesRemoved())
                    .bytes(r.bytesAdded() + r.bytesRemoved());
            return r;
        });
    }

    private OptimizeResult optimizeResult(Sql sql) throws SQLException {
        return withConnection(c -> {
            DryRunReport dryRun = DryRuns.of(c);
            if (dryRun != null) {
                int before = dryRun.skipped().size();
                Statements.update(c, sql);
                return OptimizeResult.planned(DryRuns.since(dryRun, before));
            }
            Optional<List<String>> metrics = Statements.output(c, sql, rs -> rs.getString("metrics"));
            if (metrics.isPresent() && !metrics.get().isEmpty()) {
                return OptimizeResult.of(JsonText.object(metrics.get().get(0)));
            }
            Map<String, Object> m = committed(c, "OPTIMIZE").metrics();
            Map<String, Object> added = Map.of("totalSize", m.getOrDefault("numAddedBytes", 0L));
            Map<String, Object> removed = Map.of("totalSize", m.getOrDefault("numRemovedBytes", 0L));
            Map<String, Object> all = new LinkedHashMap<>(m);
            all.put("numFilesAdded", m.getOrDefault("numAddedFiles", 0L));
            all.put("numFilesRemoved", m.getOrDefault("numRemovedFiles", 0L));
            all.put("filesAdded", added);
            all.put("filesRemoved", removed);
            return OptimizeResult.of(Collections.unmodifiableMap(all));
        });
    }

    /** {@code VACUUM}; see {@link VacuumRequest} for the retention check. */
    public VacuumResult vacuum(VacuumRequest request) throws SQLException {
        return observe("vacuum", o -> withConnection(c -> {
            o.attribute("operation", request.isDryRun() ? "vacuum_dry_run" : "vacuum");
            if (request.retention().isPresent() && !request.isShortRetentionAllowed()) {
                Duration minimum = Optional.ofNullable(properties(c).get("delta.deletedFileRetentionDuration"))
                        .map(Durations::parse).orElse(DEFAULT_DELETED_FILE_RETENTION);
                if (request.retention().get().compareTo(minimum) < 0) {
                    throw DeltaErrors.retentionTooShort(name.sql(), request.retention().get(), minimum);
                }
            }
            Sql sql = new Sql().append("VACUUM ").append(name.sql()).append(request.isLite() ? " LITE" : "");
            request.retention().ifPresent(d -> sql.append(" RETAIN " + d.toHours() + " HOURS"));
            sql.append(request.isDryRun() ? " DRY RUN" : "");
            DryRunReport dryRun = request.isDryRun() ? null : DryRuns.of(c);
            if (dryRun != null) {
                // VACUUM ... DRY RUN is a read and runs; a VACUUM that deletes is planned, its retention checked
                int before = dryRun.skipped().size();
                Statements.update(c, sql);
                return new VacuumResult(false, List.of(), OptionalLong.empty(), DryRuns.since(dryRun, before));
            }
            String previous = null;
            if (request.isShortRetentionAllowed()) {
                previous = sessionSetting(c, RETENTION_CHECK);
                Statements.execute(c, "SET " + RETENTION_CHECK + " = false");
            }
            Optional<List<String>> paths;
            try {
                paths = Statements.output(c, sql, rs -> rs.getString(1));
            } finally {
                if (request.isShortRetentionAllowed()) {
                    Statements.execute(c, "SET " + RETENTION_CHECK + " = " + (previous == null ? "true" : previous));
                }
            }
            if (request.isDryRun()) {
                if (paths.isEmpty()) {
                    throw new java.sql.SQLFeatureNotSupportedException("the driver returned no rows for VACUUM ... DRY RUN,"
                            + " so the files cannot be listed (with Databricks' own driver, add VACUUM to its"
                            + " NonRowcountQueryPrefixes property)", "0A000");
                }
                o.attribute("files_to_delete", paths.get().size());
                return new VacuumResult(true, List.copyOf(paths.get()), OptionalLong.empty());
            }
            List<HistoryEntry> last = history(c, 2);
            OptionalLong deleted = !last.isEmpty() && last.get(0).operation().equals("VACUUM END")
                    ? OptionalLong.of(last.get(0).metric("numDeletedFiles")) : OptionalLong.empty();
            deleted.ifPresent(n -> o.attribute("files_deleted", n));
            if (deleted.isPresent() && last.size() > 1 && last.get(1).operation().equals("VACUUM START")) {
                // VACUUM START records the size of what it is about to delete; END only counts the files
                o.bytes(last.get(1).metric("sizeOfDataToDelete"));
            }
            return new VacuumResult(false, List.of(), deleted);
        }));
    }

    private static String sessionSetting(Connection c, String key) throws SQLException {
        List<String> v = Statements.query(c, new Sql().append("SET " + key), rs -> rs.getString(2));
        return v.isEmpty() ? null : v.get(0);
    }

    /** {@code DESCRIBE HISTORY t LIMIT n}, newest first; n at least 1. */
    public List<HistoryEntry> history(int limit) throws SQLException {
        if (limit < 1) {
            throw DeltaErrors.invalid("history limit " + limit + " is under 1");
        }
        return observedHistory(limit);
    }

    /** The whole history, newest first. */
    public List<HistoryEntry> history() throws SQLException {
        return observedHistory(0);
    }

    private List<HistoryEntry> observedHistory(int limit) throws SQLException {
        return observe("history", o -> {
            List<HistoryEntry> h = withConnection(c -> history(c, limit));
            o.attribute("operation", "history").attribute("rows_read", h.size()).rows(h.size());
            return h;
        });
    }

    private List<HistoryEntry> history(Connection c, int limit) throws SQLException {
        Sql sql = new Sql().append("DESCRIBE HISTORY ").append(name.sql()).append(limit > 0 ? " LIMIT " + limit : "");
        return Collections.unmodifiableList(Statements.query(c, sql, ResultReaders::history));
    }

    /** {@code RESTORE TABLE t TO VERSION AS OF v}. */
    public RestoreResult restoreToVersion(long version) throws SQLException {
        if (version < 0) {
            throw DeltaErrors.invalid("version " + version + " is negative");
        }
        return restore("VERSION AS OF " + version, o -> o.attribute("version", version));
    }

    /** {@code RESTORE TABLE t TO TIMESTAMP AS OF t}: the latest version committed at or before the instant. */
    public RestoreResult restoreToTimestamp(Instant timestamp) throws SQLException {
        requireNonNull(timestamp, "timestamp is null");
        // the grammar takes a string literal here; this one is rendered from an Instant, in UTC
        return restore("TIMESTAMP AS OF " + Sql.literal(DateTimeFormatter.ISO_INSTANT.format(timestamp)),
                o -> o.attribute("timestamp", timestamp.toString()));
    }

    private RestoreResult restore(String clause, Consumer<Observation> target) throws SQLException {
        return observe("restore", o -> {
            o.attribute("operation", "restore");
            target.accept(o);
            RestoreResult r = restoreResult(clause);
            o.attribute("files_restored", r.numRestoredFiles()).attribute("files_removed", r.numRemovedFiles())
                    .bytes(r.restoredFilesSize() + r.removedFilesSize());
            return r;
        });
    }

    private RestoreResult restoreResult(String clause) throws SQLException {
        Sql sql = new Sql().append("RESTORE TABLE ").append(name.sql()).append(" TO " + clause);
        return withConnection(c -> {
            DryRunReport dryRun = DryRuns.of(c);
            if (dryRun != null) {
                int before = dryRun.skipped().size();
                Statements.update(c, sql);
                return new RestoreResult(0, 0, 0, 0, 0, 0, DryRuns.since(dryRun, before));
            }
            Optional<List<RestoreResult>> r = Statements.output(c, sql, rs -> new RestoreResult(
                    Statements.longColumn(rs, "table_size_after_restore"),
                    Statements.longColumn(rs, "num_of_files_after_restore"),
                    Statements.longColumn(rs, "num_removed_files"), Statements.longColumn(rs, "num_restored_files"),
                    Statements.longColumn(rs, "removed_files_size"), Statements.longColumn(rs, "restored_files_size")));
            if (r.isPresent() && !r.get().isEmpty()) {
                return r.get().get(0);
            }
            HistoryEntry h = committed(c, "RESTORE");
            return new RestoreResult(h.metric("tableSizeAfterRestore"), h.metric("numOfFilesAfterRestore"),
                    h.metric("numRemovedFiles"), h.metric("numRestoredFiles"), h.metric("removedFilesSize"),
                    h.metric("restoredFilesSize"));
        });
    }

    /**
     * The history entry of the commit a statement just made, for drivers that hide its output rows: the newest
     * entry, which must be of {@code operation} (a concurrent commit in between would be another operation's).
     */
    private HistoryEntry committed(Connection c, String operation) throws SQLException {
        List<HistoryEntry> last = history(c, 1);
        if (last.isEmpty() || !last.get(0).operation().equals(operation)) {
            throw new SQLException("the driver returned no rows for " + operation + " on " + name + " and the table's"
                    + " newest commit is " + (last.isEmpty() ? "missing" : last.get(0).operation())
                    + ", so its metrics are unknown", "22000");
        }
        return last.get(0);
    }

    /** {@code DESCRIBE DETAIL t}. */
    public TableDetail detail() throws SQLException {
        Sql sql = new Sql().append("DESCRIBE DETAIL ").append(name.sql());
        return withConnection(c -> Statements.query(c, sql, ResultReaders::detail).get(0));
    }

    // ---- DDL and properties -----------------------------------------------------------------------------------

    /** {@code CREATE TABLE}, then its CHECK constraints. Fails if the table exists. */
    public void create(TableDefinition definition) throws SQLException {
        withConnection(c -> {
            Statements.execute(c, createSql(definition));
            addChecks(c, definition);
            return null;
        });
    }

    /** Creates the table unless it exists; returns whether it created it (constraints only then). */
    public boolean createIfAbsent(TableDefinition definition) throws SQLException {
        return withConnection(c -> {
            try {
                Statements.execute(c, createSql(definition));
            } catch (SQLException e) {
                String cls = DeltaErrors.errorClass(e).orElse("");
                if (cls.startsWith("TABLE_OR_VIEW_ALREADY_EXISTS") || cls.startsWith("DELTA_TABLE_ALREADY_EXISTS")
                        || "42P07".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
            addChecks(c, definition);
            return true;
        });
    }

    private String createSql(TableDefinition d) {
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(name.sql()).append(" (");
        List<StructField> cols = d.schema().fields();
        for (int i = 0; i < cols.size(); i++) {
            b.append(i > 0 ? ", " : "").append(cols.get(i).sql());
        }
        b.append(") USING DELTA");
        if (!d.partitionedBy().isEmpty()) {
            b.append(" PARTITIONED BY (").append(quoted(d.partitionedBy())).append(")");
        }
        if (!d.clusterBy().isEmpty()) {
            b.append(" CLUSTER BY (").append(quoted(d.clusterBy())).append(")");
        }
        d.comment().ifPresent(c -> b.append(" COMMENT ").append(Sql.literal(c)));
        if (!d.properties().isEmpty()) {
            b.append(" TBLPROPERTIES (").append(propertyList(d.properties())).append(")");
        }
        return b.toString();
    }

    private void addChecks(Connection c, TableDefinition d) throws SQLException {
        for (Map.Entry<String, String> check : d.checks().entrySet()) {
            Statements.execute(c, "ALTER TABLE " + name.sql() + " ADD CONSTRAINT " + Sql.quote(check.getKey())
                    + " CHECK (" + check.getValue() + ")");
        }
    }

    /** {@code ALTER TABLE t ADD CONSTRAINT name CHECK (expression)}; existing rows must satisfy it. */
    public void addCheck(String constraint, String expression) throws SQLException {
        withConnection(c -> {
            Statements.execute(c, "ALTER TABLE " + name.sql() + " ADD CONSTRAINT " + Sql.quote(constraint)
                    + " CHECK (" + expression + ")");
            return null;
        });
    }

    /** {@code DROP TABLE t}; fails with {@link TableNotFound} if it does not exist. */
    public void drop() throws SQLException {
        withConnection(c -> {
            Statements.execute(c, "DROP TABLE " + name.sql());
            return null;
        });
    }

    /** {@code DROP TABLE IF EXISTS t}. */
    public void dropIfExists() throws SQLException {
        withConnection(c -> {
            Statements.execute(c, "DROP TABLE IF EXISTS " + name.sql());
            return null;
        });
    }

    /** Whether the table exists (a {@code DESCRIBE TABLE} that does not fail with {@link TableNotFound}). */
    public boolean exists() throws SQLException {
        return withConnection(c -> {
            try {
                Statements.execute(c, "DESCRIBE TABLE " + name.sql());
                return true;
            } catch (TableNotFound e) {
                return false;
            }
        });
    }

    /** The table's properties ({@code SHOW TBLPROPERTIES}). */
    public Map<String, String> properties() throws SQLException {
        return withConnection(this::properties);
    }

    private Map<String, String> properties(Connection c) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] kv : Statements.query(c, new Sql().append("SHOW TBLPROPERTIES ").append(name.sql()),
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            m.put(kv[0], kv[1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** {@code ALTER TABLE t SET TBLPROPERTIES (...)}. */
    public void setProperties(Map<String, String> properties) throws SQLException {
        if (properties.isEmpty()) {
            throw DeltaErrors.invalid("no properties to set");
        }
        withConnection(c -> {
            Statements.execute(c, "ALTER TABLE " + name.sql() + " SET TBLPROPERTIES (" + propertyList(properties) + ")");
            return null;
        });
    }

    /** {@code delta.logRetentionDuration} and {@code delta.deletedFileRetentionDuration}. */
    public void setRetention(Duration logRetention, Duration deletedFileRetention) throws SQLException {
        Map<String, String> p = new LinkedHashMap<>();
        if (logRetention != null) {
            p.put("delta.logRetentionDuration", Durations.interval(logRetention));
        }
        if (deletedFileRetention != null) {
            p.put("delta.deletedFileRetentionDuration", Durations.interval(deletedFileRetention));
        }
        setProperties(p);
    }

    /** {@code delta.enableTypeWidening = true}: columns may then widen in place (INT to BIGINT, ...). */
    public void enableTypeWidening() throws SQLException {
        setProperties(Map.of("delta.enableTypeWidening", "true"));
    }

    /** Column mapping by name: columns may then be renamed and dropped (and names may hold spaces). */
    public void enableColumnMapping() throws SQLException {
        setProperties(Map.of("delta.columnMapping.mode", "name"));
    }

    /** {@code delta.autoOptimize.optimizeWrite} and {@code delta.autoOptimize.autoCompact}. */
    public void setAutoOptimize(boolean optimizeWrite, boolean autoCompact) throws SQLException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("delta.autoOptimize.optimizeWrite", Boolean.toString(optimizeWrite));
        p.put("delta.autoOptimize.autoCompact", Boolean.toString(autoCompact));
        setProperties(p);
    }

    private static String propertyList(Map<String, String> properties) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            b.append(b.length() > 0 ? ", " : "").append(Sql.literal(e.getKey())).append(" = ")
                    .append(Sql.literal(e.getValue()));
        }
        return b.toString();
    }

    private static String quoted(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.length() > 0 ? ", " : "").append(Sql.quote(n));
        }
        return b.toString();
    }

    // ---- schema -----------------------------------------------------------------------------------------------

    /** The table's schema: nested types, top-level nullability, comments. */
    public StructType schema() throws SQLException {
        return withConnection(this::schema);
    }

    private StructType schema(Connection c) throws SQLException {
        List<StructField> fields = new ArrayList<>();
        for (String[] row : Statements.query(c, new Sql().append("DESCRIBE TABLE ").append(name.sql()),
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            if (row[0] == null || row[0].isBlank() || row[0].startsWith("#")) {
                break;
            }
            fields.add(new StructField(row[0], DataType.parse(row[1]), true,
                    Optional.ofNullable(row[2]).filter(s -> !s.isEmpty())));
        }
        Map<String, Boolean> nullable = nullability(c);
        List<StructField> out = new ArrayList<>();
        for (StructField f : fields) {
            boolean n = nullable.getOrDefault(f.name().toLowerCase(Locale.ROOT), true);
            out.add(new StructField(f.name(), f.type(), n, f.comment()));
        }
        return new StructType(out);
    }

    /** DESCRIBE does not show NOT NULL: information_schema does. */
    private Map<String, Boolean> nullability(Connection c) throws SQLException {
        Sql sql = new Sql().append("SELECT column_name, is_nullable FROM ")
                .append(name.catalog().map(cat -> Sql.quote(cat) + ".information_schema.columns WHERE true")
                        .orElse("system.information_schema.columns WHERE table_catalog = current_catalog()"));
        if (name.schema().isPresent()) {
            sql.append(" AND lower(table_schema) = ").value(name.schema().get().toLowerCase(Locale.ROOT));
        } else {
            sql.append(" AND table_schema = current_schema()");
        }
        sql.append(" AND lower(table_name) = ").value(name.table().toLowerCase(Locale.ROOT));
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String[] r : Statements.query(c, sql, rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            m.put(r[0].toLowerCase(Locale.ROOT), !"NO".equalsIgnoreCase(r[1]));
        }
        return m;
    }

    /** The changes from the table's schema to {@code expected}, classified. */
    public SchemaDiff diff(StructType expected) throws SQLException {
        return diff(expected, Map.of());
    }

    /** As {@link #diff(StructType)}, with top-level renames declared (old name to new name). */
    public SchemaDiff diff(StructType expected, Map<String, String> renames) throws SQLException {
        return SchemaComparison.diff(schema(), expected, renames);
    }

    /**
     * Brings the table's schema to {@code expected}: adds columns, drops NOT NULL, and — as {@code options} allow —
     * widens types (enabling type widening), renames and drops columns (enabling column mapping). Refused changes
     * (narrowing, incompatible types, nullable to NOT NULL), and changes that need a feature not allowed, fail with
     * {@link SchemaEvolutionConflict} naming each before anything is altered. Each change is logged at WARN.
     *
     * @return the changes applied
     */
    public SchemaDiff evolve(StructType expected, EvolveOptions options) throws SQLException {
        return withConnection(c -> {
            SchemaDiff diff = SchemaComparison.diff(schema(c), expected, options.renames());
            Map<String, String> props = properties(c);
            boolean widening = "true".equalsIgnoreCase(props.get("delta.enableTypeWidening"));
            boolean mapping = "name".equalsIgnoreCase(props.get("delta.columnMapping.mode"))
                    || "id".equalsIgnoreCase(props.get("delta.columnMapping.mode"));
            List<String> problems = new ArrayList<>();
            List<SchemaChange> apply = new ArrayList<>();
            for (SchemaChange ch : diff.changes()) {
                switch (ch.kind()) {
                    case REFUSED -> problems.add(ch.column() + ": " + ch.reason());
                    case WIDEN -> {
                        if (!widening && !options.enableTypeWidening()) {
                            problems.add(ch.column() + ": " + ch.reason() + " (allow with withTypeWidening())");
                        }
                        apply.add(ch);
                    }
                    case RENAME -> {
                        if (!mapping && !options.enableColumnMapping()) {
                            problems.add(ch.column() + ": " + ch.reason() + " (allow with withColumnMapping())");
                        }
                        apply.add(ch);
                    }
                    case DROP -> {
                        if (options.dropColumns()) {
                            if (!mapping && !options.enableColumnMapping()) {
                                problems.add(ch.column() + ": " + ch.reason() + " (allow with withColumnMapping())");
                            }
                            apply.add(ch);
                        }
                    }
                    default -> apply.add(ch);
                }
            }
            if (!problems.isEmpty()) {
                throw DeltaErrors.schemaConflict("cannot evolve " + name + " to the expected schema: "
                        + String.join("; ", problems));
            }
            String t = name.sql();
            if (!widening && apply.stream().anyMatch(ch -> ch.kind() == SchemaChange.Kind.WIDEN)) {
                LOG.warn("{}: enabling type widening (delta.enableTypeWidening)", name);
                Statements.execute(c, "ALTER TABLE " + t + " SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')");
            }
            if (!mapping && apply.stream().anyMatch(ch -> ch.kind() == SchemaChange.Kind.RENAME
                    || ch.kind() == SchemaChange.Kind.DROP)) {
                LOG.warn("{}: enabling column mapping (delta.columnMapping.mode = name)", name);
                Statements.execute(c, "ALTER TABLE " + t + " SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
            }
            for (SchemaChange ch : apply) {
                String col = path(ch.column());
                String stmt = switch (ch.kind()) {
                    case ADD -> "ALTER TABLE " + t + " ADD COLUMNS (" + col + " " + ch.to().get().sql() + ")";
                    case WIDEN -> "ALTER TABLE " + t + " ALTER COLUMN " + col + " TYPE " + ch.to().get().sql();
                    case RENAME -> "ALTER TABLE " + t + " RENAME COLUMN " + col + " TO " + Sql.quote(ch.newName().get());
                    case DROP -> "ALTER TABLE " + t + " DROP COLUMN " + col;
                    case DROP_NOT_NULL -> "ALTER TABLE " + t + " ALTER COLUMN " + col + " DROP NOT NULL";
                    case REFUSED -> throw new IllegalStateException("refused change reached apply");
                };
                LOG.warn("{}: {} {} ({})", name, ch.kind(), ch.column(), ch.reason());
                Statements.execute(c, stmt);
            }
            return new SchemaDiff(apply);
        });
    }

    /** A dotted column path with each part quoted. */
    private static String path(String dotted) {
        StringBuilder b = new StringBuilder();
        for (String part : dotted.split("\\.")) {
            b.append(b.length() > 0 ? "." : "").append(Sql.quote(part));
        }
        return b.toString();
    }

    /**
     * The pre-write check: rows of schema {@code rows} can be written to the table as it is. Fails with
     * {@link SchemaEvolutionConflict} naming every offending column and why.
     */
    public void validate(StructType rows) throws SQLException {
        List<String> problems = SchemaComparison.validate(schema(), rows);
        if (!problems.isEmpty()) {
            throw DeltaErrors.schemaConflict("rows do not fit " + name + ": " + String.join("; ", problems));
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Observed<T> {
        T run(Observation o) throws SQLException;
    }

    /**
     * Runs one operation inside its span {@code databricks.delta.<operation>} (current on this thread, so the
     * driver's statement spans are its children) and records its metrics when it ends, failed or not.
     */
    private <T> T observe(String operation, Observed<T> body) throws SQLException {
        Observation o = Observation.start(operation, name);
        try (DeltaTracing.Scope scope = o.makeCurrent()) {
            return body.run(o);
        } catch (SQLException | RuntimeException e) {
            o.failed(e);
            throw e;
        } finally {
            o.end();
        }
    }

    private <T> T withConnection(Work<T> work) throws SQLException {
        Connection c;
        try {
            c = connector.open();
        } catch (SQLException e) {
            throw DeltaErrors.translate(e);
        }
        try {
            return work.run(c);
        } finally {
            connector.release(c);
        }
    }

    private void closeQuietly(PreparedStatement ps, Connection c, SQLException primary) {
        try {
            if (ps != null) {
                ps.close();
            }
            connector.release(c);
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "DeltaTable[" + name + "]";
    }
}
