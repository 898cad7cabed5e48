package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.ApiErrors;
import dev.sluice.jdbc.internal.client.ApiException;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.resilience.CallKind;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.jdbc.internal.workspace.RestJson;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A volume command's transfer ({@code PUT '<file>' INTO '/Volumes/...'}, {@code GET ... TO '<file>'},
 * {@code REMOVE}): the server answered with a result marked {@code is_volume_operation} whose one row holds the
 * operation, a pre-signed URL, its headers (JSON) and the local file; the driver moves the bytes itself, streamed,
 * through the connection's transport, and the statement's result is one column {@code operation_status}.
 *
 * <p>The local file must lie under {@code VolumeOperationAllowedLocalPaths} after {@code ..} and symbolic links are
 * resolved: the statement text (and so whoever wrote it) names the file, and without this rule any SQL could read
 * or overwrite any file the application may.
 */
final class VolumeOperation {
    /** The largest error body read from a failed transfer. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    /** The row the server answered. */
    record Order(String operation, URI url, Map<String, String> headers, String localFile) {
    }

    /** The statement's stream settings for this run: an upload stream, or a wish to keep the download. */
    record Streams(InputStream upload, long uploadLength, boolean downloadToStream) {
        static final Streams NONE = new Streams(null, -1, false);
    }

    private VolumeOperation() {
    }

    /** Reads the row of the server's answer. */
    static Order read(BatchSource source) throws SQLException {
        RowBatch b = source.next();
        while (b != null && b.rowCount() == 0) {
            b = source.next();
        }
        if (b == null || b.columnCount() < 3) {
            throw Errors.of(SqlState.GENERAL_ERROR, "the server answered a volume operation without its row"
                    + " (operation, URL, headers)");
        }
        String operation = b.column(0).getString(0);
        String url = b.column(1).getString(0);
        String headers = b.column(2).getString(0);
        String local = b.columnCount() > 3 ? b.column(3).getString(0) : null;
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (operation == null || uri == null || !uri.isAbsolute()
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            // the URL is a credential: never shown
            throw Errors.of(SqlState.GENERAL_ERROR, "the server answered volume operation " + operation
                    + " without a usable pre-signed URL");
        }
        return new Order(operation.toUpperCase(Locale.ROOT), uri, headers(headers), local);
    }

    private static Map<String, String> headers(String json) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        String text = json.strip();
        // the official driver accepts a map in brackets, as some servers print it
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            return out;
        }
        try {
            RestJson.read(text.getBytes(StandardCharsets.UTF_8), "volume operation headers").forEach((k, v) -> {
                // the HTTP client sets these itself and refuses them from callers
                if (!RESTRICTED_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                    out.put(k, String.valueOf(v));
                }
            });
        } catch (IOException e) {
            throw Errors.of(SqlState.GENERAL_ERROR, "the volume operation's headers are not a JSON object", e);
        }
        return out;
    }

    /**
     * Performs the transfer.
     *
     * @param allowed the value of VolumeOperationAllowedLocalPaths, or null
     * @return the download stream when the statement asked to keep it, else null
     * @throws SQLException 42501 for a local file outside the allowed paths, 22023 for a missing or existing local
     *     file, 58030 when the transfer failed
     */
    static InputStream perform(SluiceConnection connection, Order order, String allowed, Streams streams)
            throws SQLException {
        HttpTransport transport = connection.transport();
        switch (order.operation()) {
            case "PUT" -> {
                if (streams.upload() != null) {
                    // the application's stream: read to its end, closed by the application
                    InputStream unclosed = new FilterInputStream(streams.upload()) {
                        @Override
                        public void close() {
                        }
                    };
                    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> unclosed);
                    send(connection, transport, "PUT", order, streams.uploadLength() < 0 ? body
                            : HttpRequest.BodyPublishers.fromPublisher(body, streams.uploadLength()), false);
                    return null;
                }
                Path file = allowedLocalFile(order.localFile(), allowed);
                if (!Files.isRegularFile(file)) {
                    throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "PUT: the local file '" + order.localFile()
                            + "' does not exist or is not a regular file");
                }
                send(connection, transport, "PUT", order, ofFile(file), true);
                return null;
            }
            case "GET" -> {
                if (streams.downloadToStream()) {
                    return send(connection, transport, "GET", order, null, true).body();
                }
                Path file = allowedLocalFile(order.localFile(), allowed);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "GET: the local file '" + order.localFile()
                            + "' exists; GET never overwrites a local file");
                }
                download(connection, transport, order, file);
                return null;
            }
            case "REMOVE" -> {
                try (InputStream answer = send(connection, transport, "DELETE", order, null, true).body()) {
                    answer.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw Errors.of(SqlState.IO_ERROR, "REMOVE: the answer broke off", e);
                }
                return null;
            }
            default -> throw Errors.of(SqlState.GENERAL_ERROR, "the server answered an unknown volume operation '"
                    + order.operation() + "'");
        }
    }

    private static HttpRequest.BodyPublisher ofFile(Path file) throws SQLException {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw Errors.of(SqlState.IO_ERROR, "PUT: cannot read the local file '" + file + "'", e);
        }
    }

    private static void download(SluiceConnection connection, HttpTransport transport, Order order, Path file)
            throws SQLException {
        Path partial = null;
        try {
            // written beside the target and moved onto it, so a broken download leaves no partial file
            partial = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
            try (InputStream in = send(connection, transport, "GET", order, null, true).body()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, file);
        } catch (IOException e) {
            throw Errors.of(SqlState.IO_ERROR, "GET: cannot write the local file '" + order.localFile() + "': "
                    + e.getMessage(), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // best effort: a hidden .part file is all that is left
                }
            }
        }
    }

    /**
     * One exchange with the pre-signed URL, retried by the error table when its body can be sent again; a non-2xx
     * answer is read, closed and thrown.
     */
    private static HttpResponse<InputStream> send(SluiceConnection connection, HttpTransport transport, String method,
                                                  Order order, HttpRequest.BodyPublisher body, boolean repeatable)
            throws SQLException {
        String what = order.operation() + " {presigned_url}";
        try {
            if (!repeatable) {
                return exchange(transport, method, order, body);
            }
            return connection.resilience().callElsewhere(CallKind.IDEMPOTENT, what,
                    () -> exchange(transport, method, order, body));
        } catch (ApiException e) {
            throw Errors.of(SqlState.IO_ERROR, "volume operation " + order.operation() + " failed: HTTP "
                    + e.httpStatus() + (e.errorCode() == null ? "" : " " + e.errorCode())
                    + (e.serverMessage() == null ? "" : ": " + e.serverMessage()), e);
        } catch (IOException e) {
            throw Errors.of(SqlState.IO_ERROR, "volume operation " + order.operation() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static HttpResponse<InputStream> exchange(HttpTransport transport, String method, Order order,
                                                      HttpRequest.BodyPublisher body) throws IOException {
        HttpResponse<InputStream> response = transport.streamExternal(method, order.url(), order.headers(), body);
        if (response.statusCode() / 100 == 2) {
            return response;
        }
        byte[] error;
        try (InputStream in = response.body()) {
            error = in.readNBytes(MAX_ERROR_BODY);
        }
        throw ApiErrors.toException(response.statusCode(), response.headers(), error, method, "{presigned_url}",
                null);
    }

    /**
     * The local file, resolved, when it lies under one of the allowed directories.
     *
     * @throws SQLException 42501 naming the path when no directory is allowed, the path has a {@code ..} segment or
     *     it resolves (through symbolic links) outside every allowed directory; 22023 for a path that is not one
     */
    static Path allowedLocalFile(String local, String allowed) throws SQLException {
        if (local == null || local.isBlank()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "the volume operation names no local file");
        }
        List<Path> roots = allowedRoots(allowed);
        if (roots.isEmpty()) {
            throw Errors.of(SqlState.INSUFFICIENT_PRIVILEGE, "local file '" + local + "' is not allowed: no"
                    + " VolumeOperationAllowedLocalPaths are set, so volume commands may not touch local files");
        }
        Path given;
        try {
            given = Path.of(local);
        } catch (InvalidPathException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "'" + local + "' is not a local file path", e);
        }
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw Errors.of(SqlState.INSUFFICIENT_PRIVILEGE, "local file '" + local + "' is not allowed: a"
                        + " path with '..' is refused");
            }
        }
        Path real = real(given.toAbsolutePath().normalize(), local);
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return real;
            }
        }
        throw Errors.of(SqlState.INSUFFICIENT_PRIVILEGE, "local file '" + local + "' is not allowed: it is not"
                + " under VolumeOperationAllowedLocalPaths (after resolving symbolic links)");
    }

    /** The path with every symbolic link resolved; for a file not yet there, its directory's. */
    private static Path real(Path path, String local) throws SQLException {
        try {
            if (Files.exists(path)) {
                return path.toRealPath();
            }
            Path parent = path.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "the directory of local file '" + local
                        + "' does not exist");
            }
            return parent.toRealPath().resolve(path.getFileName());
        } catch (IOException e) {
            throw Errors.of(SqlState.IO_ERROR, "cannot resolve local file '" + local + "'", e);
        }
    }

    private static List<Path> allowedRoots(String allowed) throws SQLException {
        List<Path> roots = new ArrayList<>();
        if (allowed == null) {
            return roots;
        }
        for (String entry : allowed.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(e).toAbsolutePath().normalize();
                roots.add(Files.exists(p) ? p.toRealPath() : p);
            } catch (InvalidPathException | IOException ex) {
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "VolumeOperationAllowedLocalPaths entry '" + e
                        + "' is not a usable directory", ex);
            }
        }
        return roots;
    }

    /** The statement's result: one column {@code operation_status}, one row. */
    static SluiceResultSet status(SluiceStatement statement, String status) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {status});
        return ProcedureResults.rows(statement, List.of(ProcedureResults.column("operation_status", 0,
                JDBCType.VARCHAR)), rows);
    }
}
