package dev.sluice.jdbc.internal.jobs;

import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.workspace.RestCalls;
import dev.sluice.jdbc.internal.workspace.RestJson;
import dev.sluice.jdbc.jobs.WorkspaceObject;
import dev.sluice.jdbc.jobs.WorkspaceTree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The Workspace API 2.0 over a workspace's transport and resilience. */
public final class HttpWorkspaceTree implements WorkspaceTree {
    private static final String BASE = "/api/2.0/workspace/";

    private final RestCalls calls;

    public HttpWorkspaceTree(HttpTransport transport, Resilience resilience) {
        this.calls = HttpJobsClient.restCalls(transport, resilience);
    }

    private static String checked(String path) {
        Objects.requireNonNull(path, "path is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("workspace path '" + path + "' is not absolute");
        }
        return path;
    }

    private Map<String, Object> call(String method, String endpoint, String path, Map<String, Object> body)
            throws IOException {
        String query = path == null ? null : "path=" + RestCalls.encode(path);
        return calls.call(method, BASE + endpoint, query, body);
    }

    @Override
    public void importObject(String path, byte[] content, String format, String language, boolean overwrite)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", checked(path));
        body.put("format", Objects.requireNonNull(format, "format is null"));
        if (language != null) {
            body.put("language", language);
        }
        body.put("content", Base64.getEncoder().encodeToString(Objects.requireNonNull(content, "content is null")));
        body.put("overwrite", overwrite);
        call("POST", "import", null, body);
    }

    @Override
    public WorkspaceObject getStatus(String path) throws IOException {
        return object(call("GET", "get-status", checked(path), null));
    }

    @Override
    public List<WorkspaceObject> list(String path) throws IOException {
        List<WorkspaceObject> objects = new ArrayList<>();
        for (Map<String, Object> o : RestJson.objects(call("GET", "list", checked(path), null), "objects")) {
            objects.add(object(o));
        }
        return objects;
    }

    private static WorkspaceObject object(Map<String, Object> o) {
        return new WorkspaceObject(RestJson.string(o, "path"), RestJson.string(o, "object_type"),
                RestJson.string(o, "language"), RestJson.number(o, "object_id"));
    }

    @Override
    public void delete(String path, boolean recursive) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", checked(path));
        body.put("recursive", recursive);
        call("POST", "delete", null, body);
    }

    @Override
    public void mkdirs(String path) throws IOException {
        call("POST", "mkdirs", null, Map.of("path", checked(path)));
    }
}
