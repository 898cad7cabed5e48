package dev.sluice.jdbc.jobs;

/**
 * One task run of a run, as {@code runs/get} reports it.
 *
 * @param lifeCycleState {@code state.life_cycle_state} (PENDING, QUEUED, RUNNING, TERMINATING, TERMINATED,
 *     SKIPPED, INTERNAL_ERROR, BLOCKED)
 * @param resultState {@code state.result_state} (SUCCESS, FAILED, TIMEDOUT, CANCELED, ...), null while it runs
 * @param taskType the task's {@code *_task} field ({@code notebook_task}, {@code sql_task}, ...), null when the
 *     server did not send the task's definition
 */
public record RunTask(String taskKey, long runId, String lifeCycleState, String resultState, String stateMessage,
                      String taskType) {
    public RunTask(String taskKey, long runId, String lifeCycleState, String resultState, String stateMessage) {
        this(taskKey, runId, lifeCycleState, resultState, stateMessage, null);
    }
}
