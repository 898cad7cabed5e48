package dev.sluice.warehouse.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Files API 2.0 on the local warehouse's volumes ({@code /api/2.0/fs/files}, {@code /api/2.0/fs/directories}),
 * the pre-signed variants the official driver uses ({@code create-upload-url}, {@code create-download-url},
 * {@code create-delete-url}, {@code /api/2.0/fs/list}) and the pre-signed links themselves. File bodies are
 * streamed between the socket and the disk, never held in memory.
 */
public final class FilesApi {

    private static final String FILES = "/api/2.0/fs/files/";
    private static final String DIRECTORIES = "/api/2.0/fs/directories/";
    /** The Files API's page size when the client asks for none, and its largest. */
    static final int MAX_PAGE = 1000;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final VolumeStore store;
    private final VolumeLinks links;

    public FilesApi(VolumeStore store, VolumeLinks links) {
        this.store = store;
        this.links = links;
    }

    public void register(HttpApi http) {
        http.route("PUT", FILES + "{path...}", true, r -> upload(r, store.resolve(r.pathVar("path")),
                "true".equals(r.query("overwrite"))));
        http.route("GET", FILES + "{path...}", true, r -> download(r, store.resolve(r.pathVar("path"))));
        http.route("DELETE", FILES + "{path...}", true, r -> {
            store.deleteFile(store.resolve(r.pathVar("path")));
            return noContent(r);
        });
        http.route("GET", DIRECTORIES + "{path...}", true, this::listDirectory);
        http.route("PUT", DIRECTORIES + "{path...}", true, r -> {
            store.createDirectories(store.resolve(r.pathVar("path")));
            return noContent(r);
        });
        http.route("DELETE", DIRECTORIES + "{path...}", true, r -> {
            store.deleteDirectory(store.resolve(r.pathVar("path")));
            return noContent(r);
        });
        http.route("POST", "/api/2.0/fs/create-upload-url", true, r -> signed(r, VolumeLinks.Operation.PUT));
        http.route("POST", "/api/2.0/fs/create-download-url", true, r -> signed(r, VolumeLinks.Operation.GET));
        http.route("POST", "/api/2.0/fs/create-delete-url", true, r -> signed(r, VolumeLinks.Operation.DELETE));
        http.route("GET", "/api/2.0/fs/list", true, this::dbfsList);
        // the signature is the credential of these, as for the result links
        HttpApi.Handler presigned = this::presigned;
        http.route("PUT", VolumeLinks.PATH + "/{path...}", false, presigned);
        http.route("GET", VolumeLinks.PATH + "/{path...}", false, presigned);
        http.route("DELETE", VolumeLinks.PATH + "/{path...}", false, presigned);
    }

    private JsonNode upload(Request r, VolumeStore.VolumePath target, boolean overwrite) throws IOException {
        try (InputStream body = r.exchange().getRequestBody()) {
            try {
                store.write(target, body, overwrite);
            } catch (ApiError refused) {
                // refused before the body was read (409 on overwrite=false): read it anyway, or the client, still
                // sending, would see a reset connection instead of the answer
                body.transferTo(OutputStream.nullOutputStream());
                throw refused;
            }
        }
        return noContent(r);
    }

    private JsonNode download(Request r, VolumeStore.VolumePath target) throws IOException {
        Path file = store.file(target);
        HttpExchange ex = r.exchange();
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long size = a.size();
        long from = 0;
        long to = size - 1;
        int status = 200;
        String range = r.header("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw ApiError.invalid("Unsupported Range '" + range + "': bytes=<first>-[<last>] or bytes=-<n>");
            }
            if (m.group(1).isEmpty()) {
                from = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (from >= size || to < from) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                throw new ApiError(416, "INVALID_PARAMETER_VALUE", "Range '" + range + "' is outside the file of "
                        + size + " bytes");
            }
            status = 206;
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        long length = to - from + 1;
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        ex.getResponseHeaders().set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                a.lastModifiedTime().toInstant().atOffset(ZoneOffset.UTC)));
        if (r.method().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return null;
        }
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
            in.skipNBytes(from);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the file shrank while being sent");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return null;
    }

    private static JsonNode noContent(Request r) throws IOException {
        r.exchange().sendResponseHeaders(204, -1);
        return null;
    }

    private JsonNode listDirectory(Request r) throws IOException {
        VolumeStore.VolumePath target = store.resolve(r.pathVar("path"));
        List<VolumeStore.Entry> entries = store.list(target);
        if (r.method().equals("HEAD")) {
            r.exchange().sendResponseHeaders(200, -1);
            return null;
        }
        int size = pageSize(r.query("page_size"));
        String after = token(r.query("page_token"));
        ObjectNode out = Json.object();
        ArrayNode contents = out.putArray("contents");
        int taken = 0;
        String last = null;
        boolean more = false;
        for (VolumeStore.Entry e : entries) {
            if (after != null && e.name().compareTo(after) <= 0) {
                continue;
            }
            if (taken == size) {
                more = true;
                break;
            }
            ObjectNode n = contents.addObject();
            n.put("path", e.path());
            n.put("is_directory", e.directory());
            if (!e.directory()) {
                n.put("file_size", e.size());
                n.put("last_modified", e.lastModified());
            }
            n.put("name", e.name());
            last = e.name();
            taken++;
        }
        if (more) {
            out.put("next_page_token", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int pageSize(String value) {
        if (value == null || value.isEmpty()) {
            return MAX_PAGE;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return Math.min(n, MAX_PAGE);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalid("page_size must be a positive integer, got '" + value + "'");
    }

    private static String token(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("page_token '" + value + "' is not a token this server issued");
        }
    }

    private JsonNode signed(Request r, VolumeLinks.Operation operation) throws IOException {
        ObjectNode body = r.json();
        String path = Json.text(body, "path");
        if (path == null) {
            throw ApiError.invalid("Field 'path' is required");
        }
        VolumeStore.VolumePath target = store.resolve(path);
        if (operation != VolumeLinks.Operation.PUT) {
            store.file(target);
        }
        ObjectNode out = Json.object();
        out.put("url", links.url(operation, target.display(), true, Instant.now()));
        out.putArray("headers");
        return out;
    }

    /** DBFS-style listing ({@code GET /api/2.0/fs/list?path=}), as the official driver's volume client reads it. */
    private JsonNode dbfsList(Request r) throws IOException {
        String path = r.query("path");
        if (path == null) {
            throw ApiError.invalid("Parameter 'path' is required");
        }
        VolumeStore.VolumePath target = store.resolve(path);
        ObjectNode out = Json.object();
        ArrayNode files = out.putArray("files");
        for (VolumeStore.Entry e : store.list(target)) {
            ObjectNode n = files.addObject();
            n.put("path", e.directory() ? e.path().substring(0, e.path().length() - 1) : e.path());
            n.put("is_dir", e.directory());
            n.put("file_size", e.size());
            n.put("modification_time", e.lastModified());
        }
        return out;
    }

    private JsonNode presigned(Request r) throws IOException {
        // the signature first: without a valid link, nothing about the volume is told
        boolean overwrite = links.check(r.method(), "/" + r.pathVar("path"), r.query("op"), r.query("overwrite"),
                r.query("expires"), r.query("sig"), Instant.now());
        VolumeStore.VolumePath target = store.resolve(r.pathVar("path"));
        return switch (r.method()) {
            case "PUT" -> upload(r, target, overwrite);
            case "DELETE" -> {
                store.deleteFile(target);
                yield noContent(r);
            }
            default -> download(r, target);
        };
    }
}
