package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.dao.jobs.Jobs;
import dev.sluice.dao.jobs.RunCanceled;
import dev.sluice.dao.jobs.RunFailed;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.jobs.WorkspaceTree;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Python task runs on the local warehouse: python3 subprocesses whose {@code spark.sql} goes back to the
 * warehouse's statement API and whose {@code dbutils} reads parameters and sets the notebook's result. Each test
 * asserts the run's effect: a table written, the printed logs, the exit value, the trace, a killed process.
 */
@ExtendWith(LocalWarehouseExtension.class)
class JobsPythonTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private final LocalWarehouse warehouse;
    private Connection connection;
    private WorkspaceTree tree;
    private Jobs jobs;
    private String dir;

    JobsPythonTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void connect() throws Exception {
        connection = DriverManager.getConnection(warehouse.jdbcUrl());
        tree = connection.unwrap(SluiceWorkspace.class).workspaceTree();
        jobs = Jobs.over(connection).withPolling(Duration.ofMillis(100), Duration.ofSeconds(1));
        dir = "/Users/dev/" + unique("py");
        tree.mkdirs(dir);
    }

    @AfterEach
    void close() throws Exception {
        tree.delete(dir, true);
        connection.close();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
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
    void aPythonNotebookReadsItsWidgetsWritesATableAndExitsWithItsResult() throws Exception {
        String table = unique("py_nb");
        String source = String.join("\n",
                "# Databricks notebook source",
                "who = dbutils.widgets.get('who')",
                "spark.sql('CREATE TABLE " + table + " (who STRING, n INT)')",
                "",
                "# COMMAND ----------",
                "",
                "# MAGIC %sql",
                "# MAGIC INSERT INTO " + table + " VALUES ('magic', 1)",
                "",
                "# COMMAND ----------",
                "",
                "spark.sql('INSERT INTO " + table + " VALUES (:who, :n)', {'who': who, 'n': 2})",
                "rows = spark.sql('SELECT who, n FROM " + table + " ORDER BY n').collect()",
                "print(rows)",
                "dbutils.notebook.exit(','.join(r.who + '=' + str(r['n'] * 10) for r in rows))",
                "raise AssertionError('not reached: exit ends the notebook')");
        tree.importObject(dir + "/nb", source.getBytes(StandardCharsets.UTF_8), "SOURCE", "PYTHON", true);
        long runId = jobs.submit(RunSubmit.builder("py-notebook")
                .task(Task.notebook("nb", dir + "/nb", Map.of("who", "sluice"))).build());
        Run run = jobs.await(runId, DEADLINE, r -> { });
        assertThat(run.resultState()).isEqualTo("SUCCESS");
        assertThat(column("SELECT who FROM " + table + " ORDER BY n")).containsExactly("magic", "sluice");
        assertThat(jobs.output(runId)).singleElement().satisfies(o -> {
            assertThat(o.notebookResult()).isEqualTo("magic=10,sluice=20");
            assertThat(o.logs()).contains("Row(who='magic', n=1)");
        });
        assertThat(jobs.export(runId)).singleElement().satisfies(v -> assertThat(v.content())
                .contains("who = dbutils.widgets.get('who')", "# MAGIC %sql", "Row(who='magic', n=1)"));
    }

    @Test
    void aSparkPythonTaskGetsItsArgumentsAndItsPrintsAreTheLogs() throws Exception {
        String table = unique("py_file");
        String source = String.join("\n",
                "import sys",
                "table, value = sys.argv[1], sys.argv[2]",
                "spark.sql(f'CREATE TABLE {table} AS SELECT {int(value)} * 2 AS doubled')",
                "print('doubled', spark.sql(f'SELECT doubled FROM {table}').first()[0])");
        tree.importObject(dir + "/job.py", source.getBytes(StandardCharsets.UTF_8), "AUTO", null, true);
        long runId = jobs.submit(RunSubmit.builder("py-file")
                .task(Task.sparkPython("file", "/Workspace" + dir + "/job.py", List.of(table, "21"))).build());
        jobs.await(runId, DEADLINE, r -> { });
        assertThat(column("SELECT doubled FROM " + table)).containsExactly("42");
        assertThat(jobs.output(runId).get(0).logs()).isEqualTo("doubled 42\n");
    }

    @Test
    void aPythonWheelTaskCallsItsEntryPoint() throws Exception {
        String table = unique("py_whl");
        ByteArrayOutputStream wheel = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(wheel)) {
            zip.putNextEntry(new ZipEntry("sluicedemo/__init__.py"));
            zip.write("".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("sluicedemo/cli.py"));
            zip.write(String.join("\n",
                    "import sys",
                    "def run():",
                    "    table = [a.split('=', 1)[1] for a in sys.argv[1:] if a.startswith('--table=')][0]",
                    "    spark.sql(f\"CREATE TABLE {table} AS SELECT '{sys.argv[0]}' AS package\")",
                    "").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("sluicedemo-1.0.dist-info/entry_points.txt"));
            zip.write("[console_scripts]\nload = sluicedemo.cli:run\n".getBytes(StandardCharsets.UTF_8));
        }
        tree.importObject(dir + "/sluicedemo-1.0-py3-none-any.whl", wheel.toByteArray(), "AUTO", null, true);
        Task task = Task.pythonWheel("wheel", "sluicedemo", "load", List.of("--table=" + table))
                .withLibrary("whl", dir + "/sluicedemo-1.0-py3-none-any.whl");
        long runId = jobs.submit(RunSubmit.builder("py-wheel").task(task).build());
        jobs.await(runId, DEADLINE, r -> { });
        assertThat(column("SELECT package FROM " + table)).containsExactly("sluicedemo");
    }

    @Test
    void aPythonExceptionIsRunFailedWithItsTraceback() throws Exception {
        tree.importObject(dir + "/fail.py", String.join("\n",
                "def check(n):",
                "    raise ValueError(f'bad value {n}')",
                "check(7)").getBytes(StandardCharsets.UTF_8), "AUTO", null, true);
        long runId = jobs.submit(RunSubmit.builder("py-fail")
                .task(Task.sparkPython("fail", dir + "/fail.py", List.of())).build());
        assertThatThrownBy(() -> jobs.await(runId, DEADLINE, r -> { }))
                .isInstanceOfSatisfying(RunFailed.class, e -> {
                    assertThat(e.error()).isEqualTo("ValueError: bad value 7");
                    assertThat(e.errorTrace()).contains("Traceback (most recent call last)", "in check");
                });
    }

    @Test
    void cancelKillsThePythonProcess() throws Exception {
        String marker = unique("py_pid");
        tree.importObject(dir + "/sleep.py", String.join("\n",
                "import os, time",
                "spark.sql(f'CREATE TABLE " + marker + " AS SELECT {os.getpid()} AS pid')",
                "time.sleep(600)").getBytes(StandardCharsets.UTF_8), "AUTO", null, true);
        long runId = jobs.submit(RunSubmit.builder("py-sleep")
                .task(Task.sparkPython("sleep", dir + "/sleep.py", List.of())).build());
        List<String> pid = List.of();
        for (int i = 0; i < 1200 && pid.isEmpty(); i++) {
            try {
                pid = column("SELECT pid FROM " + marker);
            } catch (java.sql.SQLException notYet) {
                Thread.sleep(100);
            }
        }
        ProcessHandle python = ProcessHandle.of(Long.parseLong(pid.get(0))).orElseThrow();
        assertThat(python.isAlive()).isTrue();
        jobs.cancel(runId);
        assertThatThrownBy(() -> jobs.await(runId, DEADLINE, r -> { })).isInstanceOf(RunCanceled.class);
        assertThat(python.isAlive()).isFalse();
    }
}
