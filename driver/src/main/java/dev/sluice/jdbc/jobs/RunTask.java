package dev.sluice.jdbc.jobs;

/**
 * One task run of a run, as {@code runs/get} reports it.
 *
 * @param lifeCycleState {@code state.life_cycle_state} (PENDING, QUEUED, RUNNING, TERMINATING, TERMINATED,
 *     SKIPPED, INTERNAL_ERROR, BLOCKED)
 * @param resultState {@code state.result_state} (SUCCESS, FAILED, TIMEDOUT, CANCELED, ...), null while it runs
 */
public record RunTask(String taskKey, long runId, String lifeCycleState, String resultState, String stateMessage) {
}
