package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.dao.jobs.Jobs;
import dev.sluice.dao.jobs.RunCanceled;
import dev.sluice.dao.jobs.RunFailed;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.JobSettings;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunNow;
import dev.sluice.jdbc.jobs.RunOutput;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.jobs.WorkspaceTree;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The driver's Jobs client, the Jobs DAO and the job procedures against the local warehouse's job runtime: only
 * Sluice's public API on one side, runs that really execute on Spark on the other.
 */
@ExtendWith(LocalWarehouseExtension.class)
class JobsEndToEndTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private final LocalWarehouse warehouse;
    private Connection connection;
    private WorkspaceTree tree;
    private Jobs jobs;

    JobsEndToEndTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void connect() throws Exception {
        connection = DriverManager.getConnection(warehouse.jdbcUrl());
        tree = connection.unwrap(SluiceWorkspace.class).workspaceTree();
        jobs = Jobs.over(connection).withPolling(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private void notebook(String path, String... cells) throws Exception {
        String source = "-- Databricks notebook source\n" + String.join("\n\n-- COMMAND ----------\n\n", cells);
        tree.importObject(path, source.getBytes(StandardCharsets.UTF_8), "SOURCE", "SQL", true);
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void anUploadedNotebookRunsWritesItsTableAndReturnsItsOutput() throws Exception {
        String table = unique("e2e_nb");
        String dir = "/Users/dev/" + table;
        tree.mkdirs(dir);
        notebook(dir + "/load", "CREATE TABLE " + table + " (who STRING)", "INSERT INTO " + table + " VALUES (:who)",
                "SELECT concat('hello ', who) FROM " + table);
        assertThat(tree.getStatus(dir + "/load").objectType()).isEqualTo("NOTEBOOK");
        assertThat(tree.list(dir)).hasSize(1);

        List<String> heard = new ArrayList<>();
        long runId = jobs.submit(RunSubmit.builder("e2e").task(Task.notebook("load", dir + "/load",
                Map.of("who", "sluice"))).build());
        Run run = jobs.await(runId, DEADLINE, r -> heard.add(r.lifeCycleState()));
        assertThat(run.resultState()).isEqualTo("SUCCESS");
        assertThat(heard).last().isEqualTo("TERMINATED");
        assertThat(column("SELECT who FROM " + table)).containsExactly("sluice");
        List<RunOutput> output = jobs.output(runId);
        assertThat(output).singleElement().satisfies(o -> {
            assertThat(o.taskKey()).isEqualTo("load");
            assertThat(o.notebookResult()).isEqualTo("hello sluice");
            assertThat(o.error()).isNull();
        });
        assertThat(jobs.export(runId)).singleElement().satisfies(v -> {
            assertThat(v.type()).isEqualTo("NOTEBOOK");
            assertThat(v.name()).isEqualTo(dir + "/load");
            assertThat(v.content()).startsWith("<!DOCTYPE html>").contains("INSERT INTO " + table, "hello sluice");
        });
        tree.delete(dir, true);
        assertThatThrownBy(() -> tree.getStatus(dir)).hasMessageContaining("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void aCreatedJobRunsNowWithJobParameters() throws Exception {
        String table = unique("e2e_job");
        String path = "/Users/dev/" + table;
        notebook(path, "CREATE TABLE IF NOT EXISTS " + table + " (day STRING)",
                "INSERT INTO " + table + " VALUES (:day)");
        long jobId = connection.unwrap(SluiceWorkspace.class).jobs().createJob(JobSettings.builder(table)
                .task(Task.notebook("daily", path, null)).parameter("day", "1970-01-01").build());
        long runId = jobs.runNow(RunNow.builder(jobId).jobParameters(Map.of("day", "2026-12-04")).build());
        Run run = jobs.await(runId, DEADLINE, r -> { });
        assertThat(run.jobId()).isEqualTo(jobId);
        assertThat(run.resultState()).isEqualTo("SUCCESS");
        long defaults = jobs.runNow(RunNow.builder(jobId).build());
        jobs.await(defaults, DEADLINE, r -> { });
        assertThat(column("SELECT day FROM " + table + " ORDER BY day"))
                .containsExactly("1970-01-01", "2026-12-04");
        assertThat(jobs.listRuns(jobId, false)).extracting(Run::runId).containsExactly(defaults, runId);
    }

    @Test
    void aFailingNotebookIsRunFailedWithTheError() throws Exception {
        String path = "/Users/dev/" + unique("e2e_fail");
        notebook(path, "SELECT * FROM " + unique("no_such_table"));
        long runId = jobs.submit(RunSubmit.builder("fails").task(Task.notebook("broken", path, null)).build());
        assertThatThrownBy(() -> jobs.await(runId, DEADLINE, r -> { }))
                .isInstanceOfSatisfying(RunFailed.class, e -> {
                    assertThat(e.resultState()).isEqualTo("FAILED");
                    assertThat(e.failedTask()).isEqualTo("broken");
                    assertThat(e.error()).contains("TABLE_OR_VIEW_NOT_FOUND");
                    assertThat(e.errorTrace()).contains("AnalysisException");
                    assertThat(e.getSQLState()).isEqualTo("38000");
                });
    }

    @Test
    void aRunCanceledWhileRunningIsRunCanceledAndItsTasksComeInPages() throws Exception {
        String gate = unique("e2e_gate");
        String path = "/Users/dev/" + gate;
        notebook(path, JobsRestClient.gateSql(gate));
        RunSubmit.Builder many = RunSubmit.builder("held").task(Task.notebook("held", path, null));
        for (int i = 1; i < 120; i++) {
            many.task(Task.notebook("after_" + i, path, null).dependsOn("held"));
        }
        long runId = jobs.submit(many.build());
        Run run = jobs.status(runId);
        for (int i = 0; i < 600 && !"RUNNING".equals(run.lifeCycleState()); i++) {
            Thread.sleep(100);
            run = jobs.status(runId);
        }
        assertThat(run.lifeCycleState()).isEqualTo("RUNNING");
        // runs/get answers 100 tasks a page; the client follows next_page_token and merges them in order
        assertThat(run.tasks()).hasSize(120);
        assertThat(run.tasks().get(0).taskKey()).isEqualTo("held");
        assertThat(run.tasks().get(119).taskKey()).isEqualTo("after_119");
        assertThat(run.tasks()).extracting(t -> t.taskType()).containsOnly("notebook_task");
        jobs.cancel(runId);
        assertThatThrownBy(() -> jobs.await(runId, DEADLINE, r -> { }))
                .isInstanceOfSatisfying(RunCanceled.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
    }

    @Test
    void theProceduresSubmitAndReadARunThroughCallableStatements() throws Exception {
        String table = unique("e2e_call");
        String path = "/Users/dev/" + table;
        notebook(path, "CREATE TABLE " + table + " AS SELECT 42 AS answer");
        long runId;
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_submit(task_type => ?, path => ?, "
                + "wait_seconds => ?, run_id => ?, state => ?, result_state => ?)}")) {
            cs.setString("task_type", "notebook");
            cs.setString("path", path);
            cs.setLong("wait_seconds", DEADLINE.toSeconds());
            cs.registerOutParameter("run_id", Types.BIGINT);
            cs.registerOutParameter("state", Types.VARCHAR);
            cs.registerOutParameter("result_state", Types.VARCHAR);
            cs.execute();
            runId = cs.getLong("run_id");
            assertThat(runId).isPositive();
            assertThat(cs.getString("state")).isEqualTo("TERMINATED");
            assertThat(cs.getString("result_state")).isEqualTo("SUCCESS");
        }
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_status(?, ?, ?, ?)}")) {
            cs.setLong(1, runId);
            cs.registerOutParameter(2, Types.VARCHAR);
            cs.registerOutParameter(3, Types.VARCHAR);
            cs.registerOutParameter(4, Types.VARCHAR);
            cs.execute();
            assertThat(cs.getString(2)).isEqualTo("TERMINATED");
            assertThat(cs.getString(3)).isEqualTo("SUCCESS");
        }
        assertThat(column("SELECT answer FROM " + table)).containsExactly("42");
    }
}
