package dev.sluice.jdbc.jobs;

import java.util.List;

/**
 * A run as {@code runs/get} or {@code runs/list} reports it.
 *
 * @param jobId the job of a run-now run, 0 for a one-time submitted run whose server sent none
 * @param lifeCycleState {@code state.life_cycle_state}
 * @param resultState {@code state.result_state}, null while the run is active
 * @param stateMessage {@code state.state_message}, empty when the server sent none
 * @param startTime epoch milliseconds, 0 before the run started
 * @param endTime epoch milliseconds, 0 while the run is active
 * @param tasks every task run, merged over the pages of {@code tasks}
 */
public record Run(long runId, long jobId, String runName, String lifeCycleState, String resultState,
                  String stateMessage, long startTime, long endTime, List<RunTask> tasks) {
    public Run {
        tasks = List.copyOf(tasks);
    }

    /** Whether the run has ended: TERMINATED, SKIPPED or INTERNAL_ERROR. */
    public boolean isDone() {
        return "TERMINATED".equals(lifeCycleState) || "SKIPPED".equals(lifeCycleState)
                || "INTERNAL_ERROR".equals(lifeCycleState);
    }
}
