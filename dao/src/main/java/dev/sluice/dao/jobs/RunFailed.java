package dev.sluice.dao.jobs;

import dev.sluice.jdbc.jobs.Run;

/**
 * A run ended FAILED, TIMEDOUT or INTERNAL_ERROR (SQLSTATE 38000). Carries the run, and the task that failed first
 * with its {@code error} and {@code error_trace} from {@code runs/get-output}.
 */
public final class RunFailed extends JobsError {
    private static final long serialVersionUID = 1L;

    private final transient Run run;
    private final String failedTask;
    private final String error;
    private final String errorTrace;

    public RunFailed(Run run, String failedTask, String error, String errorTrace) {
        super("run " + run.runId() + " ended " + run.lifeCycleState() + "/" + run.resultState()
                        + (failedTask == null ? "" : " in task '" + failedTask + "'")
                        + (error == null ? (run.stateMessage().isEmpty() ? "" : ": " + run.stateMessage())
                        : ": " + error),
                "38000", run.resultState(), run.stateMessage(), null);
        this.run = run;
        this.failedTask = failedTask;
        this.error = error;
        this.errorTrace = errorTrace;
    }

    public Run run() {
        return run;
    }

    /** FAILED, TIMEDOUT, or null for a run that ended INTERNAL_ERROR without a result state. */
    public String resultState() {
        return run.resultState();
    }

    /** The key of the failing task, or null when the server named none. */
    public String failedTask() {
        return failedTask;
    }

    /** The failing task's {@code error}, or null. */
    public String error() {
        return error;
    }

    /** The failing task's {@code error_trace} (a stack trace), or null. */
    public String errorTrace() {
        return errorTrace;
    }
}
