package dev.sluice.jdbc.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The Files API of a workspace: files and directories in Unity Catalog volumes ({@code /Volumes/<catalog>/<schema>/
 * <volume>/...}). Reached as {@code connection.unwrap(SluiceWorkspace.class).files()}; thread-safe.
 *
 * <p>File contents are streamed both ways, never held whole in memory. Calls are retried as the connection's error
 * table says (429, 503, 5xx, lost connections), up to the response headers: an upload from a {@link Path} is
 * repeated when it failed in a way the table retries, because the file can be sent again; an upload from an
 * {@link InputStream} is sent once and fails at the first error, because a stream read once cannot be read again.
 * A download that breaks while its body is read is not resumed: read it again with a range.
 *
 * <p>Paths are absolute ({@code /Volumes/main/default/landing/2024/file.parquet}); segments {@code .} and
 * {@code ..} and empty segments are refused with an {@link IllegalArgumentException} before anything is sent.
 * The server's errors are {@link dev.sluice.jdbc.WorkspaceException}s keeping HTTP status and {@code error_code}
 * ({@code NOT_FOUND} 404, {@code ALREADY_EXISTS} 409, ...); other {@link IOException}s mean the server could not
 * be reached or the local file could not be read or written.
 */
public interface FilesClient {
    /**
     * Uploads a local file ({@code PUT /api/2.0/fs/files{path}}), creating missing parent directories.
     *
     * @param overwrite false to fail with 409 {@code ALREADY_EXISTS} when the file exists
     */
    void upload(String path, Path source, boolean overwrite) throws IOException;

    /**
     * Uploads the rest of a stream, sent once and never repeated (see the class comment). The stream is read to its
     * end but not closed.
     *
     * @param length the number of bytes the stream holds, or -1 when unknown (then sent chunked)
     */
    void upload(String path, InputStream source, long length, boolean overwrite) throws IOException;

    /** Downloads a file ({@code GET}); the caller reads and closes the stream. */
    InputStream download(String path) throws IOException;

    /**
     * Downloads part of a file: {@code length} bytes from {@code offset} ({@code Range: bytes=...}), or to the end
     * when {@code length} is -1.
     */
    InputStream download(String path, long offset, long length) throws IOException;

    /** Downloads a file into a local file, replacing it when {@code overwrite}; returns the bytes written. */
    long download(String path, Path target, boolean overwrite) throws IOException;

    /** A file's size, last modification and content type ({@code HEAD}). */
    FileMetadata metadata(String path) throws IOException;

    /** Deletes a file. */
    void delete(String path) throws IOException;

    /**
     * The entries of a directory, fetched page by page as the stream is consumed
     * ({@code GET /api/2.0/fs/directories{path}}). A failure while fetching a later page is an
     * {@link java.io.UncheckedIOException} around the {@link IOException}.
     */
    Stream<DirectoryEntry> list(String directory) throws IOException;

    /** As {@link #list(String)}, asking for pages of {@code pageSize} entries. */
    Stream<DirectoryEntry> list(String directory, int pageSize) throws IOException;

    /** Creates a directory and its missing parents ({@code PUT /api/2.0/fs/directories{path}}); idempotent. */
    void createDirectory(String directory) throws IOException;

    /** Deletes an empty directory ({@code DELETE /api/2.0/fs/directories{path}}). */
    void deleteDirectory(String directory) throws IOException;
}
