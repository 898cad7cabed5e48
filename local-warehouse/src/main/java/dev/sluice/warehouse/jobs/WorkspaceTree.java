package dev.sluice.warehouse.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local workspace tree ({@code <warehouse-dir>/workspace}) behind the Workspace API 2.0. A notebook
 * imported as SOURCE is kept as {@code <path>.<ext>} by its language; other files under their own name.
 * Every path is absolute, without {@code .} or {@code ..} segments, and stays inside the folder.
 */
final class WorkspaceTree {

    private static final Map<String, String> EXTENSIONS = Map.of("SQL", ".sql", "PYTHON", ".py", "SCALA", ".scala",
            "R", ".r");

    /** A workspace object as found on disk. */
    record Entry(String path, Path file, String type, String language) {
    }

    private final Path root;

    WorkspaceTree(Path warehouseDir) throws IOException {
        this.root = warehouseDir.resolve("workspace").toAbsolutePath().normalize();
        Files.createDirectories(root);
    }

    void register(HttpApi http) {
        String base = "/api/2.0/workspace/";
        http.route("POST", base + "import", true, this::importObject);
        http.route("GET", base + "get-status", true, r -> info(find(r.query("path"))));
        http.route("GET", base + "list", true, this::list);
        http.route("POST", base + "delete", true, this::delete);
        http.route("POST", base + "mkdirs", true, this::mkdirs);
        http.route("GET", base + "export", true, this::export);
    }

    /** The object at a workspace path; 404 RESOURCE_DOES_NOT_EXIST when there is none. */
    Entry find(String path) {
        Path p = resolve(path);
        String normal = normal(path);
        if (Files.isDirectory(p)) {
            return new Entry(normal, p, "DIRECTORY", null);
        }
        if (Files.isRegularFile(p)) {
            return new Entry(normal, p, "FILE", null);
        }
        for (Map.Entry<String, String> e : EXTENSIONS.entrySet()) {
            Path nb = p.resolveSibling(p.getFileName() + e.getValue());
            if (Files.isRegularFile(nb)) {
                return new Entry(normal, nb, "NOTEBOOK", e.getKey());
            }
        }
        throw ApiError.notFound("Path (" + normal + ") doesn't exist.");
    }

    /** A jar or file named by a task: a workspace path (with or without the {@code /Workspace} prefix). */
    Path file(String path) {
        String p = path.startsWith("/Workspace/") ? path.substring("/Workspace".length()) : path;
        Entry e = find(p);
        if (e.type().equals("DIRECTORY")) {
            throw ApiError.invalid("Path (" + e.path() + ") is a directory");
        }
        return e.file();
    }

    private JsonNode importObject(Request r) throws IOException {
        ObjectNode body = r.json();
        String path = required(body, "path");
        String format = upper(Json.text(body, "format"), "SOURCE");
        String language = upper(Json.text(body, "language"), null);
        boolean overwrite = body.path("overwrite").asBoolean(false);
        byte[] content;
        try {
            content = Base64.getDecoder().decode(body.path("content").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("Field 'content' must be base64: " + e.getMessage());
        }
        Path p = resolve(path);
        Path target;
        if (format.equals("SOURCE") && language != null) {
            String ext = EXTENSIONS.get(language);
            if (ext == null) {
                throw ApiError.invalid("Unsupported language '" + language + "'; use SQL, PYTHON, SCALA or R");
            }
            target = p.resolveSibling(p.getFileName() + ext);
        } else if (format.equals("SOURCE") || format.equals("AUTO") || format.equals("RAW")) {
            target = p;
        } else {
            throw ApiError.invalid("Unsupported import format '" + format + "'; the local workspace takes SOURCE,"
                    + " AUTO and RAW");
        }
        if (!overwrite && exists(path)) {
            throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", "Path (" + normal(path) + ") already exists.");
        }
        if (!Files.isDirectory(p.getParent())) {
            throw ApiError.notFound("The parent folder (" + parentOf(normal(path)) + ") does not exist.");
        }
        Files.write(target, content);
        return Json.object();
    }

    private JsonNode list(Request r) throws IOException {
        Entry dir = find(r.query("path"));
        if (!dir.type().equals("DIRECTORY")) {
            return listOf(List.of(info(dir)));
        }
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.file())) {
            for (Path child : s.sorted().toList()) {
                String name = child.getFileName().toString();
                String type = Files.isDirectory(child) ? "DIRECTORY" : "FILE";
                String language = null;
                for (Map.Entry<String, String> e : EXTENSIONS.entrySet()) {
                    if (type.equals("FILE") && name.endsWith(e.getValue())) {
                        name = name.substring(0, name.length() - e.getValue().length());
                        type = "NOTEBOOK";
                        language = e.getKey();
                    }
                }
                String parent = dir.path().equals("/") ? "" : dir.path();
                out.add(info(new Entry(parent + "/" + name, child, type, language)));
            }
        }
        return listOf(out);
    }

    private static JsonNode listOf(List<ObjectNode> objects) {
        ObjectNode o = Json.object();
        if (!objects.isEmpty()) {
            ArrayNode a = o.putArray("objects");
            objects.forEach(a::add);
        }
        return o;
    }

    private JsonNode delete(Request r) throws IOException {
        ObjectNode body = r.json();
        Entry e = find(required(body, "path"));
        if (e.file().equals(root)) {
            throw ApiError.invalid("The workspace root cannot be deleted");
        }
        if (e.type().equals("DIRECTORY")) {
            boolean empty;
            try (Stream<Path> s = Files.list(e.file())) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !body.path("recursive").asBoolean(false)) {
                throw new ApiError(400, "DIRECTORY_NOT_EMPTY", "Folder (" + e.path() + ") is not empty.");
            }
            try (Stream<Path> s = Files.walk(e.file())) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } else {
            Files.delete(e.file());
        }
        return Json.object();
    }

    private JsonNode mkdirs(Request r) throws IOException {
        String path = required(r.json(), "path");
        Path p = resolve(path);
        for (Path q = p; q != null && q.startsWith(root); q = q.getParent()) {
            if (Files.isRegularFile(q)) {
                throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", "Path (" + normal(path) + ") is a file.");
            }
        }
        Files.createDirectories(p);
        return Json.object();
    }

    private JsonNode export(Request r) throws IOException {
        Entry e = find(r.query("path"));
        if (e.type().equals("DIRECTORY")) {
            throw ApiError.invalid("Path (" + e.path() + ") is a directory; the local workspace exports files and"
                    + " notebooks");
        }
        String format = upper(r.query("format"), "SOURCE");
        if (!format.equals("SOURCE") && !format.equals("AUTO") && !format.equals("RAW")) {
            throw ApiError.invalid("Unsupported export format '" + format + "'; the local workspace exports SOURCE");
        }
        ObjectNode o = Json.object();
        o.put("content", Base64.getEncoder().encodeToString(Files.readAllBytes(e.file())));
        o.put("file_type", e.type().equals("NOTEBOOK") ? EXTENSIONS.get(e.language()).substring(1) : "");
        return o;
    }

    private ObjectNode info(Entry e) {
        ObjectNode o = Json.object();
        o.put("path", e.path());
        o.put("object_type", e.type());
        if (e.language() != null) {
            o.put("language", e.language());
        }
        o.put("object_id", Math.abs((long) e.path().hashCode()));
        try {
            long modified = Files.getLastModifiedTime(e.file()).toMillis();
            o.put("created_at", modified);
            o.put("modified_at", modified);
            if (!e.type().equals("DIRECTORY")) {
                o.put("size", Files.size(e.file()));
            }
        } catch (IOException x) {
            // removed meanwhile: the object info stays without times
        }
        return o;
    }

    private boolean exists(String path) {
        try {
            find(path);
            return true;
        } catch (ApiError e) {
            return false;
        }
    }

    private Path resolve(String path) {
        String normal = normal(path);
        Path p = root.resolve(normal.substring(1)).normalize();
        if (!p.startsWith(root)) {
            throw ApiError.invalid("Path (" + path + ") is outside the workspace");
        }
        return p;
    }

    private static String normal(String path) {
        if (path == null || path.isEmpty()) {
            throw ApiError.invalid("Field 'path' is required");
        }
        if (!path.startsWith("/")) {
            throw ApiError.invalid("Path (" + path + ") must be absolute");
        }
        StringBuilder out = new StringBuilder();
        for (String seg : path.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            if (seg.equals("..") || seg.equals(".") || seg.indexOf('\\') >= 0 || seg.indexOf('\0') >= 0) {
                throw ApiError.invalid("Path (" + path + ") must not contain '" + seg + "'");
            }
            out.append('/').append(seg);
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static String parentOf(String normal) {
        int i = normal.lastIndexOf('/');
        return i <= 0 ? "/" : normal.substring(0, i);
    }

    private static String required(JsonNode body, String field) {
        String v = Json.text(body, field);
        if (v == null) {
            throw ApiError.invalid("Field '" + field + "' is required");
        }
        return v;
    }

    private static String upper(String v, String dflt) {
        return v == null ? dflt : v.toUpperCase(Locale.ROOT);
    }
}
