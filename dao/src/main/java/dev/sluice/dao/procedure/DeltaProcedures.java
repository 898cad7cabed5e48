package dev.sluice.dao.procedure;

import dev.sluice.dao.delta.Assignments;
import dev.sluice.dao.delta.Condition;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.EvolveOptions;
import dev.sluice.dao.delta.HistoryEntry;
import dev.sluice.dao.delta.MergeRequest;
import dev.sluice.dao.delta.MergeResult;
import dev.sluice.dao.delta.OptimizeRequest;
import dev.sluice.dao.delta.OptimizeResult;
import dev.sluice.dao.delta.ReadRequest;
import dev.sluice.dao.delta.RestoreResult;
import dev.sluice.dao.delta.SchemaChange;
import dev.sluice.dao.delta.SchemaDiff;
import dev.sluice.dao.delta.StructType;
import dev.sluice.dao.delta.TableDetail;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.delta.VacuumRequest;
import dev.sluice.dao.delta.VacuumResult;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureCall;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureProvider;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import dev.sluice.jdbc.procedure.ResultColumn;
import java.sql.JDBCType;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in Delta procedures ({@code {call sluice.delta_merge(...)}}): each a thin adapter that reads its IN
 * values, calls one {@link DeltaTable} operation on the call's connection and hands back OUT values and rows.
 * Registered for {@link java.util.ServiceLoader}; the README lists names, parameters and results.
 */
public final class DeltaProcedures implements ProcedureProvider {

    @Override
    public List<ProcedureSpec> procedures() {
        return List.of(merge(), delete(), update(), optimize(), vacuum(), history(), restore(), detail(), schemaDiff(),
                evolve(), setRetention(), readAsOf());
    }

    private static ProcedureSpec merge() {
        return new ProcedureSpec("delta_merge", "MERGE INTO a Delta table from a table or a query; returns the four counts",
                List.of(table(), in("source", JDBCType.VARCHAR, true, null,
                                "source table name, or a query starting with SELECT, WITH, VALUES or ("),
                        in("on_condition", JDBCType.VARCHAR, true, null, "join condition over aliases t (target) and s (source)"),
                        in("when_matched", JDBCType.VARCHAR, false, "UPDATE_ALL", "UPDATE_ALL, DELETE or NONE"),
                        in("matched_condition", JDBCType.VARCHAR, false, null, "extra condition of the WHEN MATCHED clause"),
                        in("when_not_matched", JDBCType.VARCHAR, false, "INSERT_ALL", "INSERT_ALL or NONE"),
                        in("when_not_matched_by_source", JDBCType.VARCHAR, false, "NONE", "DELETE or NONE"),
                        in("schema_evolution", JDBCType.BOOLEAN, false, Boolean.FALSE, "MERGE WITH SCHEMA EVOLUTION"),
                        out("num_affected_rows"), out("num_updated_rows"), out("num_deleted_rows"),
                        out("num_inserted_rows")),
                false, call -> {
                    MergeRequest.Builder b = MergeRequest.builder().on(call.string("on_condition"));
                    String source = call.string("source").trim();
                    if (isQuery(source)) {
                        b.sourceQuery(source);
                    } else {
                        b.sourceTable(TableName.parse(source));
                    }
                    String matchedCondition = call.string("matched_condition");
                    Condition when = matchedCondition == null ? null : Condition.of(matchedCondition);
                    switch (choice(call, "when_matched", "UPDATE_ALL", "DELETE", "NONE")) {
                        case "UPDATE_ALL" -> {
                            if (when == null) {
                                b.whenMatchedUpdateAll();
                            } else {
                                b.whenMatchedUpdateAll(when);
                            }
                        }
                        case "DELETE" -> {
                            if (when == null) {
                                b.whenMatchedDelete();
                            } else {
                                b.whenMatchedDelete(when);
                            }
                        }
                        default -> { }
                    }
                    if (choice(call, "when_not_matched", "INSERT_ALL", "NONE").equals("INSERT_ALL")) {
                        b.whenNotMatchedInsertAll();
                    }
                    if (choice(call, "when_not_matched_by_source", "DELETE", "NONE").equals("DELETE")) {
                        b.whenNotMatchedBySourceDelete();
                    }
                    if (Boolean.TRUE.equals(call.bool("schema_evolution"))) {
                        b.withSchemaEvolution();
                    }
                    MergeRequest request;
                    try {
                        request = b.build();
                    } catch (IllegalArgumentException e) {
                        throw new SQLDataException("delta_merge: " + e.getMessage(), "22023");
                    }
                    MergeResult r = table(call).merge(request);
                    return ProcedureOutcome.out(outs("num_affected_rows", r.affected(), "num_updated_rows", r.updated(),
                            "num_deleted_rows", r.deleted(), "num_inserted_rows", r.inserted()));
                });
    }

    private static ProcedureSpec delete() {
        return new ProcedureSpec("delta_delete", "DELETE the rows matching a condition; returns how many",
                List.of(table(), in("condition", JDBCType.VARCHAR, true, null, "boolean SQL expression"),
                        out("num_affected_rows")),
                false, call -> ProcedureOutcome.out(outs("num_affected_rows",
                        table(call).delete(Condition.of(call.string("condition"))))));
    }

    private static ProcedureSpec update() {
        return new ProcedureSpec("delta_update", "UPDATE the rows matching a condition; returns how many",
                List.of(table(), in("assignments", JDBCType.VARCHAR, true, null, "col = expression, ..."),
                        in("condition", JDBCType.VARCHAR, true, null, "boolean SQL expression"),
                        out("num_affected_rows")),
                false, call -> ProcedureOutcome.out(outs("num_affected_rows", table(call).update(
                        assignments(call.string("assignments")), Condition.of(call.string("condition"))))));
    }

    private static ProcedureSpec optimize() {
        return new ProcedureSpec("delta_optimize", "OPTIMIZE (compaction, optional Z-order); returns the file metrics",
                List.of(table(), in("partition_filter", JDBCType.VARCHAR, false, null, "predicate on partition columns"),
                        in("zorder_by", JDBCType.VARCHAR, false, null, "comma-separated columns"),
                        out("files_added"), out("files_removed"), out("bytes_added"), out("bytes_removed")),
                false, call -> {
                    OptimizeRequest r = OptimizeRequest.all();
                    if (call.string("partition_filter") != null) {
                        r = r.where(call.string("partition_filter"));
                    }
                    if (call.string("zorder_by") != null) {
                        r = r.zOrderBy(columns(call.string("zorder_by")));
                    }
                    OptimizeResult m = table(call).optimize(r);
                    return ProcedureOutcome.out(outs("files_added", m.filesAdded(), "files_removed", m.filesRemoved(),
                            "bytes_added", m.bytesAdded(), "bytes_removed", m.bytesRemoved()));
                });
    }

    private static ProcedureSpec vacuum() {
        return new ProcedureSpec("delta_vacuum", "VACUUM; with dry_run the files that would be deleted, as rows (path)",
                List.of(table(), in("retain_hours", JDBCType.BIGINT, false, null, "RETAIN n HOURS; the table's own when null"),
                        in("dry_run", JDBCType.BOOLEAN, false, Boolean.FALSE, "list, do not delete"),
                        in("lite", JDBCType.BOOLEAN, false, Boolean.FALSE, "VACUUM LITE"),
                        in("allow_short_retention", JDBCType.BOOLEAN, false, Boolean.FALSE,
                                "accept a retention under the table's minimum for this statement"),
                        out("files_deleted")),
                true, call -> {
                    VacuumRequest r = VacuumRequest.defaults();
                    Long hours = call.longValue("retain_hours");
                    if (hours != null) {
                        if (hours < 0) {
                            throw new SQLDataException("delta_vacuum: retain_hours " + hours + " is negative", "22023");
                        }
                        r = r.retain(Duration.ofHours(hours));
                    }
                    r = Boolean.TRUE.equals(call.bool("dry_run")) ? r.dryRun() : r;
                    r = Boolean.TRUE.equals(call.bool("lite")) ? r.lite() : r;
                    r = Boolean.TRUE.equals(call.bool("allow_short_retention")) ? r.allowShortRetention() : r;
                    VacuumResult v = table(call).vacuum(r);
                    List<List<Object>> rows = new ArrayList<>();
                    for (String p : v.filesToDelete()) {
                        rows.add(List.of(p));
                    }
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("files_deleted", v.dryRun() ? Long.valueOf(v.filesToDelete().size())
                            : v.filesDeleted().isPresent() ? v.filesDeleted().getAsLong() : null);
                    return ProcedureOutcome.rows(List.of(new ResultColumn("path", JDBCType.VARCHAR)), rows).withOut(o);
                });
    }

    private static ProcedureSpec history() {
        return new ProcedureSpec("delta_history", "DESCRIBE HISTORY, newest first, with parameters and metrics as JSON",
                List.of(table(), in("limit", JDBCType.INTEGER, false, null, "newest n versions; all when null")),
                true, call -> {
                    Integer limit = (Integer) call.value("limit");
                    List<HistoryEntry> entries = limit == null ? table(call).history() : table(call).history(limit);
                    List<List<Object>> rows = new ArrayList<>();
                    for (HistoryEntry e : entries) {
                        rows.add(Arrays.asList(e.version(), Timestamp.from(e.timestamp()), e.userName().orElse(null),
                                e.operation(), Json.of(e.parameters()), Json.of(e.metrics()),
                                e.readVersion().isPresent() ? e.readVersion().getAsLong() : null,
                                e.isolationLevel().orElse(null), e.isBlindAppend(), e.engineInfo().orElse(null)));
                    }
                    return ProcedureOutcome.rows(List.of(col("version", JDBCType.BIGINT), col("timestamp", JDBCType.TIMESTAMP),
                            col("user_name", JDBCType.VARCHAR), col("operation", JDBCType.VARCHAR),
                            col("operation_parameters", JDBCType.VARCHAR), col("operation_metrics", JDBCType.VARCHAR),
                            col("read_version", JDBCType.BIGINT), col("isolation_level", JDBCType.VARCHAR),
                            col("is_blind_append", JDBCType.BOOLEAN), col("engine_info", JDBCType.VARCHAR)), rows);
                });
    }

    private static ProcedureSpec restore() {
        return new ProcedureSpec("delta_restore", "RESTORE TABLE to a version or a timestamp (exactly one); returns its metrics",
                List.of(table(), in("version", JDBCType.BIGINT, false, null, "version to restore"),
                        in("timestamp", JDBCType.TIMESTAMP, false, null, "or the latest version at or before it"),
                        out("table_size_after_restore"), out("num_of_files_after_restore"), out("num_removed_files"),
                        out("num_restored_files"), out("removed_files_size"), out("restored_files_size")),
                false, call -> {
                    Long version = call.longValue("version");
                    Timestamp ts = (Timestamp) call.value("timestamp");
                    if ((version == null) == (ts == null)) {
                        throw new SQLDataException("delta_restore: give exactly one of version and timestamp", "22023");
                    }
                    RestoreResult r = version != null ? table(call).restoreToVersion(version)
                            : table(call).restoreToTimestamp(ts.toInstant());
                    return ProcedureOutcome.out(outs("table_size_after_restore", r.tableSizeAfterRestore(),
                            "num_of_files_after_restore", r.numOfFilesAfterRestore(), "num_removed_files",
                            r.numRemovedFiles(), "num_restored_files", r.numRestoredFiles(), "removed_files_size",
                            r.removedFilesSize(), "restored_files_size", r.restoredFilesSize()));
                });
    }

    private static ProcedureSpec detail() {
        return new ProcedureSpec("delta_detail", "DESCRIBE DETAIL as one row", List.of(table()), true, call -> {
            TableDetail d = table(call).detail();
            return ProcedureOutcome.rows(List.of(col("format", JDBCType.VARCHAR), col("location", JDBCType.VARCHAR),
                    col("num_files", JDBCType.BIGINT), col("size_in_bytes", JDBCType.BIGINT),
                    col("partition_columns", JDBCType.VARCHAR), col("clustering_columns", JDBCType.VARCHAR),
                    col("min_reader_version", JDBCType.INTEGER), col("min_writer_version", JDBCType.INTEGER),
                    col("table_features", JDBCType.VARCHAR), col("properties", JDBCType.VARCHAR)),
                    List.of(Arrays.asList(d.format(), d.location(), d.numFiles(), d.sizeInBytes(),
                            String.join(",", d.partitionColumns()), String.join(",", d.clusteringColumns()),
                            d.minReaderVersion(), d.minWriterVersion(), String.join(",", d.tableFeatures()),
                            Json.of(d.properties()))));
        });
    }

    private static ProcedureSpec schemaDiff() {
        return new ProcedureSpec("delta_schema_diff", "The changes from the table's schema to an expected one, classified",
                List.of(table(), in("expected", JDBCType.VARCHAR, true, null, "column list as DDL: id BIGINT NOT NULL, ...")),
                true, call -> changes(table(call).diff(expected(call))));
    }

    private static ProcedureSpec evolve() {
        return new ProcedureSpec("delta_evolve", "Brings the table's schema to an expected one; returns the changes applied",
                List.of(table(), in("expected", JDBCType.VARCHAR, true, null, "column list as DDL"),
                        in("enable_type_widening", JDBCType.BOOLEAN, false, Boolean.FALSE, "allow widening types"),
                        in("enable_column_mapping", JDBCType.BOOLEAN, false, Boolean.FALSE, "allow drops (column mapping)"),
                        in("drop_columns", JDBCType.BOOLEAN, false, Boolean.FALSE, "drop columns the expected schema lacks"),
                        new ParameterSpec("changes_applied", ParameterMode.OUT, JDBCType.INTEGER, false, null,
                                "number of changes applied")),
                true, call -> {
                    EvolveOptions o = EvolveOptions.defaults();
                    o = Boolean.TRUE.equals(call.bool("enable_type_widening")) ? o.withTypeWidening() : o;
                    o = Boolean.TRUE.equals(call.bool("enable_column_mapping")) ? o.withColumnMapping() : o;
                    o = Boolean.TRUE.equals(call.bool("drop_columns")) ? o.withDrops() : o;
                    SchemaDiff applied = table(call).evolve(expected(call), o);
                    return changes(applied).withOut(outs("changes_applied", applied.changes().size()));
                });
    }

    private static ProcedureSpec setRetention() {
        return new ProcedureSpec("delta_set_retention",
                "Sets delta.logRetentionDuration and/or delta.deletedFileRetentionDuration, in hours",
                List.of(table(), in("log_retention_hours", JDBCType.BIGINT, false, null, "history kept for time travel"),
                        in("deleted_file_retention_hours", JDBCType.BIGINT, false, null, "VACUUM's minimum retention")),
                false, call -> {
                    Long log = call.longValue("log_retention_hours");
                    Long deleted = call.longValue("deleted_file_retention_hours");
                    if (log == null && deleted == null) {
                        throw new SQLDataException("delta_set_retention: give log_retention_hours,"
                                + " deleted_file_retention_hours or both", "22023");
                    }
                    for (Long h : Arrays.asList(log, deleted)) {
                        if (h != null && h < 0) {
                            throw new SQLDataException("delta_set_retention: " + h + " hours is negative", "22023");
                        }
                    }
                    table(call).setRetention(log == null ? null : Duration.ofHours(log),
                            deleted == null ? null : Duration.ofHours(deleted));
                    return ProcedureOutcome.none();
                });
    }

    private static ProcedureSpec readAsOf() {
        return new ProcedureSpec("delta_read_as_of", "The table's rows as of a version or a timestamp, streamed",
                List.of(table(), in("version", JDBCType.BIGINT, false, null, "VERSION AS OF"),
                        in("timestamp", JDBCType.TIMESTAMP, false, null, "or TIMESTAMP AS OF"),
                        in("columns", JDBCType.VARCHAR, false, null, "comma-separated columns; all when null"),
                        in("filter", JDBCType.VARCHAR, false, null, "boolean SQL expression"),
                        in("limit", JDBCType.BIGINT, false, null, "at most this many rows")),
                true, call -> {
                    Long version = call.longValue("version");
                    Timestamp ts = (Timestamp) call.value("timestamp");
                    if ((version == null) == (ts == null)) {
                        throw new SQLDataException("delta_read_as_of: give exactly one of version and timestamp", "22023");
                    }
                    ReadRequest.Builder r = ReadRequest.builder();
                    if (version != null) {
                        r.asOfVersion(version);
                    } else {
                        r.asOfTimestamp(ts.toInstant());
                    }
                    if (call.string("columns") != null) {
                        r.columns(columns(call.string("columns")));
                    }
                    if (call.string("filter") != null) {
                        r.filter(call.string("filter"));
                    }
                    if (call.longValue("limit") != null) {
                        r.limit(call.longValue("limit"));
                    }
                    return ProcedureOutcome.resultSet(table(call).openResultSet(r.build()));
                });
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static ParameterSpec table() {
        return in("table", JDBCType.VARCHAR, true, null, "table name: table, schema.table or catalog.schema.table");
    }

    private static ParameterSpec in(String name, JDBCType type, boolean required, Object defaultValue, String remarks) {
        return new ParameterSpec(name, ParameterMode.IN, type, required, defaultValue, remarks);
    }

    private static ParameterSpec out(String name) {
        return new ParameterSpec(name, ParameterMode.OUT, JDBCType.BIGINT, false, null, name.replace('_', ' '));
    }

    private static ResultColumn col(String name, JDBCType type) {
        return new ResultColumn(name, type);
    }

    private static DeltaTable table(ProcedureCall call) throws SQLException {
        return DeltaTable.of(call.connection(), TableName.parse(call.string("table")));
    }

    private static Map<String, Object> outs(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    private static boolean isQuery(String source) {
        String s = source.toUpperCase(java.util.Locale.ROOT);
        return s.startsWith("(") || s.startsWith("SELECT") || s.startsWith("WITH") || s.startsWith("VALUES");
    }

    private static String choice(ProcedureCall call, String parameter, String... allowed) throws SQLException {
        String v = call.string(parameter);
        String u = v == null ? "NONE" : v.trim().toUpperCase(java.util.Locale.ROOT);
        if (!Arrays.asList(allowed).contains(u)) {
            throw new SQLDataException(parameter + " " + v + " is not one of " + String.join(", ", allowed), "22023");
        }
        return u;
    }

    private static String[] columns(String list) {
        return Arrays.stream(SqlLists.split(list)).map(SqlLists::unquote).toArray(String[]::new);
    }

    private static Assignments assignments(String text) throws SQLException {
        Assignments.Builder b = Assignments.builder();
        for (String part : SqlLists.split(text)) {
            int eq = SqlLists.topLevelEquals(part);
            if (eq < 0) {
                throw new SQLDataException("assignments: " + part + " is not column = expression", "22023");
            }
            b.expression(SqlLists.unquote(part.substring(0, eq).trim()), part.substring(eq + 1).trim());
        }
        return b.build();
    }

    private static StructType expected(ProcedureCall call) throws SQLException {
        try {
            return StructType.parseColumns(call.string("expected"));
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("expected: " + e.getMessage(), "22023");
        }
    }

    private static ProcedureOutcome changes(SchemaDiff diff) {
        List<List<Object>> rows = new ArrayList<>();
        for (SchemaChange c : diff.changes()) {
            rows.add(Arrays.asList(c.kind().name(), c.column(), c.from().map(t -> t.sql()).orElse(null),
                    c.to().map(t -> t.sql()).orElse(null), c.newName().orElse(null), c.reason()));
        }
        return ProcedureOutcome.rows(List.of(col("change", JDBCType.VARCHAR), col("column_name", JDBCType.VARCHAR),
                col("from_type", JDBCType.VARCHAR), col("to_type", JDBCType.VARCHAR), col("new_name", JDBCType.VARCHAR),
                col("reason", JDBCType.VARCHAR)), rows);
    }
}
