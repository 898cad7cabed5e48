package dev.sluice.jdbc.internal.simulate;

import dev.sluice.jdbc.internal.client.TransportSeam;
import dev.sluice.jdbc.simulate.DryRunReport;
import dev.sluice.jdbc.simulate.SkippedAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A connection's dry run. SQL that writes is validated by the JDBC layer ({@code EXPLAIN}) and noted here; REST
 * calls that would change the workspace (anything but GET outside the SQL Statement Execution API) are answered
 * here instead of by the server: a job submission after checking that its notebooks exist, with a synthetic run
 * that reads as SKIPPED.
 */
public final class DryRun implements TransportSeam, DryRunReport {
    private static final Logger LOG = LoggerFactory.getLogger(DryRun.class);
    /** Statements that change nothing lasting; every other verb is validated instead of run. */
    private static final Set<String> READS = Set.of("SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES",
            "TABLE", "FROM", "USE", "SET", "RESET", "LIST", "WITH");
    private static final Pattern WRITE_IN_CTE = Pattern.compile(
            "(?is).*\\)\\s*(INSERT|MERGE|UPDATE|DELETE)\\b.*");
    private static final Pattern VACUUM_DRY_RUN = Pattern.compile("(?is)\\s*VACUUM\\b.*\\bDRY\\s+RUN\\s*;?\\s*");
    private static final String FILES = "/api/2.0/fs/files/";
    /** Synthetic run and job ids start here, far above any a workspace hands out. */
    private static final long SYNTHETIC_IDS = 9_000_000_000_000_000L;

    private final List<SkippedAction> skipped = new CopyOnWriteArrayList<>();
    private final Map<Long, String> syntheticRuns = new ConcurrentHashMap<>();
    private final Set<String> importedPaths = ConcurrentHashMap.newKeySet();
    /** Volume files whose upload (Files API PUT) this dry run skipped. */
    private final Set<String> stagedFiles = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(SYNTHETIC_IDS);
    private volatile boolean closed;

    /** Whether {@code sql}, whose leading keyword is {@code verb}, would change anything. */
    public static boolean writes(String verb, String sql) {
        String v = verb == null ? "" : verb.toUpperCase(Locale.ROOT);
        if (v.equals("WITH")) {
            return WRITE_IN_CTE.matcher(sql).matches();
        }
        if (v.equals("VACUUM")) {
            return !VACUUM_DRY_RUN.matcher(sql).matches();
        }
        return !READS.contains(v);
    }

    /** Notes a statement validated instead of run. */
    public void skippedStatement(String sql, String plan) {
        skipped.add(new SkippedAction(SkippedAction.Kind.STATEMENT, sql, plan));
    }

    /**
     * Whether this dry run skipped the upload of {@code path} or of a file under it: a statement reading it (a bulk
     * load's {@code read_files}) cannot be planned as is, the files are not there.
     */
    public boolean staged(String path) {
        String dir = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return stagedFiles.stream().anyMatch(f -> f.equals(dir) || f.startsWith(dir + "/"));
    }

    @Override
    public List<SkippedAction> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public Answer send(String method, String pathAndQuery, byte[] body, Live live) throws IOException {
        String path = pathAndQuery.indexOf('?') < 0 ? pathAndQuery : pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
        if (method.equals("GET")) {
            String synthetic = syntheticRun(path, pathAndQuery);
            return synthetic == null ? live.run() : json(200, synthetic);
        }
        if (path.startsWith("/api/2.0/sql/")) {
            return live.run();
        }
        return skipCall(method, path, body);
    }

    private String syntheticRun(String path, String pathAndQuery) {
        if (!path.matches("/api/2\\.[0-9]+/jobs/runs/(get|get-output)")) {
            return null;
        }
        java.util.regex.Matcher m = Pattern.compile("[?&]run_id=([0-9]+)").matcher(pathAndQuery);
        if (!m.find()) {
            return null;
        }
        long runId = Long.parseLong(m.group(1));
        String name = syntheticRuns.get(runId);
        if (name == null) {
            return null;
        }
        String run = "{\"run_id\":" + runId + ",\"run_name\":" + quote(name) + ",\"state\":{\"life_cycle_state\":"
                + "\"SKIPPED\",\"state_message\":\"dry run: validated, not submitted\"},\"tasks\":[]}";
        return path.endsWith("get-output") ? "{\"metadata\":" + run + "}" : run;
    }

    private Answer skipCall(String method, String path, byte[] body) throws IOException {
        try {
            return skip(method, path, body);
        } catch (MissingNotebook missing) {
            skipped.add(new SkippedAction(SkippedAction.Kind.REST_CALL, method + " " + path, missing.getMessage()));
            return missing.answer();
        }
    }

    private Answer skip(String method, String path, byte[] body) throws IOException, MissingNotebook {
        Map<String, Object> request = body == null ? Map.of() : Json.object(Json.parseOrNull(body));
        if (request == null) {
            request = Map.of();
        }
        String action = method + " " + path;
        if (path.endsWith("/workspace/import") || path.endsWith("/workspace/mkdirs")) {
            if (request.get("path") instanceof String p) {
                importedPaths.add(p);
            }
            skipped.add(new SkippedAction(SkippedAction.Kind.REST_CALL, action + " " + request.get("path"),
                    "not written"));
            return json(200, "{}");
        }
        if (path.endsWith("/jobs/runs/submit")) {
            String checked = checkNotebooks(request);
            long runId = ids.incrementAndGet();
            String name = request.get("run_name") instanceof String n ? n : "dry run";
            syntheticRuns.put(runId, name);
            skipped.add(new SkippedAction(SkippedAction.Kind.REST_CALL, action + " " + name,
                    checked + "; answered with run " + runId + " in state SKIPPED"));
            return json(200, "{\"run_id\":" + runId + "}");
        }
        if (path.endsWith("/jobs/run-now")) {
            long runId = ids.incrementAndGet();
            syntheticRuns.put(runId, "job " + request.get("job_id"));
            skipped.add(new SkippedAction(SkippedAction.Kind.REST_CALL, action + " job " + request.get("job_id"),
                    "answered with run " + runId + " in state SKIPPED"));
            return json(200, "{\"run_id\":" + runId + ",\"number_in_job\":1}");
        }
        if (path.endsWith("/jobs/create")) {
            String checked = checkNotebooks(request);
            long jobId = ids.incrementAndGet();
            skipped.add(new SkippedAction(SkippedAction.Kind.REST_CALL, action + " " + request.get("name"),
                    checked + "; answered with job " + jobId));
            return json(200, "{\"job_id\":" + jobId + "}");
        }
        skipped.add(new SkippedAction(SkippedAction.Kind.REST_CALL, action, "not sent"));
        return json(200, "{}");
    }

    /**
     * Checks that every notebook a job's tasks name exists (or was imported earlier in this dry run) with the
     * Workspace API's get-status; a missing one fails the call as the submission would have.
     */
    private String checkNotebooks(Map<String, Object> request) throws IOException, MissingNotebook {
        List<String> notebooks = new ArrayList<>();
        if (request.get("tasks") instanceof List<?> tasks) {
            for (Object task : tasks) {
                Map<String, Object> t = Json.object(task);
                Map<String, Object> notebook = t == null ? null : Json.object(t.get("notebook_task"));
                if (notebook != null && notebook.get("notebook_path") instanceof String p) {
                    notebooks.add(p);
                }
            }
        }
        for (String notebook : notebooks) {
            if (!importedPaths.contains(notebook) && !exists(notebook)) {
                throw new MissingNotebook(notebook);
            }
        }
        return notebooks.isEmpty() ? "payload accepted" : "notebooks exist: " + String.join(", ", notebooks);
    }

    /** Set by the workspace once its transport exists: get-status goes through it like any other call. */
    private volatile StatusCheck statusCheck;

    /** A GET through the connection's transport, answering the status code. */
    @FunctionalInterface
    public interface StatusCheck {
        int status(String pathAndQuery) throws IOException;
    }

    public void statusCheck(StatusCheck check) {
        this.statusCheck = check;
    }

    private boolean exists(String notebook) throws IOException {
        StatusCheck check = statusCheck;
        if (check == null) {
            return true;
        }
        int status = check.status("/api/2.0/workspace/get-status?path="
                + URLEncoder.encode(notebook, StandardCharsets.UTF_8));
        return status / 100 == 2;
    }

    private static String decoded(String encodedPath) {
        try {
            return "/" + URI.create(encodedPath).getPath();
        } catch (IllegalArgumentException e) {
            return "/" + encodedPath;
        }
    }

    private static Answer json(int status, String body) {
        return new Answer(status, Recording.headers(Map.of("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String text) {
        return new String(Json.write(text, false), StandardCharsets.UTF_8);
    }

    @Override
    public Answer download(URI url, Map<String, String> headers, Live live) throws IOException {
        return live.run();
    }

    /**
     * Reads of a file (GET, HEAD) are sent; a write (PUT of a volume file through the Files API or a volume
     * command's pre-signed URL) is not: its body is never read, it is listed and answered 204.
     */
    @Override
    public Streamed stream(String method, String pathAndQuery, boolean external, String range,
                           java.net.http.HttpRequest.BodyPublisher body, LiveStream live) throws IOException {
        if (method.equals("GET") || method.equals("HEAD")) {
            return live.run(body);
        }
        String path = pathAndQuery.indexOf('?') < 0 ? pathAndQuery : pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
        long length = body == null ? 0 : body.contentLength();
        if (!external && path.startsWith(FILES)) {
            stagedFiles.add(decoded(path.substring(FILES.length())));
        }
        skipped.add(new SkippedAction(SkippedAction.Kind.REST_CALL, method + " " + (external ? "{presigned_url} " : "")
                + path, "not sent: a file write" + (length >= 0 ? " of " + length + " bytes" : "")));
        return new Streamed(204, Recording.headers(Map.of()), java.io.InputStream.nullInputStream());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<SkippedAction> all = skipped();
        LOG.info("dry run: {} action(s) validated and skipped", all.size());
        for (SkippedAction action : all) {
            LOG.info("dry run skipped {}: {} -> {}", action.kind(), action.action(), firstLine(action.plan()));
        }
    }

    /** The first lines of a plan, for a warning or a log line. */
    public static String firstLine(String plan) {
        // Spark's plans open with a "== Physical Plan ==" heading: the first operator says more
        String first = plan.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("=="))
                .findFirst().orElse(plan.strip());
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    /** A notebook a job needs is missing: the call is answered 404 as the workspace would answer it. */
    private static final class MissingNotebook extends Exception {
        private static final long serialVersionUID = 1L;

        MissingNotebook(String notebook) {
            super("dry run: the notebook " + notebook + " that a task runs does not exist");
        }

        Answer answer() {
            return json(404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":" + quote(getMessage()) + "}");
        }
    }
}
