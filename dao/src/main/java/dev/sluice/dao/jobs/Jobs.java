package dev.sluice.dao.jobs;

import dev.sluice.dao.delta.DaoTelemetry;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.HistoryEntry;
import dev.sluice.dao.delta.TableName;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.ExportedView;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.JobsException;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunNow;
import dev.sluice.jdbc.jobs.RunOutput;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.RunTask;
import dev.sluice.jdbc.jobs.Task;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Jobs DAO: submit, trigger, watch, cancel and read runs through a Sluice connection's workspace, with typed
 * outcomes. A run that ends FAILED, TIMEDOUT or INTERNAL_ERROR is a {@link RunFailed}, one that ends CANCELED a
 * {@link RunCanceled}; server errors become {@link JobNotFound}, {@link ClusterNotAvailable} or
 * {@link ResourceQuotaExceeded} with the server's code and message; other failures an SQLException with SQLSTATE
 * 08000 and the cause.
 *
 * <p>Immutable and safe to share between threads as long as the connection stays open.
 */
public final class Jobs {
    private static final Duration FIRST_POLL = Duration.ofMillis(500);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(10);

    private final JobsClient client;
    private final Connection connection;
    private final Duration firstPoll;
    private final Duration longestPoll;

    private Jobs(JobsClient client, Connection connection, Duration firstPoll, Duration longestPoll) {
        this.client = client;
        this.connection = connection;
        this.firstPoll = firstPoll;
        this.longestPoll = longestPoll;
    }

    /** @throws SQLException when the connection is not a Sluice connection (or is closed) */
    public static Jobs over(Connection connection) throws SQLException {
        Objects.requireNonNull(connection, "connection is null");
        if (!connection.isWrapperFor(SluiceWorkspace.class)) {
            throw new SQLException("the Jobs DAO needs a Sluice connection; " + connection.getClass().getName()
                    + " does not unwrap to SluiceWorkspace", "0A000");
        }
        return new Jobs(connection.unwrap(SluiceWorkspace.class).jobs(), connection, FIRST_POLL, LONGEST_POLL);
    }

    /** A DAO over a client alone: everything but {@link #streamingProgress}, which reads a table over JDBC. */
    public static Jobs of(JobsClient client) {
        return new Jobs(Objects.requireNonNull(client, "client is null"), null, FIRST_POLL, LONGEST_POLL);
    }

    /**
     * The same DAO polling first after {@code first}, then doubling the wait up to {@code longest}.
     *
     * @throws IllegalArgumentException when a wait is not positive or {@code first} exceeds {@code longest}
     */
    public Jobs withPolling(Duration first, Duration longest) {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("polling waits " + first + " and " + longest
                    + " must be positive with the first no longer than the longest");
        }
        return new Jobs(client, connection, first, longest);
    }

    /** Submits a one-time run; the request's idempotency token (or the client's) makes a retried submit safe. */
    public long submit(RunSubmit request) throws SQLException {
        String type = JobsObservation.jobType(request.tasks().stream().map(Task::type).toList());
        DaoTelemetry.Span span = JobsObservation.submitting(type, request.tasks());
        try {
            long runId = client.submit(request);
            JobsObservation.submitted(span, type, runId);
            return runId;
        } catch (IOException e) {
            SQLException failure = translate(e, "submit run '" + request.tasks().get(0).taskKey() + "'");
            JobsObservation.rejected(span, type, failure);
            throw failure;
        }
    }

    /** Triggers a job; its spans and metrics say {@code job_type=job}, since its tasks are the server's. */
    public long runNow(RunNow request) throws SQLException {
        DaoTelemetry.Span span = JobsObservation.submitting("job", List.of());
        span.attribute("job_id", request.jobId());
        try {
            long runId = client.runNow(request);
            JobsObservation.submitted(span, "job", runId);
            return runId;
        } catch (IOException e) {
            SQLException failure = translate(e, "run job " + request.jobId());
            JobsObservation.rejected(span, "job", failure);
            throw failure;
        }
    }

    public Run status(long runId) throws SQLException {
        try {
            Run run = client.getRun(runId);
            JobsObservation.status(runId, run, null);
            return run;
        } catch (IOException e) {
            SQLException failure = translate(e, "get run " + runId);
            JobsObservation.status(runId, null, failure);
            throw failure;
        }
    }

    /**
     * A streaming run's state and its sink's progress: the {@code STREAMING UPDATE} entries of the sink table's
     * Delta history (query id, epoch id, rows written), as on Databricks. Stop the stream with {@link #cancel}.
     *
     * @param sinkTable the Delta table the run's streaming query writes, {@code [catalog.][schema.]table}
     * @throws SQLException as {@link #status} does, or the DAO's TableNotFound when the sink does not exist yet
     */
    public StreamingProgress streamingProgress(long runId, String sinkTable) throws SQLException {
        Objects.requireNonNull(sinkTable, "sinkTable is null");
        if (connection == null) {
            throw new java.sql.SQLFeatureNotSupportedException("streamingProgress reads the sink over JDBC: make the"
                    + " DAO with Jobs.over(connection)", "0A000");
        }
        Run run = status(runId);
        List<StreamingProgress.Batch> batches = new java.util.ArrayList<>();
        List<HistoryEntry> history = DeltaTable.of(connection, TableName.parse(sinkTable)).history();
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry h = history.get(i);
            if ("STREAMING UPDATE".equals(h.operation())) {
                batches.add(new StreamingProgress.Batch(h.version(), h.timestamp(), h.parameters().get("queryId"),
                        parseLong(h.parameters().get("epochId")), h.metric("numOutputRows")));
            }
        }
        return new StreamingProgress(run, batches);
    }

    private static long parseLong(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The HTML views of a notebook run ({@code runs/export}, code view). */
    public List<ExportedView> export(long runId) throws SQLException {
        try {
            return client.exportRun(runId);
        } catch (IOException e) {
            throw translate(e, "export run " + runId);
        }
    }

    public void cancel(long runId) throws SQLException {
        try {
            client.cancelRun(runId);
        } catch (IOException e) {
            throw translate(e, "cancel run " + runId);
        }
    }

    /** The outputs of every task of a run (one for a single-task run). */
    public List<RunOutput> output(long runId) throws SQLException {
        try {
            return client.getOutput(runId);
        } catch (IOException e) {
            throw translate(e, "get the output of run " + runId);
        }
    }

    /** The runs of a job (or of every job when {@code jobId} is null), newest first, read to the end. */
    public List<Run> listRuns(Long jobId, boolean activeOnly) throws SQLException {
        try {
            return client.listRuns(jobId, activeOnly).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw translate(e.getCause(), "list runs");
        } catch (IOException e) {
            throw translate(e, "list runs");
        }
    }

    /**
     * Waits until a run ends, polling with backoff, for at most {@code timeout} (the caller's deadline: there is no
     * other cap). The run is left running when the wait times out.
     *
     * @return the run, which ended TERMINATED/SUCCESS
     * @throws RunFailed when it ended FAILED, TIMEDOUT, SKIPPED or INTERNAL_ERROR
     * @throws RunCanceled when it ended CANCELED
     * @throws ClusterNotAvailable when it ended INTERNAL_ERROR for want of its cluster
     * @throws SQLTimeoutException (HYT00) when it is still active at the deadline
     */
    public Run await(long runId, Duration timeout, RunListener listener) throws SQLException {
        Objects.requireNonNull(timeout, "timeout is null");
        Objects.requireNonNull(listener, "listener is null");
        if (timeout.isNegative()) {
            throw new SQLException("timeout " + timeout + " is negative", "22023");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration wait = firstPoll;
        String seen = null;
        while (true) {
            Run run = status(runId);
            String states = states(run);
            if (!states.equals(seen)) {
                seen = states;
                listener.progress(run);
            }
            if (run.isDone()) {
                JobsObservation.ended(run);
                return outcome(run);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SQLTimeoutException("run " + runId + " is still " + run.lifeCycleState() + " after "
                        + timeout + "; it was left running", "HYT00");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(wait.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for run " + runId + "; it was left running",
                        "HY008", e);
            }
            wait = wait.multipliedBy(2).compareTo(longestPoll) > 0 ? longestPoll : wait.multipliedBy(2);
        }
    }

    private static String states(Run run) {
        StringBuilder s = new StringBuilder(run.lifeCycleState() + "/" + run.resultState());
        for (RunTask task : run.tasks()) {
            s.append(';').append(task.taskKey()).append('=').append(task.lifeCycleState()).append('/')
                    .append(task.resultState());
        }
        return s.toString();
    }

    private Run outcome(Run run) throws SQLException {
        if ("SUCCESS".equals(run.resultState())) {
            return run;
        }
        if ("CANCELED".equals(run.resultState())) {
            throw new RunCanceled(run);
        }
        if ("INTERNAL_ERROR".equals(run.lifeCycleState())
                && run.stateMessage().toLowerCase(Locale.ROOT).contains("cluster")) {
            throw new ClusterNotAvailable("run " + run.runId() + " lost its compute: " + run.stateMessage(),
                    run.lifeCycleState(), run.stateMessage(), null);
        }
        RunTask failing = null;
        for (RunTask task : run.tasks()) {
            if ("FAILED".equals(task.resultState()) || "TIMEDOUT".equals(task.resultState())) {
                failing = task;
                break;
            }
        }
        String error = null;
        String trace = null;
        try {
            List<RunOutput> outputs = failing != null ? List.of(client.getTaskOutput(failing.runId()))
                    : client.getOutput(run.runId());
            for (RunOutput out : outputs) {
                if (out.error() != null) {
                    error = out.error();
                    trace = out.errorTrace();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the run's own state already says it failed; an output that cannot be read only leaves the detail out
            error = null;
        }
        throw new RunFailed(run, failing == null ? null : failing.taskKey(), error, trace);
    }

    /** The taxonomy of the issue, keeping the server's code and message. */
    static SQLException translate(IOException e, String what) {
        if (e instanceof InterruptedIOException) {
            return new SQLException(what + ": interrupted", "HY008", e);
        }
        if (!(e instanceof JobsException j)) {
            return new SQLException(what + ": " + e.getMessage(), "08000", e);
        }
        String code = j.errorCode() == null ? "" : j.errorCode();
        String message = j.serverMessage() == null ? "" : j.serverMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String text = what + ": " + (code.isEmpty() ? "" : code + ": ") + message;
        if (j.httpStatus() == 429 || code.equals("QUOTA_EXCEEDED") || code.equals("RESOURCE_EXHAUSTED")
                || code.equals("REQUEST_LIMIT_EXCEEDED") || code.equals("INVALID_STATE")
                && (lower.contains("limit") || lower.contains("too many") || lower.contains("rate"))) {
            return new ResourceQuotaExceeded(text, j.errorCode(), j.serverMessage(), e);
        }
        if (code.equals("RESOURCE_DOES_NOT_EXIST") || code.equals("INVALID_PARAMETER_VALUE")
                && lower.contains("does not exist") && !lower.contains("cluster")) {
            return new JobNotFound(text, j.errorCode(), j.serverMessage(), e);
        }
        if (lower.contains("cluster") && (code.equals("INVALID_STATE") || code.equals("INVALID_PARAMETER_VALUE")
                || code.contains("CLUSTER"))) {
            return new ClusterNotAvailable(text, j.errorCode(), j.serverMessage(), e);
        }
        return new SQLException(text, j.httpStatus() / 100 == 4 ? "42000" : "08000", e);
    }
}
