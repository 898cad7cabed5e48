package dev.sluice.jdbc.jobs;

/**
 * The output of one task run ({@code runs/get-output}).
 *
 * @param notebookResult {@code notebook_output.result}, the value given to {@code dbutils.notebook.exit}, or null
 * @param logs {@code logs} (the stdout of a JAR or Python task), or null
 * @param error {@code error}, or null when the task did not fail
 * @param errorTrace {@code error_trace}, or null
 */
public record RunOutput(String taskKey, long runId, String notebookResult, String logs, String error,
                        String errorTrace) {
}
