package dev.sluice.examples;

import dev.sluice.dao.jobs.Jobs;
import dev.sluice.dao.jobs.RunFailed;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.JobSettings;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunNow;
import dev.sluice.jdbc.jobs.RunOutput;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.jobs.WorkspaceObject;
import dev.sluice.jdbc.jobs.WorkspaceTree;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * Jobs through Sluice: upload a SQL notebook to the workspace, submit it as a one-time run and wait for it with a
 * deadline, read its output, create a job and trigger it with job parameters, and see a failing run arrive as a
 * typed exception. Everything goes through the connection's workspace ({@code unwrap(SluiceWorkspace.class)}) and
 * the Jobs DAO.
 *
 * <p>It starts a local warehouse (Spark + Delta in a child JVM, data under {@code target/jobs-tour}), whose job
 * runtime really runs the notebooks, and talks to it over the Databricks REST API.
 */
public final class JobsTour {
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final String DIR = "/Users/tour/jobs";

    private final Connection connection;
    private final WorkspaceTree tree;
    private final JobsClient client;
    private final Jobs jobs;

    private JobsTour(Connection connection) throws Exception {
        this.connection = connection;
        SluiceWorkspace workspace = connection.unwrap(SluiceWorkspace.class);
        this.tree = workspace.workspaceTree();
        this.client = workspace.jobs();
        this.jobs = Jobs.over(connection).withPolling(Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    public static void main(String[] args) throws Exception {
        say("Starting a local warehouse (Spark + Delta in its own JVM; the first start takes a few seconds)");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(Path.of("target", "jobs-tour", "data")).start();
             Connection c = DriverManager.getConnection(w.jdbcUrl())) {
            say("Local warehouse ready at " + w.baseUrl() + " in " + w.startupTime().toMillis() + " ms");
            new JobsTour(c).tour();
        }
    }

    private void tour() throws Exception {
        step("1. Upload a SQL notebook to " + DIR + "/greet");
        tree.mkdirs(DIR);
        upload("greet", "CREATE OR REPLACE TABLE greetings (who STRING, day STRING)",
                "INSERT INTO greetings VALUES (:who, :day)",
                "SELECT concat('hello ', who, ' on ', day) FROM greetings ORDER BY day DESC LIMIT 1");
        WorkspaceObject uploaded = tree.getStatus(DIR + "/greet");
        say("   " + uploaded.path() + ": " + uploaded.objectType() + ", " + uploaded.language());

        step("2. Submit it as a one-time run and wait for it (deadline " + DEADLINE.toMinutes() + " min)");
        long runId = jobs.submit(RunSubmit.builder("tour").task(Task.notebook("greet", DIR + "/greet",
                Map.of("who", "Ada", "day", "2026-12-04"))).build());
        Run run = jobs.await(runId, DEADLINE, r -> say("   run " + r.runId() + ": " + r.lifeCycleState()));
        say("   ended " + run.resultState() + " after " + (run.endTime() - run.startTime()) + " ms");
        for (RunOutput output : jobs.output(runId)) {
            say("   task '" + output.taskKey() + "' returned: " + output.notebookResult());
        }
        say("   the table over JDBC: " + rows("SELECT who, day FROM greetings"));

        step("3. Create a job with a default parameter and trigger it with job_parameters");
        upload("append", "INSERT INTO greetings VALUES ('Grace', :day)");
        long jobId = client.createJob(JobSettings.builder("tour-append")
                .task(Task.notebook("append", DIR + "/append", null)).parameter("day", "1970-01-01").build());
        long triggered = jobs.runNow(RunNow.builder(jobId).jobParameters(Map.of("day", "2026-12-05")).build());
        say("   job " + jobId + ", run " + triggered + " ended "
                + jobs.await(triggered, DEADLINE, r -> { }).resultState());
        say("   the table over JDBC: " + rows("SELECT who, day FROM greetings ORDER BY day"));

        step("4. A failing notebook is a RunFailed carrying the task's error");
        upload("broken", "SELECT * FROM no_such_table");
        long failing = jobs.submit(RunSubmit.builder("tour-broken")
                .task(Task.notebook("broken", DIR + "/broken", null)).build());
        try {
            jobs.await(failing, DEADLINE, r -> { });
            say("   unexpected: the run succeeded");
        } catch (RunFailed e) {
            say("   RunFailed (SQLSTATE " + e.getSQLState() + "): task '" + e.failedTask() + "' ended "
                    + e.resultState());
            say("   error: " + firstLine(e.error()));
        }

        step("5. Clean up");
        client.deleteJob(jobId);
        tree.delete(DIR, true);
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE greetings");
        }
        say("   job, notebooks and table removed");
    }

    private void upload(String name, String... cells) throws Exception {
        String source = "-- Databricks notebook source\n" + String.join("\n\n-- COMMAND ----------\n\n", cells);
        tree.importObject(DIR + "/" + name, source.getBytes(StandardCharsets.UTF_8), "SOURCE", "SQL", true);
    }

    private String rows(String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : ", ").append('(').append(rs.getString(1)).append(", ")
                        .append(rs.getString(2)).append(')');
            }
        }
        return out.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(none)";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static void step(String title) {
        say("");
        say(title);
    }

    private static void say(String text) {
        System.out.println(text);
    }
}
