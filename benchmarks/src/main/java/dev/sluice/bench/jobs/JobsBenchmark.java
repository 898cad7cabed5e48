package dev.sluice.bench.jobs;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jobs client against the local warehouse's job runtime, measured as the seed's targets are stated: submit
 * latency (p50 under 500 ms), status latency (p50 under 100 ms) and throughput (100 or more jobs a minute) for
 * {@code runs} short SQL runs ({@code sql_task} files of one {@code SELECT}). It starts one warehouse, submits
 * the runs back to back through {@link JobsClient#submit} (timing each call), then reads their status round-robin
 * through {@link JobsClient#getRun} until every run has ended (timing each call), and counts jobs per minute from
 * the first submit to the last run's end. Prints the figures and their ratio to the targets.
 *
 * <p>Usage: {@code JobsBenchmark [runs]} (default 100, after 5 warm-up runs).
 */
public final class JobsBenchmark {

    private static final double SUBMIT_TARGET_MS = 500;
    private static final double STATUS_TARGET_MS = 100;
    private static final double JOBS_PER_MINUTE_TARGET = 100;

    private JobsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("sluice-jobs-bench");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).start();
                Connection c = DriverManager.getConnection(w.jdbcUrl())) {
            SluiceWorkspace ws = c.unwrap(SluiceWorkspace.class);
            ws.workspaceTree().mkdirs("/Shared/bench");
            ws.workspaceTree().importObject("/Shared/bench/short.sql",
                    "SELECT count(*) FROM range(1000)".getBytes(StandardCharsets.UTF_8), "AUTO", null, true);
            JobsClient jobs = ws.jobs();
            System.out.println("warm-up: 5 runs");
            Map<Long, Long> warm = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                warm.put(jobs.submit(run("warm-" + i)), 0L);
            }
            awaitAll(jobs, warm.keySet(), new ArrayList<>());

            List<Long> submits = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            long first = System.currentTimeMillis();
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                ids.add(jobs.submit(run("bench-" + i)));
                submits.add(System.nanoTime() - t);
            }
            List<Long> statuses = new ArrayList<>();
            long lastEnd = awaitAll(jobs, ids, statuses);
            double minutes = (lastEnd - first) / 60_000.0;
            double perMinute = runs / minutes;
            Collections.sort(submits);
            Collections.sort(statuses);
            double submitP50 = percentile(submits, 0.50);
            double statusP50 = percentile(statuses, 0.50);
            System.out.printf("%d short SQL runs (sql_task) through the Jobs client, local warehouse%n", runs);
            System.out.printf("  submit  p50 %7.1f ms  p99 %7.1f ms   target p50 < %.0f ms: p50 is %.2fx the target%n",
                    submitP50, percentile(submits, 0.99), SUBMIT_TARGET_MS, submitP50 / SUBMIT_TARGET_MS);
            System.out.printf("  status  p50 %7.1f ms  p99 %7.1f ms   target p50 < %.0f ms: p50 is %.2fx the target"
                    + " (%d calls)%n", statusP50, percentile(statuses, 0.99), STATUS_TARGET_MS,
                    statusP50 / STATUS_TARGET_MS, statuses.size());
            System.out.printf("  throughput %.1f jobs/minute (%d runs in %.1f s from first submit to last end)   "
                    + "target >= %.0f: %.2fx the target%n", perMinute, runs, minutes * 60, JOBS_PER_MINUTE_TARGET,
                    perMinute / JOBS_PER_MINUTE_TARGET);
        }
    }

    private static RunSubmit run(String name) {
        return RunSubmit.builder(name).task(Task.sqlFile("q", "local", "/Shared/bench/short.sql", null)).build();
    }

    /** Reads the status of every unfinished run in turn until all have ended; returns the latest end time. */
    private static long awaitAll(JobsClient jobs, java.util.Collection<Long> ids, List<Long> latencies)
            throws Exception {
        List<Long> open = new ArrayList<>(ids);
        long lastEnd = 0;
        while (!open.isEmpty()) {
            List<Long> still = new ArrayList<>();
            for (long id : open) {
                long t = System.nanoTime();
                Run run = jobs.getRun(id);
                latencies.add(System.nanoTime() - t);
                if (run.isDone()) {
                    if (!"SUCCESS".equals(run.resultState())) {
                        throw new IllegalStateException("run " + id + " ended " + run.resultState() + ": "
                                + run.stateMessage());
                    }
                    lastEnd = Math.max(lastEnd, run.endTime());
                } else {
                    still.add(id);
                }
            }
            open = still;
            if (!open.isEmpty()) {
                Thread.sleep(50);
            }
        }
        return lastEnd;
    }

    private static double percentile(List<Long> sortedNanos, double q) {
        int index = (int) Math.min(sortedNanos.size() - 1, Math.round(q * (sortedNanos.size() - 1)));
        return sortedNanos.get(index) / 1e6;
    }
}
