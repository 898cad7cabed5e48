package dev.sluice.warehouse.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import dev.sluice.warehouse.sql.ScriptRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/** Jobs API 2.2 (and 2.1) on the local control plane and runtime. */
public final class JobsApi implements AutoCloseable {

    private static final String RUN_PAGE = "http://127.0.0.1/#job/run/";
    private static final int MAX_TASKS = 1000;
    /** Tasks per page of runs/get in 2.2, as on Databricks; 2.1 answers with every task. */
    private static final int TASK_PAGE = 100;

    private final ControlPlane store;
    private final WorkspaceTree workspace;
    private final RunEngine engine;
    private final PythonTasks python;

    public JobsApi(Path warehouseDir, ScriptRunner sql, Supplier<SparkContext> spark, int maxActiveRuns)
            throws IOException {
        this.store = new ControlPlane(warehouseDir);
        this.workspace = new WorkspaceTree(warehouseDir);
        this.python = new PythonTasks(warehouseDir);
        this.engine = new RunEngine(store, new TaskRuntime(sql, workspace, python, warehouseDir), spark,
                maxActiveRuns);
        int lost = engine.recover();
        if (lost > 0) {
            System.out.println("Ended " + lost + " job runs left active by the previous start as INTERNAL_ERROR");
        }
    }

    /** Routes the Jobs and Workspace endpoints; Python task runs call back into {@code http}'s statement API. */
    public void register(HttpApi http, String warehouseId) {
        python.attach(http, warehouseId);
        workspace.register(http);
        for (String v : List.of("2.1", "2.2")) {
            String base = "/api/" + v + "/jobs/";
            http.route("POST", base + "create", true, this::create);
            http.route("GET", base + "get", true, r -> render(job(r.query("job_id"))));
            http.route("GET", base + "list", true, this::listJobs);
            http.route("POST", base + "delete", true, this::deleteJob);
            http.route("POST", base + "reset", true, this::reset);
            http.route("POST", base + "run-now", true, this::runNow);
            http.route("POST", base + "runs/submit", true, this::submit);
            boolean paged = v.equals("2.2");
            http.route("GET", base + "runs/get", true, r -> runPage(r, paged));
            http.route("GET", base + "runs/list", true, this::listRuns);
            http.route("POST", base + "runs/cancel", true, this::cancel);
            http.route("POST", base + "runs/cancel-all", true, this::cancelAll);
            http.route("GET", base + "runs/get-output", true, this::output);
            http.route("GET", base + "runs/export", true, this::export);
            http.route("POST", base + "runs/delete", true, this::deleteRun);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    // ---- jobs

    private JsonNode create(Request r) throws IOException {
        ObjectNode settings = r.json();
        validateTasks(settings.path("tasks"));
        long id = store.nextId();
        ObjectNode job = Json.object();
        job.put("job_id", id);
        job.put("creator_user_name", "local-user");
        job.put("created_time", System.currentTimeMillis());
        settings.remove("access_control_list");
        job.set("settings", settings);
        store.putJob(id, Json.text(settings, "name"), job);
        return Json.object().put("job_id", id);
    }

    private JsonNode reset(Request r) throws IOException {
        ObjectNode body = r.json();
        ObjectNode job = job(body.has("job_id") ? body.get("job_id").asText() : null);
        JsonNode settings = body.get("new_settings");
        if (settings == null || !settings.isObject()) {
            throw ApiError.invalid("Field 'new_settings' is required");
        }
        validateTasks(settings.path("tasks"));
        job.set("settings", settings);
        store.putJob(job.get("job_id").asLong(), Json.text(settings, "name"), job);
        return Json.object();
    }

    private JsonNode deleteJob(Request r) throws IOException {
        ObjectNode body = r.json();
        ObjectNode job = job(body.has("job_id") ? body.get("job_id").asText() : null);
        store.deleteJob(job.get("job_id").asLong());
        return Json.object();
    }

    private JsonNode listJobs(Request r) {
        int limit = limit(r.query("limit"), 20, 100);
        int offset = offset(r);
        List<ObjectNode> page = store.jobs(r.query("name"), offset, limit + 1);
        ObjectNode o = Json.object();
        boolean expand = "true".equalsIgnoreCase(r.query("expand_tasks"));
        if (!page.isEmpty()) {
            ArrayNode a = o.putArray("jobs");
            for (ObjectNode j : page.subList(0, Math.min(limit, page.size()))) {
                if (!expand && j.path("settings").isObject()) {
                    ((ObjectNode) j.get("settings")).remove("tasks");
                }
                a.add(j);
            }
        }
        paging(o, page.size() > limit, offset, limit);
        return o;
    }

    private ObjectNode job(String id) {
        long jobId = id(id, "job_id");
        ObjectNode job = store.job(jobId);
        if (job == null) {
            throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Job " + jobId + " does not exist.");
        }
        return job;
    }

    // ---- runs

    private JsonNode submit(Request r) throws IOException {
        ObjectNode body = r.json();
        ArrayNode tasks = tasksOf(body);
        validateTasks(tasks);
        ObjectNode run = newRun(null, Json.text(body, "run_name") == null ? "Untitled" : body.get("run_name").asText(),
                "SUBMIT_RUN", body.path("timeout_seconds").asLong(0), r.principal());
        ObjectNode started = engine.start(run, taskRuns(run, tasks), token(body), 1);
        return Json.object().put("run_id", started.path("run_id").asLong());
    }

    private JsonNode runNow(Request r) throws IOException {
        ObjectNode body = r.json();
        ObjectNode job = job(body.has("job_id") ? body.get("job_id").asText() : null);
        JsonNode settings = job.path("settings");
        if (body.hasNonNull("notebook_params") && body.hasNonNull("jar_params")) {
            throw ApiError.invalid("'notebook_params' and 'jar_params' cannot be given together");
        }
        ArrayNode tasks = tasksOf((ObjectNode) settings.deepCopy());
        for (JsonNode t : tasks) {
            ObjectNode task = (ObjectNode) t;
            override(task, "notebook_task", "base_parameters", body.get("notebook_params"), true);
            override(task, "sql_task", "parameters", body.get("sql_params"), true);
            override(task, "spark_jar_task", "parameters", body.get("jar_params"), false);
            override(task, "spark_python_task", "parameters", body.get("python_params"), false);
            override(task, "spark_submit_task", "parameters", body.get("spark_submit_params"), false);
        }
        String name = settings.path("name").asText("Untitled");
        ObjectNode run = newRun(job.get("job_id").asLong(), name, "JOB_RUN", settings.path("timeout_seconds").asLong(0),
                r.principal());
        ObjectNode params = run.putObject("_params");
        ArrayNode shown = run.putArray("job_parameters");
        for (JsonNode p : settings.path("parameters")) {
            params.put(p.path("name").asText(), p.path("default").asText(""));
        }
        JsonNode given = body.get("job_parameters");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw ApiError.invalid("Field 'job_parameters' must be an object of strings");
            }
            given.fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        }
        params.fields().forEachRemaining(f -> shown.addObject().put("name", f.getKey()).put("value", f.getValue().asText()));
        ObjectNode overriding = Json.object();
        for (String f : List.of("notebook_params", "jar_params", "python_params", "spark_submit_params", "sql_params")) {
            if (body.hasNonNull(f)) {
                overriding.set(f, body.get(f));
            }
        }
        if (!overriding.isEmpty()) {
            run.set("overriding_parameters", overriding);
        }
        int max = Math.max(1, settings.path("max_concurrent_runs").asInt(1));
        ObjectNode started = engine.start(run, taskRuns(run, tasks), token(body), max);
        long id = started.path("run_id").asLong();
        return Json.object().put("run_id", id).put("number_in_job", id);
    }

    private static void override(ObjectNode task, String type, String field, JsonNode value, boolean map) {
        if (value == null || value.isNull() || !task.hasNonNull(type)) {
            return;
        }
        if (map ? !value.isObject() : !value.isArray()) {
            throw ApiError.invalid("Parameters for " + type + " must be " + (map ? "an object" : "an array"));
        }
        ObjectNode spec = (ObjectNode) task.get(type);
        if (map && spec.path(field).isObject()) {
            ObjectNode merged = ((ObjectNode) spec.get(field)).deepCopy();
            merged.setAll((ObjectNode) value);
            spec.set(field, merged);
        } else {
            spec.set(field, value);
        }
    }

    private ObjectNode newRun(Long jobId, String name, String type, long timeout, String principal) {
        long id = store.nextId();
        long now = System.currentTimeMillis();
        ObjectNode run = Json.object();
        run.put("run_id", id);
        if (jobId != null) {
            run.put("job_id", jobId);
            run.put("number_in_job", id);
        }
        run.put("original_attempt_run_id", id);
        run.put("attempt_number", 0);
        run.put("run_name", name);
        run.put("run_type", type);
        run.put("trigger", "ONE_TIME");
        run.put("creator_user_name", principal == null ? "local-user" : principal);
        run.put("start_time", now);
        run.put("end_time", 0);
        run.put("setup_duration", 0);
        run.put("execution_duration", 0);
        run.put("cleanup_duration", 0);
        run.put("queue_duration", 0);
        run.put("timeout_seconds", timeout);
        run.put("run_page_url", RUN_PAGE + id);
        return run;
    }

    private List<ObjectNode> taskRuns(ObjectNode run, ArrayNode tasks) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode t : tasks) {
            ObjectNode task = ((ObjectNode) t).deepCopy();
            long id = store.nextId();
            task.put("run_id", id);
            task.put("attempt_number", 0);
            task.put("start_time", 0);
            task.put("end_time", 0);
            task.put("setup_duration", 0);
            task.put("execution_duration", 0);
            task.put("cleanup_duration", 0);
            task.put("run_page_url", RUN_PAGE + id);
            if (run.hasNonNull("job_id")) {
                task.put("job_id", run.get("job_id").asLong());
            }
            task.put("run_type", "TASK");
            out.add(task);
        }
        return out;
    }

    /** The tasks of a submission or job settings; a legacy single-task body becomes one task keyed by its type. */
    private static ArrayNode tasksOf(ObjectNode body) {
        JsonNode tasks = body.get("tasks");
        if (tasks != null && !tasks.isNull()) {
            if (!tasks.isArray() || tasks.isEmpty()) {
                throw ApiError.invalid("Field 'tasks' must be a non-empty array");
            }
            return (ArrayNode) tasks;
        }
        String type = TaskRuntime.type(body);
        if (type == null) {
            throw ApiError.invalid("A run needs 'tasks' (or one task type field at the top level)");
        }
        ArrayNode a = Json.MAPPER.createArrayNode();
        ObjectNode t = a.addObject();
        t.put("task_key", type.replace("_task", ""));
        t.set(type, body.get(type));
        return a;
    }

    private static void validateTasks(JsonNode tasks) {
        if (tasks.isMissingNode() || tasks.isNull()) {
            return;
        }
        if (!tasks.isArray()) {
            throw ApiError.invalid("Field 'tasks' must be an array");
        }
        if (tasks.size() > MAX_TASKS) {
            throw ApiError.invalid("A run has at most " + MAX_TASKS + " tasks, got " + tasks.size());
        }
        Set<String> keys = new HashSet<>();
        for (JsonNode t : tasks) {
            String key = t.path("task_key").asText("");
            if (key.isEmpty()) {
                throw ApiError.invalid("Every task needs a 'task_key'");
            }
            if (!keys.add(key)) {
                throw ApiError.invalid("Task key " + key + " is used twice");
            }
            TaskRuntime.validate(t);
            String runIf = t.path("run_if").asText("ALL_SUCCESS");
            if (!Set.of("ALL_SUCCESS", "ALL_DONE", "NONE_FAILED", "AT_LEAST_ONE_SUCCESS", "ALL_FAILED",
                    "AT_LEAST_ONE_FAILED").contains(runIf)) {
                throw ApiError.invalid("Invalid run_if '" + runIf + "' of task " + key);
            }
        }
        // dependencies name known tasks and form no cycle: resolve them in rounds
        Set<String> done = new HashSet<>();
        for (JsonNode t : tasks) {
            for (JsonNode d : t.path("depends_on")) {
                if (!keys.contains(d.path("task_key").asText())) {
                    throw ApiError.invalid("Task " + t.path("task_key").asText() + " depends on unknown task "
                            + d.path("task_key").asText());
                }
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (JsonNode t : tasks) {
                String key = t.path("task_key").asText();
                if (done.contains(key)) {
                    continue;
                }
                boolean ready = true;
                for (JsonNode d : t.path("depends_on")) {
                    ready &= done.contains(d.path("task_key").asText());
                }
                if (ready) {
                    done.add(key);
                    progress = true;
                }
            }
        }
        if (done.size() != keys.size()) {
            throw ApiError.invalid("The tasks' depends_on form a cycle");
        }
    }

    private static String token(ObjectNode body) {
        String token = Json.text(body, "idempotency_token");
        if (token != null && token.length() > 64) {
            throw ApiError.invalid("idempotency_token is longer than 64 characters");
        }
        return token;
    }

    private ObjectNode run(String id) {
        long runId = id(id, "run_id");
        ObjectNode run = store.run(runId);
        if (run == null || run.path("deleted").asBoolean(false)) {
            throw ApiError.invalid("Run " + runId + " does not exist.");
        }
        return run;
    }

    /** runs/get: in 2.2 the tasks come 100 at a time, the next page named by {@code next_page_token}. */
    private JsonNode runPage(Request r, boolean paged) {
        ObjectNode run = run(r.query("run_id"));
        if (!paged || "TASK".equals(run.path("run_type").asText())) {
            return runView(run);
        }
        int offset = offset(r);
        List<ObjectNode> tasks = store.tasks(run.path("run_id").asLong());
        ObjectNode out = render(run);
        ArrayNode shown = out.putArray("tasks");
        for (ObjectNode t : tasks.subList(Math.min(offset, tasks.size()), Math.min(offset + TASK_PAGE, tasks.size()))) {
            shown.add(render(t));
        }
        if (offset + TASK_PAGE < tasks.size()) {
            out.put("next_page_token", pageToken(offset + TASK_PAGE));
        }
        if (offset > 0) {
            out.put("prev_page_token", pageToken(Math.max(0, offset - TASK_PAGE)));
        }
        return out;
    }

    private JsonNode runView(ObjectNode run) {
        ObjectNode out = render(run);
        if (!"TASK".equals(run.path("run_type").asText())) {
            ArrayNode tasks = out.putArray("tasks");
            for (ObjectNode t : store.tasks(run.path("run_id").asLong())) {
                tasks.add(render(t));
            }
        }
        return out;
    }

    private JsonNode listRuns(Request r) {
        boolean active = "true".equalsIgnoreCase(r.query("active_only"));
        boolean completed = "true".equalsIgnoreCase(r.query("completed_only"));
        if (active && completed) {
            throw ApiError.invalid("'active_only' and 'completed_only' cannot both be true");
        }
        int limit = limit(r.query("limit"), 20, 25);
        int offset = offset(r);
        String jobId = r.query("job_id");
        ControlPlane.RunFilter f = new ControlPlane.RunFilter(jobId == null ? null : id(jobId, "job_id"), active,
                completed, r.query("run_type"), optionalLong(r, "start_time_from"), optionalLong(r, "start_time_to"));
        List<ObjectNode> page = store.runs(f, offset, limit + 1);
        boolean expand = "true".equalsIgnoreCase(r.query("expand_tasks"));
        ObjectNode o = Json.object();
        if (!page.isEmpty()) {
            ArrayNode a = o.putArray("runs");
            for (ObjectNode run : page.subList(0, Math.min(limit, page.size()))) {
                a.add(expand ? runView(run) : render(run));
            }
        }
        paging(o, page.size() > limit, offset, limit);
        return o;
    }

    private JsonNode cancel(Request r) throws IOException {
        ObjectNode body = r.json();
        ObjectNode run = run(body.has("run_id") ? body.get("run_id").asText() : null);
        Long parent = store.parentOf(run.path("run_id").asLong());
        engine.cancel(parent != null ? parent : run.path("run_id").asLong());
        return Json.object();
    }

    private JsonNode cancelAll(Request r) throws IOException {
        ObjectNode body = r.json();
        Long jobId = null;
        if (body.hasNonNull("job_id")) {
            jobId = job(body.get("job_id").asText()).get("job_id").asLong();
        } else if (!body.path("all_queued_runs").asBoolean(false)) {
            throw ApiError.invalid("Either 'job_id' or 'all_queued_runs' must be given");
        }
        boolean queuedOnly = jobId == null;
        for (ObjectNode run : store.activeRuns(jobId)) {
            if (!queuedOnly || "QUEUED".equals(run.path("state").path("life_cycle_state").asText())) {
                engine.cancel(run.path("run_id").asLong());
            }
        }
        return Json.object();
    }

    private JsonNode output(Request r) {
        ObjectNode run = run(r.query("run_id"));
        ObjectNode task = run;
        if (!"TASK".equals(run.path("run_type").asText())) {
            List<ObjectNode> tasks = store.tasks(run.path("run_id").asLong());
            if (tasks.size() != 1) {
                throw ApiError.invalid("Retrieving the output of runs with multiple tasks is not supported. Please"
                        + " retrieve the output of each individual task run instead.");
            }
            task = tasks.get(0);
        }
        ObjectNode o = Json.object();
        o.set("metadata", render(task));
        JsonNode out = task.path("_output");
        for (String f : List.of("notebook_output", "error", "error_trace", "logs", "logs_truncated")) {
            if (out.has(f)) {
                o.set(f, out.get(f));
            }
        }
        return o;
    }

    private JsonNode export(Request r) {
        ObjectNode run = run(r.query("run_id"));
        ObjectNode task = run;
        if (!"TASK".equals(run.path("run_type").asText())) {
            List<ObjectNode> tasks = store.tasks(run.path("run_id").asLong());
            task = tasks.stream().filter(t -> t.has("notebook_task")).findFirst().orElse(null);
        }
        if (task == null || !task.has("notebook_task")) {
            throw ApiError.invalid("Run " + run.path("run_id").asLong() + " is not a notebook run; only notebook"
                    + " runs can be exported");
        }
        String views = r.query("views_to_export");
        if (views != null && !Set.of("CODE", "DASHBOARDS", "ALL").contains(views)) {
            throw ApiError.invalid("Invalid views_to_export '" + views + "'");
        }
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("views");
        if (!"DASHBOARDS".equals(views)) {
            String path = task.path("notebook_task").path("notebook_path").asText();
            a.addObject().put("content", html(path, task)).put("name", path).put("type", "NOTEBOOK");
        }
        return o;
    }

    private static String html(String path, JsonNode task) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(path)).append("</title></head><body>\n<h1>").append(escape(path)).append("</h1>\n<p>")
                .append(escape(task.path("state").path("life_cycle_state").asText())).append(' ')
                .append(escape(task.path("state").path("result_state").asText(""))).append("</p>\n");
        for (JsonNode cell : task.path("_output").path("cells")) {
            b.append("<div class=\"cell\"><pre class=\"source\">").append(escape(cell.path("source").asText()))
                    .append("</pre>\n<table class=\"result\">");
            for (JsonNode row : cell.path("rows")) {
                b.append("<tr>");
                for (JsonNode v : row) {
                    b.append("<td>").append(v.isNull() ? "null" : escape(v.asText())).append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table></div>\n");
        }
        if (task.path("_output").has("logs")) {
            b.append("<pre class=\"logs\">").append(escape(task.path("_output").path("logs").asText()))
                    .append("</pre>\n");
        }
        if (task.path("_output").has("error")) {
            b.append("<pre class=\"error\">").append(escape(task.path("_output").path("error").asText()))
                    .append("</pre>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private JsonNode deleteRun(Request r) throws IOException {
        ObjectNode body = r.json();
        ObjectNode run = run(body.has("run_id") ? body.get("run_id").asText() : null);
        if (RunStates.active(run)) {
            throw ApiError.invalid("Run " + run.path("run_id").asLong() + " is active and cannot be deleted;"
                    + " cancel it first.");
        }
        store.deleteRun(run.path("run_id").asLong());
        return Json.object();
    }

    // ---- helpers

    /** A copy of a document without the control plane's private fields (those starting with '_'). */
    private static ObjectNode render(ObjectNode doc) {
        ObjectNode out = doc.deepCopy();
        for (Iterator<String> it = out.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("_")) {
                it.remove();
            }
        }
        if ("TASK".equals(out.path("run_type").asText())) {
            out.remove("run_type");
        }
        return out;
    }

    private static void paging(ObjectNode o, boolean more, int offset, int limit) {
        o.put("has_more", more);
        if (more) {
            o.put("next_page_token", pageToken(offset + limit));
        }
        if (offset > 0) {
            o.put("prev_page_token", pageToken(Math.max(0, offset - limit)));
        }
    }

    private static String pageToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(Request r) {
        String token = r.query("page_token");
        if (token != null && !token.isEmpty()) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (s.startsWith("offset:")) {
                    return Integer.parseInt(s.substring(7));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error
            }
            throw ApiError.invalid("Invalid page_token '" + token + "'");
        }
        String offset = r.query("offset");
        if (offset == null) {
            return 0;
        }
        long v = id(offset, "offset");
        if (v > Integer.MAX_VALUE) {
            throw ApiError.invalid("Invalid offset " + offset);
        }
        return (int) v;
    }

    private static int limit(String value, int dflt, int max) {
        if (value == null) {
            return dflt;
        }
        long v = id(value, "limit");
        if (v == 0) {
            return max;
        }
        if (v > max) {
            throw ApiError.invalid("Invalid limit " + value + ": it must be between 1 and " + max);
        }
        return (int) v;
    }

    private static Long optionalLong(Request r, String name) {
        String v = r.query(name);
        return v == null ? null : id(v, name);
    }

    private static long id(String value, String field) {
        if (value == null) {
            throw ApiError.invalid("Missing required field: " + field);
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw ApiError.invalid("Invalid " + field + " " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.invalid("Invalid " + field + " '" + value + "': it must be an integer");
        }
    }

}
