package dev.sluice.warehouse.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * Starts, queues, times out, cancels and finishes runs: each top-level run on a thread of its own, its tasks
 * one after another in dependency order, each task's {@code run_if} checked against its upstream results.
 */
final class RunEngine {

    /** A run being executed: who is running it, and why it must stop (CANCELED or TIMEDOUT), if it must. */
    private static final class Live {
        volatile Thread thread;
        volatile String stop;
        volatile long taskRunId;
        volatile String taskStop;
    }

    private final ControlPlane store;
    private final TaskRuntime runtime;
    private final Supplier<SparkContext> spark;
    private final int maxActive;
    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> daemon(r, "job-run"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "job-timer"));

    RunEngine(ControlPlane store, TaskRuntime runtime, Supplier<SparkContext> spark, int maxActive) {
        this.store = store;
        this.runtime = runtime;
        this.spark = spark;
        this.maxActive = maxActive;
    }

    /** Runs left active by a previous process died with it, as on a lost cluster. */
    int recover() {
        List<ObjectNode> stale = store.activeRuns(null);
        long now = System.currentTimeMillis();
        for (ObjectNode run : stale) {
            long id = run.path("run_id").asLong();
            for (ObjectNode t : store.tasks(id)) {
                if (RunStates.active(t)) {
                    RunStates.end(t, "INTERNAL_ERROR", null, "The warehouse stopped while the run was active.", now);
                    store.putRun(t, id, null);
                }
            }
            RunStates.end(run, "INTERNAL_ERROR", null, "The warehouse stopped while the run was active.", now);
            store.putRun(run, null, run.path("_token").asText(null));
        }
        return stale.size();
    }

    /**
     * Records a new run with its task runs and starts or queues it; with an idempotency token already used,
     * returns that run instead of starting another.
     */
    synchronized ObjectNode start(ObjectNode run, List<ObjectNode> tasks, String token, int maxConcurrent) {
        if (token != null) {
            ObjectNode earlier = store.runByToken(token);
            if (earlier != null) {
                if (earlier.path("deleted").asBoolean(false)) {
                    throw ApiError.invalid("The run started with idempotency token " + token + " was deleted");
                }
                return earlier;
            }
        }
        if (store.activeRuns(null).size() >= maxActive) {
            throw new ApiError(429, "RESOURCE_EXHAUSTED", "Too many active runs: the limit is " + maxActive
                    + ". Try again later.", Map.of("Retry-After", "1"));
        }
        long id = run.path("run_id").asLong();
        boolean queued = run.hasNonNull("job_id") && store.activeRuns(run.get("job_id").asLong()).size() >= maxConcurrent;
        if (queued) {
            RunStates.enter(run, "QUEUED", "Queued: the job has reached its maximum of " + maxConcurrent
                    + " concurrent runs");
        } else {
            RunStates.enter(run, "PENDING", "Waiting for the local runtime");
        }
        if (token != null) {
            run.put("_token", token);
        }
        store.putRun(run, null, token);
        for (ObjectNode t : tasks) {
            RunStates.enter(t, queued ? "QUEUED" : "PENDING", "");
            store.putRun(t, id, null);
        }
        if (!queued) {
            launch(id);
        }
        return run;
    }

    private void launch(long runId) {
        Live l = new Live();
        live.put(runId, l);
        pool.execute(() -> execute(runId, l));
    }

    /** Starts queued runs of a job while it has room. */
    private synchronized void dequeue(Long jobId, int maxConcurrent) {
        if (jobId == null) {
            return;
        }
        List<ObjectNode> active = store.activeRuns(jobId);
        long running = active.stream().filter(r -> !"QUEUED".equals(lifeCycle(r))).count();
        for (ObjectNode r : active) {
            if (running >= maxConcurrent) {
                break;
            }
            if ("QUEUED".equals(lifeCycle(r))) {
                long id = r.path("run_id").asLong();
                r.put("queue_duration", System.currentTimeMillis() - r.path("start_time").asLong());
                RunStates.enter(r, "PENDING", "Waiting for the local runtime");
                store.putRun(r, null, r.path("_token").asText(null));
                running++;
                launch(id);
            }
        }
    }

    /** Asks a run to stop; a queued run ends at once. Returns false when the run is not active. */
    synchronized boolean cancel(long runId) {
        ObjectNode run = store.run(runId);
        if (run == null || !RunStates.active(run)) {
            return false;
        }
        Live l = live.get(runId);
        if (l == null) {
            long now = System.currentTimeMillis();
            for (ObjectNode t : store.tasks(runId)) {
                RunStates.end(t, "TERMINATED", "CANCELED", "Run cancelled.", now);
                store.putRun(t, runId, null);
            }
            RunStates.end(run, "TERMINATED", "CANCELED", "Run cancelled.", now);
            store.putRun(run, null, run.path("_token").asText(null));
            return true;
        }
        stop(l, "CANCELED");
        return true;
    }

    private void stop(Live l, String why) {
        if (l.stop == null) {
            l.stop = why;
        }
        interrupt(l);
    }

    /** Stops the task the run is at; once the run has ended its thread runs other runs and is left alone. */
    private void interrupt(Live l) {
        synchronized (l) {
            Thread t = l.thread;
            if (t == null) {
                return;
            }
            try {
                spark.get().cancelJobGroup(TaskRuntime.jobGroup(l.taskRunId));
            } catch (RuntimeException e) {
                // no Spark job is running for the task
            }
            t.interrupt();
        }
    }

    private void execute(long runId, Live l) {
        l.thread = Thread.currentThread();
        ObjectNode run = store.run(runId);
        String token = run.path("_token").asText(null);
        long timeout = run.path("timeout_seconds").asLong(0);
        ScheduledFuture<?> timeoutFuture = timeout > 0
                ? timer.schedule(() -> stop(l, "TIMEDOUT"), timeout, TimeUnit.SECONDS) : null;
        RunStates.enter(run, "RUNNING", "In run");
        store.putRun(run, null, token);
        Map<String, String> params = new HashMap<>();
        run.path("_params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        List<ObjectNode> tasks = store.tasks(runId);
        Map<String, String> results = new LinkedHashMap<>();
        List<ObjectNode> pending = new ArrayList<>(tasks);
        while (!pending.isEmpty()) {
            ObjectNode next = null;
            for (ObjectNode t : pending) {
                boolean ready = true;
                for (JsonNode d : t.path("depends_on")) {
                    ready &= results.containsKey(d.path("task_key").asText());
                }
                if (ready) {
                    next = t;
                    break;
                }
            }
            pending.remove(next);
            results.put(next.path("task_key").asText(), runTask(runId, next, params, results, l));
        }
        if (timeoutFuture != null) {
            timeoutFuture.cancel(false);
        }
        synchronized (l) {
            l.thread = null;
        }
        Thread.interrupted(); // a stop that came as the last task ended
        long now = System.currentTimeMillis();
        String result;
        if (l.stop != null) {
            result = l.stop;
        } else if (results.values().stream().anyMatch(r -> r.equals("FAILED") || r.equals("TIMEDOUT"))) {
            result = "FAILED";
        } else {
            result = "SUCCESS";
        }
        run = store.run(runId);
        RunStates.enter(run, "TERMINATING", "");
        store.putRun(run, null, token);
        String message = switch (result) {
            case "CANCELED" -> "Run cancelled.";
            case "TIMEDOUT" -> "Run timed out after " + timeout + " seconds.";
            case "FAILED" -> "Workload failed, see run output for details";
            default -> "";
        };
        RunStates.end(run, "TERMINATED", result, message, now);
        store.putRun(run, null, token);
        live.remove(runId);
        Long jobId = run.hasNonNull("job_id") ? run.get("job_id").asLong() : null;
        if (jobId != null) {
            ObjectNode job = store.job(jobId);
            dequeue(jobId, job == null ? 1 : Math.max(1, job.path("settings").path("max_concurrent_runs").asInt(1)));
        }
    }

    private String runTask(long runId, ObjectNode task, Map<String, String> params, Map<String, String> results,
                           Live l) {
        long taskRunId = task.path("run_id").asLong();
        long now = System.currentTimeMillis();
        task.put("start_time", now);
        if (l.stop != null) {
            RunStates.end(task, "TERMINATED", l.stop.equals("TIMEDOUT") ? "TIMEDOUT" : "CANCELED",
                    "Run " + (l.stop.equals("TIMEDOUT") ? "timed out." : "cancelled."), now);
            store.putRun(task, runId, null);
            return RunStates.result(task);
        }
        String skip = skipReason(task, results);
        if (skip != null) {
            RunStates.end(task, "TERMINATED", skip, "The task's run_if condition was not met.", now);
            store.putRun(task, runId, null);
            return skip;
        }
        int retries = task.path("max_retries").asInt(0);
        long taskTimeout = task.path("timeout_seconds").asLong(0);
        for (int attempt = 0; ; attempt++) {
            task.put("attempt_number", attempt);
            RunStates.enter(task, "RUNNING", "In run");
            store.putRun(task, runId, null);
            l.taskRunId = taskRunId;
            l.taskStop = null;
            ScheduledFuture<?> taskTimer = taskTimeout > 0 ? timer.schedule(() -> {
                l.taskStop = "TIMEDOUT";
                interrupt(l);
            }, taskTimeout, TimeUnit.SECONDS) : null;
            TaskRuntime.Outcome o = runtime.run(task, taskRunId, params);
            if (taskTimer != null) {
                taskTimer.cancel(false);
            }
            Thread.interrupted();
            ObjectNode output = task.putObject("_output");
            if (o.notebookResult() != null) {
                output.putObject("notebook_output").put("result", o.notebookResult()).put("truncated", false);
            }
            if (o.cells() != null) {
                output.set("cells", o.cells());
            }
            if (o.logs() != null) {
                output.put("logs", o.logs());
                output.put("logs_truncated", ThreadOutput.truncated(o.logs()));
            }
            String result;
            String message;
            if (l.stop != null) {
                result = l.stop;
                message = l.stop.equals("TIMEDOUT") ? "Run timed out." : "Run cancelled.";
            } else if (l.taskStop != null) {
                result = "TIMEDOUT";
                message = "Task timed out after " + taskTimeout + " seconds.";
            } else if (o.error() != null) {
                result = "FAILED";
                message = o.error();
                output.put("error", o.error());
                if (o.trace() != null) {
                    output.put("error_trace", o.trace());
                }
            } else {
                result = "SUCCESS";
                message = "";
            }
            boolean retry = attempt < retries || retries == -1;
            boolean retryable = result.equals("FAILED")
                    || (result.equals("TIMEDOUT") && l.stop == null && task.path("retry_on_timeout").asBoolean(false));
            if (retry && retryable) {
                continue;
            }
            RunStates.end(task, "TERMINATED", result, message, System.currentTimeMillis());
            store.putRun(task, runId, null);
            return result;
        }
    }

    /** The result of a task whose run_if does not hold, or null when it runs. */
    private static String skipReason(JsonNode task, Map<String, String> results) {
        List<String> up = new ArrayList<>();
        for (JsonNode d : task.path("depends_on")) {
            up.add(results.get(d.path("task_key").asText()));
        }
        if (up.isEmpty()) {
            return null;
        }
        long success = up.stream().filter("SUCCESS"::equals).count();
        long failed = up.stream().filter(r -> r.equals("FAILED") || r.equals("TIMEDOUT")
                || r.equals("UPSTREAM_FAILED")).count();
        boolean holds = switch (task.path("run_if").asText("ALL_SUCCESS")) {
            case "ALL_DONE" -> true;
            case "NONE_FAILED" -> failed == 0;
            case "AT_LEAST_ONE_SUCCESS" -> success > 0;
            case "ALL_FAILED" -> failed == up.size();
            case "AT_LEAST_ONE_FAILED" -> failed > 0;
            default -> success == up.size();
        };
        if (holds) {
            return null;
        }
        if (failed > 0) {
            return "UPSTREAM_FAILED";
        }
        return up.stream().anyMatch("CANCELED"::equals) ? "UPSTREAM_CANCELED" : "EXCLUDED";
    }

    void shutdown() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    private static String lifeCycle(JsonNode run) {
        return run.path("state").path("life_cycle_state").asText();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
