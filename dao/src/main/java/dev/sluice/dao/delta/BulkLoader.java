package dev.sluice.dao.delta;

import dev.sluice.dao.internal.parquet.Codec;
import dev.sluice.dao.internal.parquet.ParquetWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bulk load: rows streamed into Parquet files on the caller's thread, files written and uploaded to the
 * staging directory by a small pool while the next file fills, then one statement loads them all (COPY INTO for an
 * append, INSERT OVERWRITE ... read_files for an overwrite, MERGE ... read_files for an upsert), then the staged
 * files are removed, whether the load succeeded or not.
 *
 * <p>A load statement whose answer was lost (connection dropped, SQLSTATE 08xxx or 58030) is sent again, up to
 * {@link #LOAD_ATTEMPTS} times in all: COPY INTO skips the files it already loaded, and an overwrite or upsert of
 * the same files gives the same table, so a repeat cannot load rows twice.
 */
final class BulkLoader {

    enum Mode { APPEND, OVERWRITE, MERGE }

    /** Where staged files go: the Files API of the connection's workspace. */
    interface Stage {
        void upload(String path, Path file) throws IOException;

        /** Removes a file; a file that is not there is not an error. */
        void delete(String path) throws IOException;

        /** Removes an empty directory; one that is not there is not an error. */
        void deleteDirectory(String path) throws IOException;
    }

    static final int LOAD_ATTEMPTS = 3;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BulkLoader.class);

    private final TableName table;
    private final Stage stage;
    private final BulkOptions options;

    BulkLoader(TableName table, Stage stage, BulkOptions options) {
        this.table = table;
        this.stage = stage;
        this.options = options;
    }

    BulkLoadResult load(Connection c, StructType schema, BulkRows rows, Mode mode, List<String> keys)
            throws SQLException {
        long start = System.nanoTime();
        List<String> columns = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String col : rows.columns()) {
            Optional<StructField> f = schema.field(col);
            if (f.isEmpty()) {
                unknown.add(col);
            } else {
                columns.add(f.get().name());
                types.add(f.get().type());
            }
        }
        if (!unknown.isEmpty()) {
            throw DeltaErrors.schemaConflict("rows do not fit " + table + ": no column " + unknown
                    + " in the table (evolve its schema first)");
        }
        for (String k : keys) {
            if (columns.stream().noneMatch(x -> x.equalsIgnoreCase(k))) {
                throw DeltaErrors.invalid("merge key " + k + " is not one of the rows' columns " + columns);
            }
        }
        String loadId = options.loadIdOrNew();
        String dir = options.staging() + "/" + loadId;
        Codec codec = switch (options.compression()) {
            case SNAPPY -> Codec.SNAPPY;
            case GZIP -> Codec.GZIP;
            case NONE -> Codec.UNCOMPRESSED;
        };
        Uploads uploads = new Uploads(dir);
        long rowCount = 0;
        long encodeEnd;
        long loadStart;
        long loadEnd;
        long loaded = 0;
        int attempts = 0;
        SQLException primary = null;
        try {
            BulkRows.Source source = rows.open(types);
            ParquetWriter w = null;
            Object[] row;
            while ((row = source.next()) != null) {
                if (w == null) {
                    w = new ParquetWriter(columns, types, codec);
                }
                try {
                    w.row(row);
                } catch (ArithmeticException e) {
                    throw new SQLDataException("row " + (rowCount + 1) + ": " + e.getMessage(), "22003", e);
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw new SQLDataException("row " + (rowCount + 1) + ": " + e.getMessage(), "22018", e);
                }
                rowCount++;
                if (w.rows() >= options.rowsPerFile() || w.bufferedBytes() >= options.bytesPerFile()) {
                    uploads.submit(w);
                    w = null;
                }
            }
            if (w != null) {
                uploads.submit(w);
            }
            encodeEnd = System.nanoTime();
            uploads.await();
            loadStart = System.nanoTime();
            if (rowCount > 0 || mode == Mode.OVERWRITE) {
                for (attempts = 1; ; attempts++) {
                    try {
                        loaded = Statements.update(c, statement(mode, dir, columns, keys, rowCount == 0));
                        break;
                    } catch (SQLException e) {
                        if (attempts >= LOAD_ATTEMPTS || !answerLost(e)) {
                            throw e;
                        }
                        LOG.warn("{}: the answer to bulk load {} was lost ({}); sending it again (attempt {} of {}):"
                                + " files already loaded are skipped", table, loadId, e.getSQLState(), attempts + 1,
                                LOAD_ATTEMPTS);
                    }
                }
            }
            loadEnd = System.nanoTime();
        } catch (SQLException e) {
            primary = e;
            throw e;
        } catch (RuntimeException e) {
            primary = new SQLException("bulk load into " + table + " failed: " + e.getMessage(), "58000", e);
            throw primary;
        } finally {
            uploads.cleanup(primary);
        }
        long end = System.nanoTime();
        return new BulkLoadResult(loadId, rowCount, loaded, uploads.files(), uploads.bytes.get(),
                Duration.ofNanos(encodeEnd - start), uploads.span(), Duration.ofNanos(loadEnd - loadStart),
                Duration.ofNanos(end - loadEnd), Duration.ofNanos(end - start), attempts);
    }

    /** A lost answer: the statement may or may not have run (the driver does not resend a statement itself). */
    static boolean answerLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException || e instanceof SQLTransientException
                && !(e instanceof java.sql.SQLTimeoutException) && !(e instanceof java.sql.SQLTransactionRollbackException)
                || state != null && (state.startsWith("08") || state.equals("58030"));
    }

    private Sql statement(Mode mode, String dir, List<String> columns, List<String> keys, boolean noRows) {
        String files = "read_files(" + Sql.literal(dir) + ", format => 'parquet')";
        Sql sql = new Sql();
        switch (mode) {
            case APPEND -> sql.append("COPY INTO ").append(table.sql()).append(" FROM ").append(Sql.literal(dir))
                    .append(" FILEFORMAT = PARQUET");
            case OVERWRITE -> {
                if (noRows) {
                    return sql.append("DELETE FROM ").append(table.sql());
                }
                sql.append("INSERT OVERWRITE ").append(table.sql()).append(" (").columnList(columns)
                        .append(") SELECT ").columnList(columns).append(" FROM ").append(files);
            }
            case MERGE -> {
                sql.append("MERGE INTO ").append(table.sql()).append(" AS `t` USING (SELECT * FROM ").append(files)
                        .append(") AS `s` ON ");
                for (int i = 0; i < keys.size(); i++) {
                    String k = Sql.quote(keys.get(i));
                    sql.append(i > 0 ? " AND " : "").append("`t`." + k + " = `s`." + k);
                }
                List<String> rest = columns.stream().filter(col -> keys.stream().noneMatch(col::equalsIgnoreCase))
                        .toList();
                if (!rest.isEmpty()) {
                    sql.append(" WHEN MATCHED THEN UPDATE SET ");
                    for (int i = 0; i < rest.size(); i++) {
                        String q = Sql.quote(rest.get(i));
                        sql.append(i > 0 ? ", " : "").append("`t`." + q + " = `s`." + q);
                    }
                }
                sql.append(" WHEN NOT MATCHED THEN INSERT (").columnList(columns).append(") VALUES (");
                for (int i = 0; i < columns.size(); i++) {
                    sql.append(i > 0 ? ", " : "").append("`s`." + Sql.quote(columns.get(i)));
                }
                sql.append(")");
            }
            default -> throw new IllegalStateException(mode.name());
        }
        return sql;
    }

    /** The files in flight: written and uploaded by a pool, at most threads + 1 held in memory at once. */
    private final class Uploads {
        private final String dir;
        private final ExecutorService pool;
        private final Semaphore slots;
        private final List<Future<?>> futures = new ArrayList<>();
        private final List<String> staged = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

        Uploads(String dir) {
            this.dir = dir;
            int threads = options.uploadThreads();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "sluice-bulk-upload");
                t.setDaemon(true);
                return t;
            });
            this.slots = new Semaphore(threads + 1);
        }

        int files() {
            return futures.size();
        }

        Duration span() {
            long s = firstStart.get();
            long e = lastEnd.get();
            return s == Long.MAX_VALUE || e < s ? Duration.ZERO : Duration.ofNanos(e - s);
        }

        void submit(ParquetWriter w) throws SQLException {
            failFast();
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("bulk load into " + table + " interrupted", "57014", e);
            }
            String path = dir + String.format(Locale.ROOT, "/part-%05d.parquet", futures.size());
            staged.add(path);
            futures.add(pool.submit(() -> {
                long s = System.nanoTime();
                firstStart.accumulateAndGet(s, Math::min);
                Path tmp = null;
                try {
                    tmp = Files.createTempFile("sluice-bulk-", ".parquet");
                    long n;
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                        n = w.finish(out);
                    }
                    stage.upload(path, tmp);
                    bytes.addAndGet(n);
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    return null;
                } finally {
                    if (tmp != null) {
                        Files.deleteIfExists(tmp);
                    }
                    slots.release();
                }
            }));
        }

        /** Stops encoding as soon as an upload failed. */
        private void failFast() throws SQLException {
            for (Future<?> f : futures) {
                if (f.isDone()) {
                    get(f);
                }
            }
        }

        void await() throws SQLException {
            for (Future<?> f : futures) {
                get(f);
            }
        }

        private void get(Future<?> f) throws SQLException {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("bulk load into " + table + " interrupted", "57014", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException s) {
                    throw s;
                }
                throw new SQLException("staging a file of the bulk load into " + table + " under " + dir
                        + " failed: " + cause, cause instanceof IOException ? "58030" : "58000", cause);
            }
        }

        /** Waits for every upload to stop, then removes every staged file and the load's directory. */
        void cleanup(SQLException primary) {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                    LOG.warn("{}: uploads of bulk load {} did not stop; staged files may remain", table, dir);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> paths;
            synchronized (staged) {
                paths = List.copyOf(staged);
            }
            for (String p : paths) {
                try {
                    stage.delete(p);
                } catch (IOException | RuntimeException e) {
                    cleanupFailed(primary, p, e);
                }
            }
            try {
                stage.deleteDirectory(dir);
            } catch (IOException | RuntimeException e) {
                cleanupFailed(primary, dir, e);
            }
        }

        private void cleanupFailed(SQLException primary, String path, Exception e) {
            LOG.warn("{}: could not remove staged {}: {}", table, path, e.toString());
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }
}
