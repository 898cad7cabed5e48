package dev.sluice.jdbc.jobs;

import java.util.Map;

/**
 * A job as {@code jobs/get} or {@code jobs/list} reports it.
 *
 * @param settings the {@code settings} object as maps, lists, strings and numbers ({@code jobs/list} leaves
 *     out the tasks unless asked to expand them)
 * @param createdTime epoch milliseconds
 */
public record Job(long jobId, String name, String creatorUserName, long createdTime, Map<String, Object> settings) {
}
