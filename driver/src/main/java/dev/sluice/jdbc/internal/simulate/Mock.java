package dev.sluice.jdbc.internal.simulate;

import dev.sluice.jdbc.internal.client.TransportSeam;
import dev.sluice.jdbc.simulate.MockWorkspace;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Simulation=mock}: answers every exchange of a connection from a {@link MockWorkspace}, opening no socket.
 * Statements are answered synchronously as JSON_ARRAY inline results (whatever format was asked for), sessions are
 * made and closed trivially, job runs follow the workspace's virtual clock, the Unity Catalog catalog, schema and
 * table endpoints answer from the tables it declares; any other endpoint is a 404 naming it.
 */
final class Mock implements TransportSeam {
    private static final Pattern RUN_ID = Pattern.compile("[?&]run_id=([0-9]+)");
    private static final Pattern JOBS = Pattern.compile("/api/2\\.[0-9]+/jobs/(.+)");
    private static final String CATALOG = "/api/2.1/unity-catalog/";
    private static final AtomicLong IDS = new AtomicLong(1000);
    /** Runs of each mock workspace, shared by its connections. */
    private static final Map<MockWorkspace, Map<Long, MockRun>> RUNS = new WeakHashMap<>();

    private final MockWorkspace workspace;

    Mock(MockWorkspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Answer send(String method, String pathAndQuery, byte[] body, Live live) throws IOException {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, Object> request = body == null || body.length == 0 ? Map.of() : Json.object(Json.parseOrNull(body));
        if (request == null) {
            request = Map.of();
        }
        if (path.startsWith("/api/2.0/sql/sessions")) {
            return ok(method.equals("POST") ? Map.of("session_id", "mock-session-" + IDS.incrementAndGet()) : Map.of());
        }
        if (path.startsWith("/api/2.0/sql/statements")) {
            if (method.equals("POST") && (path.equals("/api/2.0/sql/statements") || path.equals("/api/2.0/sql/statements/"))) {
                return statement(String.valueOf(request.get("statement")));
            }
            if (method.equals("DELETE") || path.endsWith("/cancel")) {
                return ok(Map.of());
            }
            return notFound(method, path, "statements are answered at once and not kept");
        }
        if (path.startsWith(CATALOG) && method.equals("GET")) {
            return catalog(path.substring(CATALOG.length()), q < 0 ? "" : pathAndQuery.substring(q + 1));
        }
        Matcher jobs = JOBS.matcher(path);
        if (jobs.matches()) {
            return jobs(method, jobs.group(1), pathAndQuery, request);
        }
        return notFound(method, path, "the mock workspace answers SQL statements, sessions and job runs only");
    }

    private Answer statement(String sql) throws IOException {
        MockWorkspace.SqlRule rule = workspace.answer(sql);
        String id = "mock-statement-" + IDS.incrementAndGet();
        if (rule == null) {
            return ok(failed(id, "HY000", "MOCK_UNMATCHED_STATEMENT", "mock workspace '" + workspace.name()
                    + "' has no rule for the statement [" + sql.strip() + "]; registered patterns: "
                    + workspace.sqlPatterns()));
        }
        long millis = rule.latency().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted during the mock's latency");
            }
        }
        String[] failure = rule.failure();
        if (failure != null) {
            return ok(failed(id, failure[0], failure[1], failure[2]));
        }
        if (rule.updateCount() != null) {
            return ok(rows(id, List.of("num_affected_rows BIGINT"), List.of(List.of(rule.updateCount()))));
        }
        return ok(rows(id, rule.columns(), rule.rows()));
    }

    private static Map<String, Object> failed(String id, String sqlState, String errorClass, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_code", errorClass);
        error.put("message", "[" + errorClass + "] " + message);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", "FAILED");
        status.put("sql_state", sqlState);
        status.put("error", error);
        return Map.of("statement_id", id, "status", status);
    }

    private static Map<String, Object> rows(String id, List<String> columns, List<List<Object>> rows) {
        List<Object> schema = new ArrayList<>(columnInfos(columns));
        List<Object> data = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> cells = new ArrayList<>();
            row.forEach(value -> cells.add(value == null ? null : String.valueOf(value)));
            data.add(cells);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "JSON_ARRAY");
        manifest.put("schema", Map.of("column_count", schema.size(), "columns", schema));
        manifest.put("total_chunk_count", data.isEmpty() ? 0 : 1);
        manifest.put("total_row_count", data.size());
        manifest.put("truncated", false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("statement_id", id);
        answer.put("status", Map.of("state", "SUCCEEDED"));
        if (!data.isEmpty()) {
            manifest.put("chunks", List.of(Map.of("chunk_index", 0, "row_offset", 0, "row_count", data.size())));
            answer.put("result", Map.of("chunk_index", 0, "row_offset", 0, "row_count", data.size(),
                    "data_array", data));
        }
        answer.put("manifest", manifest);
        return answer;
    }

    /** The Unity Catalog endpoints, from the tables the workspace declares; one page each. */
    private Answer catalog(String endpoint, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String[] parts = endpoint.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
        }
        Map<String, List<String>> tables = workspace.tables();
        Set<String> catalogs = new TreeSet<>();
        Set<String> schemas = new TreeSet<>();
        tables.keySet().forEach(full -> {
            catalogs.add(full.substring(0, full.indexOf('.')));
            schemas.add(full.substring(0, full.lastIndexOf('.')));
        });
        String kind = parts[0];
        if (parts.length == 1) {
            List<Object> list = new ArrayList<>();
            switch (kind) {
                case "catalogs" -> catalogs.forEach(c -> list.add(Map.of("name", c)));
                case "schemas" -> schemas.stream().filter(s -> s.startsWith(params.get("catalog_name") + "."))
                        .forEach(s -> list.add(schema(s)));
                case "tables" -> tables.forEach((full, columns) -> {
                    String schema = params.get("catalog_name") + "." + params.get("schema_name");
                    if (full.substring(0, full.lastIndexOf('.')).equals(schema)) {
                        list.add(table(full, columns));
                    }
                });
                default -> {
                    return notFound("GET", CATALOG + endpoint, "the mock lists catalogs, schemas and tables only");
                }
            }
            return ok(Map.of(kind, list));
        }
        String name = parts[1];
        boolean exists = parts.length == 3 && parts[2].equals("exists");
        switch (kind) {
            case "catalogs" -> {
                return catalogs.contains(name) ? ok(Map.of("name", name))
                        : error(404, "CATALOG_DOES_NOT_EXIST", "Catalog '" + name + "' does not exist.");
            }
            case "schemas" -> {
                return schemas.contains(name) ? ok(schema(name))
                        : error(404, "SCHEMA_DOES_NOT_EXIST", "Schema '" + name + "' does not exist.");
            }
            case "tables" -> {
                if (exists) {
                    return ok(Map.of("table_exists", tables.containsKey(name)));
                }
                return tables.containsKey(name) ? ok(table(name, tables.get(name)))
                        : error(404, "TABLE_DOES_NOT_EXIST", "Table '" + name + "' does not exist.");
            }
            default -> {
                return notFound("GET", CATALOG + endpoint, "the mock lists catalogs, schemas and tables only");
            }
        }
    }

    private static Map<String, Object> schema(String full) {
        return Map.of("name", full.substring(full.indexOf('.') + 1), "catalog_name",
                full.substring(0, full.indexOf('.')), "full_name", full);
    }

    private static Map<String, Object> table(String full, List<String> columns) {
        String[] parts = full.split("\\.");
        List<Object> described = new ArrayList<>();
        List<Map<String, Object>> infos = columnInfos(columns);
        for (Map<String, Object> info : infos) {
            Map<String, Object> column = new LinkedHashMap<>(info);
            column.put("nullable", true);
            described.add(column);
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("name", parts[2]);
        table.put("catalog_name", parts[0]);
        table.put("schema_name", parts[1]);
        table.put("full_name", full);
        table.put("table_type", "MANAGED");
        table.put("data_source_format", "DELTA");
        table.put("columns", described);
        return table;
    }

    /** {@code "name TYPE"} columns as the Statement Execution and Unity Catalog APIs describe them. */
    private static List<Map<String, Object>> columnInfos(List<String> columns) {
        List<Map<String, Object>> schema = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i).strip();
            int space = column.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("mock column '" + column + "' is not \"name TYPE\"");
            }
            String typeText = column.substring(space + 1).strip().toUpperCase(Locale.ROOT);
            String typeName = typeText.replaceFirst("[(<].*", "");
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", column.substring(0, space));
            info.put("position", i);
            info.put("type_name", typeName.equals("BIGINT") ? "LONG" : typeName);
            info.put("type_text", typeText);
            Matcher decimal = Pattern.compile("DECIMAL\\((\\d+)\\s*,\\s*(\\d+)\\)").matcher(typeText);
            if (decimal.matches()) {
                info.put("type_precision", Integer.parseInt(decimal.group(1)));
                info.put("type_scale", Integer.parseInt(decimal.group(2)));
            }
            schema.add(info);
        }
        return schema;
    }

    private Answer jobs(String method, String endpoint, String pathAndQuery, Map<String, Object> request)
            throws IOException {
        Map<Long, MockRun> runs;
        synchronized (RUNS) {
            runs = RUNS.computeIfAbsent(workspace, w -> new LinkedHashMap<>());
        }
        synchronized (runs) {
            switch (method + " " + endpoint) {
                case "POST runs/submit", "POST run-now" -> {
                    String name = request.get("run_name") instanceof String n ? n
                            : endpoint.equals("run-now") ? "job " + request.get("job_id") : "run";
                    String taskKey = "task";
                    if (request.get("tasks") instanceof List<?> tasks && !tasks.isEmpty()
                            && Json.object(tasks.get(0)) != null
                            && Json.object(tasks.get(0)).get("task_key") instanceof String key) {
                        taskKey = key;
                    }
                    long runId = IDS.incrementAndGet();
                    runs.put(runId, new MockRun(runId, name, taskKey, workspace.script(name), workspace.ticks()));
                    return ok(endpoint.equals("run-now") ? Map.of("run_id", runId, "number_in_job", 1)
                            : Map.of("run_id", runId));
                }
                case "GET runs/get", "GET runs/get-output" -> {
                    Matcher m = RUN_ID.matcher(pathAndQuery);
                    MockRun run = m.find() ? runs.get(Long.parseLong(m.group(1))) : null;
                    if (run == null) {
                        return error(400, "INVALID_PARAMETER_VALUE", "Run " + (m.hitEnd() ? "?" : m.group(1))
                                + " does not exist.");
                    }
                    if (endpoint.equals("runs/get")) {
                        if (workspace.stepsPerPoll()) {
                            run.polls++;
                        }
                        return ok(run.json(workspace.ticks()));
                    }
                    return ok(run.output(workspace.ticks()));
                }
                case "POST runs/cancel" -> {
                    MockRun run = request.get("run_id") instanceof Number n ? runs.get(n.longValue()) : null;
                    if (run == null) {
                        return error(400, "INVALID_PARAMETER_VALUE", "Run " + request.get("run_id")
                                + " does not exist.");
                    }
                    run.canceled = true;
                    return ok(Map.of());
                }
                default -> {
                    return notFound(method, "jobs/" + endpoint, "the mock answers runs/submit, run-now, runs/get,"
                            + " runs/get-output and runs/cancel");
                }
            }
        }
    }

    /** A run and where it is on the clock. */
    private static final class MockRun {
        private final long runId;
        private final String name;
        private final String taskKey;
        private final MockWorkspace.RunRule script;
        private final long submittedAt;
        private int polls;
        private boolean canceled;

        MockRun(long runId, String name, String taskKey, MockWorkspace.RunRule script, long submittedAt) {
            this.runId = runId;
            this.name = name;
            this.taskKey = taskKey;
            this.script = script;
            this.submittedAt = submittedAt;
        }

        private String[] state(long ticks) {
            if (canceled) {
                return new String[] {"TERMINATED", "CANCELED", "Run cancelled."};
            }
            long step = ticks - submittedAt + polls;
            if (step < script.pendingSteps()) {
                return new String[] {"PENDING", null, "Waiting for cluster"};
            }
            if (step < script.pendingSteps() + script.runningSteps()) {
                return new String[] {"RUNNING", null, "In run"};
            }
            return new String[] {"TERMINATED", script.resultState(), script.error() == null ? "" : script.error()};
        }

        Map<String, Object> json(long ticks) {
            String[] s = state(ticks);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("life_cycle_state", s[0]);
            if (s[1] != null) {
                state.put("result_state", s[1]);
            }
            state.put("state_message", s[2]);
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("task_key", taskKey);
            task.put("run_id", runId);
            task.put("state", state);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("run_id", runId);
            run.put("run_name", name);
            run.put("state", state);
            run.put("tasks", List.of(task));
            return run;
        }

        Map<String, Object> output(long ticks) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("metadata", json(ticks));
            String[] s = state(ticks);
            if (s[0].equals("TERMINATED") && !canceled) {
                if (script.error() != null) {
                    answer.put("error", script.error());
                } else if (script.result() != null) {
                    answer.put("notebook_output", Map.of("result", script.result()));
                }
            }
            return answer;
        }
    }

    private static Answer ok(Map<String, Object> json) {
        return answer(200, json);
    }

    private static Answer error(int status, String errorCode, String message) {
        return answer(status, Map.of("error_code", errorCode, "message", message));
    }

    private Answer notFound(String method, String path, String why) {
        return error(404, "ENDPOINT_NOT_FOUND", "mock workspace '" + workspace.name() + "' does not answer "
                + method + " " + path + ": " + why);
    }

    private static Answer answer(int status, Map<String, Object> json) {
        return new Answer(status, Recording.headers(Map.of("Content-Type", "application/json")),
                Json.write(json, false));
    }

    /** The mock keeps no files: a Files API call or a volume command's URL is answered 404, naming it. */
    @Override
    public Streamed stream(String method, String pathAndQuery, boolean external, String range,
                           java.net.http.HttpRequest.BodyPublisher body, LiveStream live) {
        Answer answer = notFound(method, external ? "{presigned_url}" : pathAndQuery,
                "the mock workspace has no files or volumes");
        return new Streamed(answer.status(), answer.headers(), new java.io.ByteArrayInputStream(answer.body()));
    }

    @Override
    public Answer download(URI url, Map<String, String> headers, Live live) throws IOException {
        throw new IOException("mock workspace '" + workspace.name() + "' sends no external links");
    }

    @Override
    public void close() {
        // nothing is held: the workspace outlives its connections
    }
}
