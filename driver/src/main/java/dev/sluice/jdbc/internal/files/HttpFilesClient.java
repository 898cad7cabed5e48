package dev.sluice.jdbc.internal.files;

import dev.sluice.jdbc.files.DirectoryEntry;
import dev.sluice.jdbc.files.FileMetadata;
import dev.sluice.jdbc.files.FilesClient;
import dev.sluice.jdbc.internal.workspace.RestCalls;
import dev.sluice.jdbc.internal.workspace.RestJson;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** The Files API 2.0 over a workspace's {@link RestCalls}: bodies streamed through the connection's transport. */
public final class HttpFilesClient implements FilesClient {
    private static final String FILES = "/api/2.0/fs/files";
    private static final String DIRECTORIES = "/api/2.0/fs/directories";
    private static final Map<String, String> OCTETS = Map.of("Content-Type", "application/octet-stream");

    private final RestCalls calls;

    public HttpFilesClient(RestCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls is null");
    }

    @Override
    public void upload(String path, Path source, boolean overwrite) throws IOException {
        Objects.requireNonNull(source, "source is null");
        if (!Files.isRegularFile(source)) {
            throw new IOException("cannot upload " + source + ": not a readable regular file");
        }
        // ofFile opens the file again on every subscription, so a retried PUT sends it whole again
        put(path, HttpRequest.BodyPublishers.ofFile(source), true, overwrite);
    }

    @Override
    public void upload(String path, InputStream source, long length, boolean overwrite) throws IOException {
        Objects.requireNonNull(source, "source is null");
        AtomicBoolean given = new AtomicBoolean();
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            if (given.getAndSet(true)) {
                throw new IllegalStateException("a one-shot upload stream cannot be sent twice");
            }
            return new UnclosedInputStream(source);
        });
        if (length == 0) {
            put(path, HttpRequest.BodyPublishers.noBody(), true, overwrite);
        } else {
            put(path, length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length), false,
                    overwrite);
        }
    }

    private void put(String path, HttpRequest.BodyPublisher body, boolean repeatable, boolean overwrite)
            throws IOException {
        String target = checked(path);
        try (InputStream answer = calls.stream("PUT", FILES + encodePath(target), FILES + "{path}",
                "overwrite=" + overwrite, OCTETS, body, repeatable).body()) {
            answer.transferTo(OutputStream.nullOutputStream());
        }
    }

    @Override
    public InputStream download(String path) throws IOException {
        String target = checked(path);
        return calls.stream("GET", FILES + encodePath(target), FILES + "{path}", null, Map.of(), null, true).body();
    }

    @Override
    public InputStream download(String path, long offset, long length) throws IOException {
        String target = checked(path);
        if (offset < 0 || length < -1 || length == 0) {
            throw new IllegalArgumentException("bad range of " + path + ": offset " + offset + ", length " + length);
        }
        String range = "bytes=" + offset + "-" + (length < 0 ? "" : Long.toString(offset + length - 1));
        return calls.stream("GET", FILES + encodePath(target), FILES + "{path}", null, Map.of("Range", range), null,
                true).body();
    }

    @Override
    public long download(String path, Path target, boolean overwrite) throws IOException {
        Objects.requireNonNull(target, "target is null");
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "the local file exists");
        }
        Path parent = target.toAbsolutePath().getParent();
        // written beside the target and moved over it, so a broken download never leaves a partial file behind
        Path partial = Files.createTempFile(parent, "." + target.getFileName(), ".part");
        try {
            long bytes;
            try (InputStream in = download(path)) {
                bytes = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (overwrite) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(partial, target);
            }
            return bytes;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public FileMetadata metadata(String path) throws IOException {
        String target = checked(path);
        HttpResponse<InputStream> answer = calls.stream("HEAD", FILES + encodePath(target), FILES + "{path}", null,
                Map.of(), null, true);
        answer.body().close();
        long size = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        Instant modified = answer.headers().firstValue("Last-Modified").map(HttpFilesClient::httpDate).orElse(null);
        return new FileMetadata(size, modified, answer.headers().firstValue("Content-Type").orElse(null));
    }

    @Override
    public void delete(String path) throws IOException {
        String target = checked(path);
        calls.call("DELETE", FILES + encodePath(target), FILES + "{path}", null, null);
    }

    @Override
    public Stream<DirectoryEntry> list(String directory) throws IOException {
        return list(directory, 0);
    }

    @Override
    public Stream<DirectoryEntry> list(String directory, int pageSize) throws IOException {
        String target = checked(directory);
        if (pageSize < 0) {
            throw new IllegalArgumentException("page size must not be negative, got " + pageSize);
        }
        String query = pageSize == 0 ? null : "page_size=" + pageSize;
        return calls.pagedGet(DIRECTORIES + encodePath(target), DIRECTORIES + "{path}", query, "contents")
                .map(HttpFilesClient::entry);
    }

    @Override
    public void createDirectory(String directory) throws IOException {
        String target = checked(directory);
        calls.call("PUT", DIRECTORIES + encodePath(target), DIRECTORIES + "{path}", null, null);
    }

    @Override
    public void deleteDirectory(String directory) throws IOException {
        String target = checked(directory);
        calls.call("DELETE", DIRECTORIES + encodePath(target), DIRECTORIES + "{path}", null, null);
    }

    private static DirectoryEntry entry(Map<String, Object> item) {
        String path = RestJson.string(item, "path");
        String name = RestJson.string(item, "name");
        if (name == null && path != null) {
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
        boolean directory = Boolean.TRUE.equals(item.get("is_directory"));
        long size = item.get("file_size") instanceof Number n ? n.longValue() : 0;
        Instant modified = item.get("last_modified") instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
        return new DirectoryEntry(path, name, directory, size, modified);
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The path as given when it is absolute and has no {@code .}, {@code ..} or empty segment.
     *
     * @throws IllegalArgumentException naming the path otherwise
     */
    public static String checked(String path) {
        Objects.requireNonNull(path, "path is null");
        if (!path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("file path '" + path + "' is not absolute (e.g. /Volumes/c/s/v/f)");
        }
        String body = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("file path '" + path + "' has an empty, '.' or '..' segment");
            }
        }
        return path;
    }

    /** Percent-encodes each segment of an absolute path, keeping the slashes between them. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-'
                    || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** The caller's stream, which the HTTP client may close when the body is sent: the caller closes it. */
    private static final class UnclosedInputStream extends FilterInputStream {
        UnclosedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
