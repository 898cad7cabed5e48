package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.dao.delta.Assignments;
import dev.sluice.dao.delta.BulkLoadResult;
import dev.sluice.dao.delta.BulkOptions;
import dev.sluice.dao.delta.BulkRows;
import dev.sluice.dao.delta.Condition;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.EvolveOptions;
import dev.sluice.dao.delta.MergeRequest;
import dev.sluice.dao.delta.MergeResult;
import dev.sluice.dao.delta.OptimizeRequest;
import dev.sluice.dao.delta.OptimizeResult;
import dev.sluice.dao.delta.RestoreResult;
import dev.sluice.dao.delta.SchemaDiff;
import dev.sluice.dao.delta.StructType;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.delta.VacuumRequest;
import dev.sluice.dao.delta.VacuumResult;
import dev.sluice.dao.delta.WriteRequest;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.JobsException;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.simulate.DryRunReport;
import dev.sluice.jdbc.simulate.SkippedAction;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Simulation=dry-run against the local warehouse: a migration script and the Delta DAO's writes are planned on the
 * server and not run (the tables' histories prove nothing was committed), reads still run, a statement on a
 * missing table fails as it would have, and job submissions are validated and answered with a SKIPPED run.
 */
@ExtendWith(LocalWarehouseExtension.class)
class DryRunTest {
    private final LocalWarehouse warehouse;

    DryRunTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    private Connection connect(String extra) throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl() + extra, new Properties());
    }

    private static long version(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("DESCRIBE HISTORY " + table + " LIMIT 1")) {
            rs.next();
            return rs.getLong("version");
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aMigrationScriptAndDaoWritesArePlannedNotRunAndTheHistoryIsUnchanged() throws Exception {
        String table = "dry_orders_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        long before;
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT, amount DOUBLE) USING delta");
            s.execute("INSERT INTO " + table + " VALUES (1, 10.0), (2, 20.0)");
            before = version(s, table);
        }
        List<String> script = List.of(
                "ALTER TABLE " + table + " ADD COLUMNS (note STRING)",
                "INSERT INTO " + table + " VALUES (3, 30.0)",
                "UPDATE " + table + " SET amount = amount * 2 WHERE id = 1",
                "DELETE FROM " + table + " WHERE id = 2",
                "MERGE INTO " + table + " t USING (SELECT 4 AS id, 40.0 AS amount) s ON t.id = s.id"
                        + " WHEN NOT MATCHED THEN INSERT *",
                "CREATE TABLE " + table + "_copy AS SELECT * FROM " + table,
                "OPTIMIZE " + table,
                "DROP TABLE " + table);
        try (Connection c = connect(";Simulation=dry-run"); Statement s = c.createStatement()) {
            for (String sql : script) {
                assertThat(s.execute(sql)).as(sql).isFalse();
                assertThat(s.getUpdateCount()).as(sql).isZero();
                assertThat(s.getWarnings() != null).as("warning of %s", sql).isTrue();
                assertThat(s.getWarnings().getMessage()).as(sql).startsWith("dry run: not executed; plan: ");
            }
            assertThat(count(s, table)).as("reads run").isEqualTo(2);

            DeltaTable dao = DeltaTable.of(c, TableName.parse(table));
            assertThat(dao.delete(Condition.of("id = ?", 1))).isZero();
            assertThat(dao.update(Assignments.builder().expression("amount", "amount + ?", 1.0).build(),
                    Condition.of("id = ?", 2))).isZero();
            assertThat(dao.write(WriteRequest.appendQuery("SELECT 5, 50.0").build())).isZero();

            assertThatThrownBy(() -> s.execute("INSERT INTO " + table + "_missing VALUES (1, 1.0)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"))
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
            assertThatThrownBy(() -> s.executeQuery("DELETE FROM " + table))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));

            List<SkippedAction> skipped = c.unwrap(DryRunReport.class).skipped();
            assertThat(skipped).extracting(SkippedAction::action).containsSubsequence(script);
            assertThat(skipped).hasSize(script.size() + 3);
            assertThat(skipped.get(1).plan()).contains("Physical Plan", table);
        }
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThat(version(s, table)).as("history after the dry run").isEqualTo(before);
            assertThat(count(s, table)).isEqualTo(2);
            try (ResultSet rs = c.getMetaData().getTables(null, null, table + "_copy", null)) {
                assertThat(rs.next()).as("the CTAS target was not created").isFalse();
            }
        }
    }

    @Test
    void theDeltaDaosOperationsAnswerWhatTheyWouldHaveRunInOrder() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String table = "dry_dao_" + suffix;
        String volume = "main.default.dry_stage_" + suffix;
        String name = TableName.parse(table).sql();
        long before;
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT, amount DOUBLE) USING delta");
            s.execute("INSERT INTO " + table + " VALUES (1, 10.0), (2, 20.0)");
            s.execute("CREATE VOLUME " + volume);
            before = version(s, table);
        }
        try (Connection c = connect(";Simulation=dry-run")) {
            DeltaTable dao = DeltaTable.of(c, TableName.parse(table));
            MergeResult merged = dao.merge(MergeRequest.builder().sourceQuery("SELECT 3L AS id, 30.0D AS amount")
                    .on("t.id = s.id").whenMatchedUpdateAll().whenNotMatchedInsertAll().build());
            long deleted = dao.delete(Condition.of("id = ?", 1));
            long updated = dao.update(Assignments.builder().expression("amount", "amount + ?", 1.0).build(),
                    Condition.of("id = ?", 2));
            OptimizeResult optimized = dao.optimize(OptimizeRequest.all());
            VacuumResult vacuumed = dao.vacuum(VacuumRequest.defaults());
            RestoreResult restored = dao.restoreToVersion(0);
            SchemaDiff evolved = dao.evolve(StructType.parseColumns("id BIGINT, amount DOUBLE, note STRING"),
                    EvolveOptions.defaults());
            BulkLoadResult loaded = dao.bulkAppend(BulkRows.ofArrays(List.of("id", "amount"),
                    List.<Object[]>of(new Object[] {7L, 70.0}).iterator()),
                    BulkOptions.staging("/Volumes/main/default/dry_stage_" + suffix + "/loads").loadId("dry"));
            String loads = "/Volumes/main/default/dry_stage_" + suffix + "/loads";
            BulkLoadResult overwritten = dao.bulkOverwrite(BulkRows.ofArrays(List.of("id", "amount"),
                    List.<Object[]>of(new Object[] {8L, 80.0}).iterator()),
                    BulkOptions.staging(loads).loadId("dry_overwrite"));
            BulkLoadResult upserted = dao.bulkMerge(BulkRows.ofArrays(List.of("id", "amount"),
                    List.<Object[]>of(new Object[] {2L, 25.0}).iterator()), List.of("id"),
                    BulkOptions.staging(loads).loadId("dry_merge"));

            assertThat(List.of(merged.simulated(), optimized.simulated(), vacuumed.simulated(), restored.simulated(),
                    loaded.simulated(), overwritten.simulated(), upserted.simulated())).containsOnly(true);
            assertThat(List.of(merged.affected(), deleted, updated, optimized.filesAdded(), restored.numRestoredFiles(),
                    loaded.rowsLoaded(), overwritten.rowsLoaded(), upserted.rowsLoaded())).containsOnly(0L);
            assertThat(vacuumed.filesDeleted()).isEmpty();
            assertThat(evolved.changes()).hasSize(1);
            String merge = "MERGE INTO " + name + " AS `t` USING (SELECT 3L AS id, 30.0D AS amount) AS `s`"
                    + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
            assertThat(merged.planned()).extracting(SkippedAction::action).containsExactly(merge);
            assertThat(optimized.planned()).extracting(SkippedAction::action).containsExactly("OPTIMIZE " + name);
            assertThat(vacuumed.planned()).extracting(SkippedAction::action).containsExactly("VACUUM " + name);
            assertThat(restored.planned()).extracting(SkippedAction::action)
                    .containsExactly("RESTORE TABLE " + name + " TO VERSION AS OF 0");

            List<SkippedAction> skipped = c.unwrap(DryRunReport.class).skipped();
            System.out.println("dry run of the DAO: " + skipped);
            List<String> statements = skipped.stream().filter(a -> a.kind() == SkippedAction.Kind.STATEMENT)
                    .map(SkippedAction::action).toList();
            assertThat(statements.subList(0, 7)).containsExactly(merge,
                    "DELETE FROM " + name + " WHERE id = ?",
                    "UPDATE " + name + " SET `amount` = amount + ? WHERE id = ?",
                    "OPTIMIZE " + name,
                    "VACUUM " + name,
                    "RESTORE TABLE " + name + " TO VERSION AS OF 0",
                    "ALTER TABLE " + name + " ADD COLUMNS (`note` STRING)");
            assertThat(statements.get(7)).startsWith("COPY INTO " + name);
            assertThat(loaded.planned()).extracting(SkippedAction::action).contains(statements.get(7));
            assertThat(skipped).anyMatch(a -> a.kind() == SkippedAction.Kind.REST_CALL
                    && a.action().startsWith("PUT /api/2.0/fs/files/Volumes/main/default/dry_stage_" + suffix));
            // overwrite and upsert read their staged files, never uploaded: planned with an empty source instead
            String files = "read_files('" + loads + "/dry_overwrite', format => 'parquet')";
            assertThat(overwritten.planned()).extracting(SkippedAction::action).containsExactly(
                    "PUT /api/2.0/fs/files" + loads + "/dry_overwrite/part-00000.parquet",
                    "INSERT OVERWRITE " + name + " (`id`, `amount`) SELECT `id`, `amount` FROM " + files,
                    "DELETE /api/2.0/fs/files" + loads + "/dry_overwrite/part-00000.parquet",
                    "DELETE /api/2.0/fs/directories" + loads + "/dry_overwrite");
            assertThat(overwritten.planned().get(1).plan()).contains("planned with an empty source");
            assertThat(upserted.planned()).extracting(SkippedAction::action).containsExactly(
                    "PUT /api/2.0/fs/files" + loads + "/dry_merge/part-00000.parquet",
                    "MERGE INTO " + name + " AS `t` USING (SELECT * FROM read_files('" + loads + "/dry_merge',"
                            + " format => 'parquet')) AS `s` ON `t`.`id` = `s`.`id`"
                            + " WHEN MATCHED THEN UPDATE SET `t`.`amount` = `s`.`amount`"
                            + " WHEN NOT MATCHED THEN INSERT (`id`, `amount`) VALUES (`s`.`id`, `s`.`amount`)",
                    "DELETE /api/2.0/fs/files" + loads + "/dry_merge/part-00000.parquet",
                    "DELETE /api/2.0/fs/directories" + loads + "/dry_merge");
            DeltaTable missing = DeltaTable.of(c, TableName.parse(table + "_missing"));
            for (ThrowingCallable load : List.<ThrowingCallable>of(
                    () -> missing.bulkOverwrite(BulkRows.ofArrays(List.of("id"),
                            List.<Object[]>of(new Object[] {1L}).iterator()), BulkOptions.staging(loads)),
                    () -> missing.bulkMerge(BulkRows.ofArrays(List.of("id"),
                            List.<Object[]>of(new Object[] {1L}).iterator()), List.of("id"), BulkOptions.staging(loads)))) {
                assertThatThrownBy(load).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            }
            assertThat(c.unwrap(DryRunReport.class).skipped()).as("a failed load skipped nothing more")
                    .hasSameSizeAs(skipped);
        }
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThat(version(s, table)).as("history after the dry run").isEqualTo(before);
            assertThat(count(s, table)).isEqualTo(2);
            s.execute("DROP VOLUME " + volume);
            s.execute("DROP TABLE " + table);
        }
    }

    @Test
    void aJobSubmissionIsValidatedAndAnsweredWithASkippedRun() throws Exception {
        String dir = "/Users/dev/dry_run_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            SluiceWorkspace w = c.unwrap(SluiceWorkspace.class);
            w.workspaceTree().mkdirs(dir);
            w.workspaceTree().importObject(dir + "/exists", "-- Databricks notebook source\nSELECT 1"
                    .getBytes(StandardCharsets.UTF_8), "SOURCE", "SQL", true);
        }
        try (Connection c = connect(";Simulation=dry-run")) {
            SluiceWorkspace w = c.unwrap(SluiceWorkspace.class);
            long runId = w.jobs().submit(RunSubmit.builder("dry").task(Task.notebook("t", dir + "/exists", null))
                    .build());
            Run run = w.jobs().getRun(runId);
            assertThat(run.lifeCycleState()).isEqualTo("SKIPPED");
            assertThatThrownBy(() -> w.jobs().submit(RunSubmit.builder("dry").task(Task.notebook("t",
                    dir + "/missing", null)).build()))
                    .isInstanceOfSatisfying(JobsException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(404);
                        assertThat(e.getMessage()).contains("RESOURCE_DOES_NOT_EXIST", dir + "/missing");
                    });
            w.workspaceTree().importObject(dir + "/later", "-- Databricks notebook source\nSELECT 2"
                    .getBytes(StandardCharsets.UTF_8), "SOURCE", "SQL", true);
            w.jobs().submit(RunSubmit.builder("dry").task(Task.notebook("t", dir + "/later", null)).build());
            assertThat(c.unwrap(DryRunReport.class).skipped()).extracting(SkippedAction::kind)
                    .containsOnly(SkippedAction.Kind.REST_CALL).hasSize(4);
            assertThatThrownBy(() -> w.workspaceTree().getStatus(dir + "/later"))
                    .hasMessageContaining("RESOURCE_DOES_NOT_EXIST");
        }
        try (Connection c = connect("")) {
            assertThat(c.unwrap(SluiceWorkspace.class).jobs().listRuns(null, false).limit(500))
                    .noneMatch(r -> r.runId() >= 9_000_000_000_000_000L);
        }
    }
}
