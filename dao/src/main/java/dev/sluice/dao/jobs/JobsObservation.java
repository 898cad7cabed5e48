package dev.sluice.dao.jobs;

import dev.sluice.dao.delta.DaoTelemetry;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunTask;
import dev.sluice.jdbc.jobs.Task;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jobs DAO's spans ({@code databricks.job.submit}, {@code databricks.job.status}), metrics
 * ({@code databricks_jobs_submitted_total{job_type,status}}, {@code databricks_job_duration_seconds{job_type}}) and
 * log lines (INFO when a run ends, ERROR when it fails), through the DAO's telemetry seam. Job types are a bounded
 * set: a task type without {@code _task} ({@code notebook}, {@code spark_jar}, {@code spark_python},
 * {@code spark_submit}, {@code python_wheel}, {@code sql}), {@code multi_task} when a run mixes them, {@code job}
 * for a run-now whose tasks are not known yet, {@code unknown} when the server did not say.
 */
final class JobsObservation {
    static final String SUBMITTED = "databricks.jobs.submitted";
    static final String DURATION = "databricks.job.duration";

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private JobsObservation() {
    }

    static String jobType(List<String> taskTypes) {
        Set<String> types = new TreeSet<>();
        for (String t : taskTypes) {
            types.add(t == null ? "unknown" : t.replaceFirst("_task$", ""));
        }
        if (types.isEmpty()) {
            return "unknown";
        }
        return types.size() == 1 ? types.iterator().next() : "multi_task";
    }

    static String jobType(Run run) {
        return jobType(run.tasks().stream().map(RunTask::taskType).toList());
    }

    /** The submission span with the first task's cluster and notebook, when it has them. */
    static DaoTelemetry.Span submitting(String jobType, List<Task> tasks) {
        DaoTelemetry.Span span = DaoTelemetry.span("databricks.job.submit");
        span.attribute("job_type", jobType);
        for (Task t : tasks) {
            if (t.body().get("existing_cluster_id") instanceof String cluster) {
                span.attribute("cluster_id", cluster);
                break;
            }
        }
        for (Task t : tasks) {
            if (t.body().get("notebook_task") instanceof java.util.Map<?, ?> nb
                    && nb.get("notebook_path") instanceof String path) {
                span.attribute("notebook_path", path);
                break;
            }
        }
        return span;
    }

    static void submitted(DaoTelemetry.Span span, String jobType, long runId) {
        span.attribute("run_id", runId);
        span.end();
        DaoTelemetry.count(SUBMITTED, "Runs submitted through the Jobs DAO, by job type and whether the server took"
                + " them", "job_type", jobType, "status", "submitted");
    }

    static void rejected(DaoTelemetry.Span span, String jobType, SQLException e) {
        span.failed(e.getSQLState() == null ? e.getClass().getSimpleName() : e.getSQLState());
        span.end();
        DaoTelemetry.count(SUBMITTED, "Runs submitted through the Jobs DAO, by job type and whether the server took"
                + " them", "job_type", jobType, "status", "rejected");
    }

    /** One status read: span with the run id, its state and how long it has run so far (or ran). */
    static void status(long runId, Run run, SQLException failure) {
        DaoTelemetry.Span span = DaoTelemetry.span("databricks.job.status");
        span.attribute("run_id", runId);
        if (run != null) {
            span.attribute("state", run.resultState() == null ? run.lifeCycleState()
                    : run.lifeCycleState() + "/" + run.resultState());
            span.attribute("duration", duration(run).toMillis());
        } else {
            span.failed(failure.getSQLState() == null ? failure.getClass().getSimpleName() : failure.getSQLState());
        }
        span.end();
    }

    /** A run seen ending: its duration recorded, INFO for a success or a cancel, ERROR for a failure. */
    static void ended(Run run) {
        String type = jobType(run);
        Duration d = duration(run);
        DaoTelemetry.time(DURATION, "Time from start to end of runs awaited through the Jobs DAO, by job type", d,
                "job_type", type);
        boolean bad = !"SUCCESS".equals(run.resultState()) && !"CANCELED".equals(run.resultState());
        if (bad) {
            LOG.error("job run {} ({}, {}) ended {} {} after {} ms: {}", run.runId(), run.runName(), type,
                    run.lifeCycleState(), run.resultState(), d.toMillis(), run.stateMessage());
        } else {
            LOG.info("job run {} ({}, {}) ended {} after {} ms", run.runId(), run.runName(), type, run.resultState(),
                    d.toMillis());
        }
    }

    private static Duration duration(Run run) {
        if (run.startTime() <= 0) {
            return Duration.ZERO;
        }
        long end = run.endTime() > 0 ? run.endTime() : System.currentTimeMillis();
        return Duration.ofMillis(Math.max(0, end - run.startTime()));
    }
}
