package dev.sluice.dao.jobs;

import dev.sluice.jdbc.jobs.Run;

/** Told of a run's progress while {@link Jobs#await} waits: once at the first poll, then at every state change. */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = run -> { };

    /** @param run the run as just polled; a change of its own state or of any task's state brought this call */
    void progress(Run run);
}
