package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a bulk load stages its files: the volume directory ({@code /Volumes/<catalog>/<schema>/<volume>[/dir]}), the
 * load id that names the staged files ({@code <staging>/<loadId>/part-00000.parquet}, ...), rows and bytes per
 * file, upload threads and the Parquet codec. Immutable.
 *
 * <p>The load id is what makes a load exactly-once: files are named by it and by their position in the rows, so
 * the same rows loaded again with the same id are the same files, and COPY INTO skips files it already loaded into
 * the table. Give your own id (say, the batch's business key) when you retry a load after an error; the default is
 * a new random id per load, which makes each call a new load.
 */
public final class BulkOptions {

    /** Page compression of the staged Parquet files. */
    public enum Compression { SNAPPY, GZIP, NONE }

    private static final Pattern VOLUME = Pattern.compile("/Volumes/[^/]+/[^/]+/[^/]+(/[^/]+)*/?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final String staging;
    private final String loadId;
    private final long rowsPerFile;
    private final long bytesPerFile;
    private final int uploadThreads;
    private final Compression codec;

    private BulkOptions(String staging, String loadId, long rowsPerFile, long bytesPerFile, int uploadThreads,
                        Compression codec) {
        this.staging = staging;
        this.loadId = loadId;
        this.rowsPerFile = rowsPerFile;
        this.bytesPerFile = bytesPerFile;
        this.uploadThreads = uploadThreads;
        this.codec = codec;
    }

    /**
     * Staging under a volume directory, e.g. {@code /Volumes/main/etl/staging}; the volume must exist and the
     * connection's user must be allowed to write it. Defaults: a random load id, 1 000 000 rows or 128 MB of
     * uncompressed values per file (whichever comes first), 2 upload threads, SNAPPY.
     */
    public static BulkOptions staging(String volumeDirectory) {
        requireNonNull(volumeDirectory, "volumeDirectory is null");
        if (!VOLUME.matcher(volumeDirectory).matches() || volumeDirectory.contains("/./")
                || volumeDirectory.contains("/../") || volumeDirectory.endsWith("/..")) {
            throw new IllegalArgumentException("staging must be a volume directory /Volumes/<catalog>/<schema>/<volume>"
                    + "[/dir], not " + volumeDirectory);
        }
        String dir = volumeDirectory.endsWith("/") ? volumeDirectory.substring(0, volumeDirectory.length() - 1)
                : volumeDirectory;
        return new BulkOptions(dir, null, 1_000_000, 128L << 20, 2, Compression.SNAPPY);
    }

    /** The load id naming the staged files (letters, digits, '-' and '_'); the same id for a retry of the load. */
    public BulkOptions loadId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a load id is 1 to 128 letters, digits, '-' or '_', not " + id);
        }
        return new BulkOptions(staging, id, rowsPerFile, bytesPerFile, uploadThreads, codec);
    }

    /** Cuts a file after this many rows or this many bytes of uncompressed values, whichever comes first. */
    public BulkOptions fileSize(long rows, long bytes) {
        if (rows < 1 || bytes < 1024) {
            throw new IllegalArgumentException("a file holds at least 1 row and 1024 bytes: " + rows + ", " + bytes);
        }
        return new BulkOptions(staging, loadId, rows, bytes, uploadThreads, codec);
    }

    public BulkOptions uploadThreads(int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("upload threads must be 1 to 64, not " + threads);
        }
        return new BulkOptions(staging, loadId, rowsPerFile, bytesPerFile, threads, codec);
    }

    public BulkOptions compression(Compression c) {
        return new BulkOptions(staging, loadId, rowsPerFile, bytesPerFile, uploadThreads, requireNonNull(c, "codec is null"));
    }

    public String staging() {
        return staging;
    }

    /** The load id given, or a new random one for each load. */
    String loadIdOrNew() {
        return loadId != null ? loadId : UUID.randomUUID().toString();
    }

    long rowsPerFile() {
        return rowsPerFile;
    }

    long bytesPerFile() {
        return bytesPerFile;
    }

    int uploadThreads() {
        return uploadThreads;
    }

    Compression compression() {
        return codec;
    }
}
