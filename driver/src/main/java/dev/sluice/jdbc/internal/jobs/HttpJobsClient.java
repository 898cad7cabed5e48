package dev.sluice.jdbc.internal.jobs;

import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.workspace.RestCalls;
import dev.sluice.jdbc.internal.workspace.RestJson;
import dev.sluice.jdbc.jobs.ExportedView;
import dev.sluice.jdbc.jobs.Job;
import dev.sluice.jdbc.jobs.JobSettings;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.JobsException;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunNow;
import dev.sluice.jdbc.jobs.RunOutput;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.RunTask;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The Jobs API 2.2 over a workspace's transport and resilience. A server without 2.2 (404 on the first call) is
 * spoken to with 2.1 from then on; both have the same bodies, 2.1 without the paging of a run's tasks.
 */
public final class HttpJobsClient implements JobsClient {
    private static final int LIST_PAGE = 25;

    private final RestCalls calls;
    private volatile String version = "2.2";

    public HttpJobsClient(HttpTransport transport, Resilience resilience) {
        this.calls = restCalls(transport, resilience);
    }

    /** The API version in use: 2.2, or 2.1 once the server turned out not to have 2.2. */
    public String apiVersion() {
        return version;
    }

    @Override
    public long submit(RunSubmit request) throws IOException {
        Objects.requireNonNull(request, "request is null");
        String token = request.idempotencyToken() != null ? request.idempotencyToken() : newToken();
        // with the token the server starts at most one run, so a POST whose answer was lost may be sent again
        Map<String, Object> answer = call("POST", "runs/submit", null, request.body(token));
        return RestJson.number(answer, "run_id");
    }

    @Override
    public long runNow(RunNow request) throws IOException {
        Objects.requireNonNull(request, "request is null");
        String token = request.idempotencyToken() != null ? request.idempotencyToken() : newToken();
        Map<String, Object> answer = call("POST", "run-now", null, request.body(token));
        return RestJson.number(answer, "run_id");
    }

    private static String newToken() {
        return UUID.randomUUID().toString();
    }

    @Override
    public Run getRun(long runId) throws IOException {
        Map<String, Object> page = call("GET", "runs/get", "run_id=" + runId, null);
        List<Map<String, Object>> tasks = RestJson.objects(page, "tasks");
        String next = RestJson.string(page, "next_page_token");
        while (next != null && !next.isEmpty()) {
            Map<String, Object> more = call("GET", "runs/get", "run_id=" + runId + "&page_token=" + encode(next), null);
            tasks.addAll(RestJson.objects(more, "tasks"));
            String following = RestJson.string(more, "next_page_token");
            if (next.equals(following)) {
                throw new IOException("GET runs/get: the server sent the page token '" + next + "' twice for run "
                        + runId);
            }
            next = following;
        }
        return run(page, tasks);
    }

    private static Run run(Map<String, Object> object, List<Map<String, Object>> taskObjects) {
        Map<String, Object> state = RestJson.object(object, "state");
        List<RunTask> tasks = new ArrayList<>();
        for (Map<String, Object> task : taskObjects) {
            Map<String, Object> taskState = RestJson.object(task, "state");
            tasks.add(new RunTask(RestJson.string(task, "task_key"), RestJson.number(task, "run_id"),
                    RestJson.string(taskState, "life_cycle_state"), RestJson.string(taskState, "result_state"),
                    Objects.requireNonNullElse(RestJson.string(taskState, "state_message"), ""), taskType(task)));
        }
        return new Run(RestJson.number(object, "run_id"), RestJson.number(object, "job_id"),
                RestJson.string(object, "run_name"), RestJson.string(state, "life_cycle_state"),
                RestJson.string(state, "result_state"),
                Objects.requireNonNullElse(RestJson.string(state, "state_message"), ""),
                RestJson.number(object, "start_time"), RestJson.number(object, "end_time"), tasks);
    }

    private static String taskType(Map<String, Object> task) {
        for (String field : task.keySet()) {
            if (field.endsWith("_task") && task.get(field) instanceof Map) {
                return field;
            }
        }
        return null;
    }

    @Override
    public Stream<Run> listRuns(Long jobId, boolean activeOnly) throws IOException {
        String filter = "limit=" + LIST_PAGE + (jobId == null ? "" : "&job_id=" + jobId)
                + (activeOnly ? "&active_only=true" : "");
        return pages("runs/list", filter, "runs").map(run -> run(run, RestJson.objects(run, "tasks")));
    }

    /** The objects of a paged list, fetched a page at a time as the stream reaches them. */
    private Stream<Map<String, Object>> pages(String endpoint, String filter, String field) {
        return RestCalls.pages(token -> {
            Map<String, Object> answer = call("GET", endpoint,
                    filter + (token.isEmpty() ? "" : "&page_token=" + encode(token)), null);
            String next = Boolean.FALSE.equals(answer.get("has_more")) ? null
                    : RestJson.string(answer, "next_page_token");
            return new RestCalls.Page(RestJson.objects(answer, field), next);
        });
    }

    @Override
    public void cancelRun(long runId) throws IOException {
        call("POST", "runs/cancel", null, Map.of("run_id", runId));
    }

    @Override
    public void cancelAllRuns(long jobId) throws IOException {
        call("POST", "runs/cancel-all", null, Map.of("job_id", jobId));
    }

    @Override
    public void deleteRun(long runId) throws IOException {
        call("POST", "runs/delete", null, Map.of("run_id", runId));
    }

    @Override
    public List<RunOutput> getOutput(long runId) throws IOException {
        Run run = getRun(runId);
        List<RunOutput> outputs = new ArrayList<>();
        if (run.tasks().size() <= 1) {
            // a single-task run: its output is asked of the task run when the server names one
            String key = run.tasks().isEmpty() ? null : run.tasks().get(0).taskKey();
            long taskRunId = run.tasks().isEmpty() || run.tasks().get(0).runId() == 0 ? runId
                    : run.tasks().get(0).runId();
            outputs.add(output(key, taskRunId));
            return outputs;
        }
        for (RunTask task : run.tasks()) {
            outputs.add(output(task.taskKey(), task.runId()));
        }
        return outputs;
    }

    @Override
    public RunOutput getTaskOutput(long taskRunId) throws IOException {
        return output(null, taskRunId);
    }

    private RunOutput output(String taskKey, long taskRunId) throws IOException {
        Map<String, Object> answer = call("GET", "runs/get-output", "run_id=" + taskRunId, null);
        Map<String, Object> notebook = RestJson.object(answer, "notebook_output");
        return new RunOutput(taskKey, taskRunId, RestJson.string(notebook, "result"), RestJson.string(answer, "logs"),
                RestJson.string(answer, "error"), RestJson.string(answer, "error_trace"));
    }

    @Override
    public List<ExportedView> exportRun(long runId) throws IOException {
        Map<String, Object> answer = call("GET", "runs/export", "run_id=" + runId + "&views_to_export=CODE", null);
        List<ExportedView> views = new ArrayList<>();
        for (Map<String, Object> view : RestJson.objects(answer, "views")) {
            views.add(new ExportedView(RestJson.string(view, "name"), RestJson.string(view, "type"),
                    RestJson.string(view, "content")));
        }
        return views;
    }

    @Override
    public long createJob(JobSettings settings) throws IOException {
        return RestJson.number(call("POST", "create", null, Objects.requireNonNull(settings, "settings is null").body()),
                "job_id");
    }

    @Override
    public Job getJob(long jobId) throws IOException {
        return job(call("GET", "get", "job_id=" + jobId, null));
    }

    private static Job job(Map<String, Object> object) {
        Map<String, Object> settings = RestJson.object(object, "settings");
        return new Job(RestJson.number(object, "job_id"), RestJson.string(settings, "name"),
                RestJson.string(object, "creator_user_name"), RestJson.number(object, "created_time"), settings);
    }

    @Override
    public Stream<Job> listJobs(String name) throws IOException {
        String filter = "limit=" + LIST_PAGE + (name == null ? "" : "&name=" + encode(name));
        return pages("list", filter, "jobs").map(HttpJobsClient::job);
    }

    @Override
    public void resetJob(long jobId, JobSettings settings) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", jobId);
        body.put("new_settings", Objects.requireNonNull(settings, "settings is null").body());
        call("POST", "reset", null, body);
    }

    @Override
    public void deleteJob(long jobId) throws IOException {
        call("POST", "delete", null, Map.of("job_id", jobId));
    }

    private static String encode(String value) {
        return RestCalls.encode(value);
    }

    /**
     * One call: every Jobs call is IDEMPOTENT in the error table's sense (reads, cancels and deletes are; submit
     * and run-now are made so by their token).
     */
    private Map<String, Object> call(String method, String endpoint, String query, Map<String, Object> body)
            throws IOException {
        try {
            return callVersion(method, endpoint, query, body);
        } catch (JobsException e) {
            if (e.httpStatus() == 404 && "2.2".equals(version) && (e.errorCode() == null
                    || "ENDPOINT_NOT_FOUND".equals(e.errorCode()))) {
                version = "2.1";
                return callVersion(method, endpoint, query, body);
            }
            throw e;
        }
    }

    private Map<String, Object> callVersion(String method, String endpoint, String query, Map<String, Object> body)
            throws IOException {
        return calls.call(method, "/api/" + version + "/jobs/" + endpoint, query, body);
    }

    /** The Jobs and Workspace APIs' calls: their errors are {@link JobsException}s. */
    static RestCalls restCalls(HttpTransport transport, Resilience resilience) {
        return new RestCalls(transport, resilience,
                e -> new JobsException(e.getMessage(), e.httpStatus(), e.errorCode(), e.serverMessage(), e));
    }
}
