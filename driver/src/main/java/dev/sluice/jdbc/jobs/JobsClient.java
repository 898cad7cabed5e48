package dev.sluice.jdbc.jobs;

import java.io.IOException;
import java.util.stream.Stream;

/**
 * The Jobs API 2.2 of one workspace ({@code /api/2.2/jobs/...}), reached with
 * {@code connection.unwrap(SluiceWorkspace.class).jobs()}. Every call goes through the connection's transport,
 * credentials, retry table and circuit breaker, and is counted and traced like a SQL call.
 *
 * <p>Failures are {@link JobsException} (the server answered with an error, its code and message kept) or another
 * {@link IOException} (the server could not be reached, the call timed out, the thread was interrupted).
 */
public interface JobsClient {
    /**
     * {@code POST runs/submit}. The request always carries an idempotency token (the caller's, or one made here),
     * so the POST is retried after a lost answer without ever starting a second run.
     *
     * @return the run id
     */
    long submit(RunSubmit request) throws IOException;

    /** {@code POST run-now}, with an idempotency token like {@link #submit}. @return the run id */
    long runNow(RunNow request) throws IOException;

    /** {@code GET runs/get}; a run whose tasks come in pages is read to its last page and its tasks merged. */
    Run getRun(long runId) throws IOException;

    /**
     * {@code GET runs/list} as a lazy stream: a page is fetched when the stream reaches it, and a failure to read
     * one is an {@link java.io.UncheckedIOException} around the cause.
     *
     * @param jobId the job whose runs to list, or null for every run
     * @param activeOnly only PENDING, QUEUED, RUNNING and TERMINATING runs
     */
    Stream<Run> listRuns(Long jobId, boolean activeOnly) throws IOException;

    /** {@code POST runs/cancel}; the run ends asynchronously. */
    void cancelRun(long runId) throws IOException;

    /** {@code POST runs/cancel-all} for the active runs of one job. */
    void cancelAllRuns(long jobId) throws IOException;

    /** {@code POST runs/delete} of a run that is no longer active. */
    void deleteRun(long runId) throws IOException;

    /**
     * The outputs of a run: {@code runs/get-output} of the run itself when it has one task, or of each of its task
     * runs when it has several (the server answers 400 when asked for a multi-task run's output directly).
     */
    java.util.List<RunOutput> getOutput(long runId) throws IOException;

    /**
     * {@code GET runs/export} of a notebook run: the HTML of its code view (cells with their results). A run with
     * several tasks is exported by its notebook task's run id.
     */
    java.util.List<ExportedView> exportRun(long runId) throws IOException;

    /** {@code POST jobs/create}. @return the job id */
    long createJob(JobSettings settings) throws IOException;

    /** {@code GET jobs/get}. */
    Job getJob(long jobId) throws IOException;

    /** {@code GET jobs/list} as a lazy stream over pages; {@code name} filters by exact name, null for all. */
    Stream<Job> listJobs(String name) throws IOException;

    /** {@code POST jobs/reset}: replaces every setting of the job. */
    void resetJob(long jobId, JobSettings settings) throws IOException;

    /** {@code POST jobs/delete}. */
    void deleteJob(long jobId) throws IOException;

    /** {@code GET runs/get-output} of one task run, by its own run id (as {@link RunTask#runId()} gives it). */
    RunOutput getTaskOutput(long taskRunId) throws IOException;
}
