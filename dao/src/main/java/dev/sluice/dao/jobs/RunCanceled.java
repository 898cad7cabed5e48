package dev.sluice.dao.jobs;

import dev.sluice.jdbc.jobs.Run;

/** A run ended CANCELED (SQLSTATE 57014, as a cancelled statement). */
public final class RunCanceled extends JobsError {
    private static final long serialVersionUID = 1L;

    private final transient Run run;

    public RunCanceled(Run run) {
        super("run " + run.runId() + " was canceled" + (run.stateMessage().isEmpty() ? "" : ": " + run.stateMessage()),
                "57014", run.resultState(), run.stateMessage(), null);
        this.run = run;
    }

    public Run run() {
        return run;
    }
}
