package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.arrow.ArrowChunkReader;
import dev.sluice.jdbc.internal.arrow.Lz4Frames;
import dev.sluice.jdbc.internal.client.ChunkFetcher;
import dev.sluice.jdbc.internal.client.ChunkPayload;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.client.DirectChunkPool;
import dev.sluice.jdbc.internal.client.PrefetchOptions;
import dev.sluice.jdbc.internal.client.ResultFormat;
import dev.sluice.jdbc.internal.client.ResultManifest;
import dev.sluice.jdbc.internal.client.SharedBudget;
import dev.sluice.jdbc.internal.client.StatementResponse;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.observe.Failures;
import dev.sluice.jdbc.internal.result.JsonRowBatch;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.RowBatch;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Decodes the chunks of a succeeded statement into batches, in order: JSON rows become one batch per
 * chunk; Arrow chunks are LZ4-decompressed if needed and read batch by batch. Chunk fetching (inline,
 * attachment or external links, ahead of the reader within the byte budget) is the fetcher's work.
 */
final class ResultStreams implements BatchSource {
    private static final Semaphore DECODERS =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    /**
     * The smallest byte budget at which LZ4 chunks are decompressed on the fetch threads. Below it (the default
     * budget in a heap under 128 MiB) the reader decompresses each chunk when it reaches it: a fetch thread that
     * decompresses holds the framed chunk and its decompressed copy at once, beside the reader's chunk and the one
     * before it, four chunk-sized arrays (about 60 MiB with Databricks' chunks) that ran -Xmx64m out of heap.
     * Below it, too, chunks are read ahead into the JVM's {@link DirectChunkPool} rather than the heap: the budget
     * holds only one chunk, which left one download at a time. Above it the heap holds the read-ahead, which
     * measured faster than copying each chunk out of a direct buffer on the reader's thread.
     */
    static final long FETCH_SIDE_DECODE_BUDGET = 32L << 20;

    /** Up to this many chunks an inline JSON result fetches only as many at once as there are download streams. */
    static final int JSON_SHORT_RESULT_CHUNKS = 16;

    private final ChunkFetcher fetcher;
    private final List<ColumnInfo> columns;
    private final ResultOptions options;
    private final String statementId;
    private ArrowChunkReader reader;
    /** The uncompressed chunks opened last and the one before: see {@link ChunkFetcher#recycle}. */
    private ChunkPayload lastOpened;
    private ChunkPayload leftBehind;
    /** A JSON chunk taken early by {@link #nullability()}, returned by the next {@link #next()}. */
    private RowBatch pending;
    private boolean started;
    private boolean closed;
    private boolean[] nullability;

    private ResultStreams(ChunkFetcher fetcher, List<ColumnInfo> columns, ResultOptions options, String statementId) {
        this.fetcher = fetcher;
        this.columns = columns;
        this.options = options;
        this.statementId = statementId;
    }

    static BatchSource open(SluiceConnection connection, StatementResponse response) throws SQLException {
        ResultManifest manifest = response.manifest();
        if (manifest == null || manifest.columns().isEmpty() || manifest.totalChunkCount() == 0) {
            return BatchSource.of();
        }
        if (manifest.format() != ResultFormat.ARROW_STREAM && manifest.format() != ResultFormat.JSON_ARRAY) {
            throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "the server sent results as " + manifest.format()
                    + "; only ARROW_STREAM and JSON_ARRAY can be read");
        }
        ExecutionSettings s = connection.settings();
        boolean json = manifest.format() == ResultFormat.JSON_ARRAY;
        int fetches = json ? jsonFetches(manifest.totalChunkCount(), s.parallelDownloads()) : s.parallelDownloads();
        PrefetchOptions prefetch = PrefetchOptions.of(s.bufferBytes(), fetches).withShared(SharedBudget.jvm());
        if (s.bufferBytes() >= FETCH_SIDE_DECODE_BUDGET) {
            prefetch = prefetch.withDecoder(ResultStreams::unframe);
        } else {
            // the budget holds one chunk: read ahead in direct buffers instead (benchmarks/README.md, "Fourth look")
            prefetch = prefetch.withDirect(DirectChunkPool.jvm());
        }
        if (json) {
            // the numeric columns' arrays are built on the fetch threads, not at the reader's openChunk
            ResultOptions options = s.resultOptions();
            prefetch = prefetch.withRowsPreparer(rows -> new JsonRowBatch(rows, manifest.columns(), options));
        }
        ChunkFetcher fetcher = ChunkFetcher.start(connection.client(), response.statementId(), manifest,
                response.result(), prefetch);
        return new ResultStreams(fetcher, manifest.columns(), s.resultOptions(), response.statementId());
    }

    /**
     * How many inline JSON chunks are fetched at once. Each is an API call that mostly waits for the server's answer
     * (a JFR profile of 2 M rows over loopback: the two fetch threads parked 9.8 s of a 13 s run on it, the reader
     * 5.4 s on them), so a long result keeps twice as many in flight as download streams: on 2 cores 4 fetches read
     * 2 M rows 10-15 % faster than 2. A short one does not: the reader's next chunk then shares the cores with the
     * extra fetches: 200 k rows (8 chunks) read 8-17 % faster cold with 2 in flight than with 4, and the peak heap
     * per JSON byte fell from 3.7-4.4 to 2.1-2.6 (benchmarks/README.md, "Fifth look"). A manifest without a chunk
     * count is taken as long.
     */
    static int jsonFetches(int totalChunkCount, int parallelDownloads) {
        return totalChunkCount >= 0 && totalChunkCount <= JSON_SHORT_RESULT_CHUNKS ? parallelDownloads
                : 2 * parallelDownloads;
    }

    /**
     * Runs on the fetch threads; a corrupt frame travels as the cause and is rethrown by {@link #take()}.
     * Decoding is CPU work that competes with the reader, so at most one core less than the machine has
     * decodes at a time: on 2 cores four concurrent decodes starved the reader and cost a quarter of the
     * LZ4 throughput, while downloads (I/O) may still run ahead in parallel.
     */
    private static ByteBuffer unframe(byte[] framed) throws IOException {
        try {
            DECODERS.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to decompress a chunk");
        }
        try {
            Lz4Frames.Decompressed d = Lz4Frames.decompressToBuffer(framed, 0, framed.length);
            return ByteBuffer.wrap(d.buffer(), 0, d.length());
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            DECODERS.release();
        }
    }

    @Override
    public RowBatch next() throws SQLException {
        while (true) {
            if (pending != null) {
                RowBatch b = pending;
                pending = null;
                return b;
            }
            if (reader != null) {
                RowBatch b = reader.next();
                if (b != null) {
                    return b;
                }
                reader = null;
            }
            if (!openChunk()) {
                return null;
            }
        }
    }

    /**
     * The first Arrow chunk's schema decides; taken from the first chunk even when {@link #next()} has not
     * run yet, so {@code getMetaData} before the first row answers the same as after it.
     */
    @Override
    public boolean[] nullability() throws SQLException {
        if (!started && !closed) {
            openChunk();
        }
        return nullability == null ? null : nullability.clone();
    }

    /** Takes the next chunk into {@link #reader} or {@link #pending}; false at the end of the result. */
    private boolean openChunk() throws SQLException {
        ChunkPayload payload = take();
        boolean first = !started;
        started = true;
        if (payload == null) {
            return false;
        }
        if (payload.kind() == ChunkPayload.Kind.ROWS) {
            fetcher.release(payload);
            pending = new JsonRowBatch(payload.rows(), columns, options);
            return true;
        }
        byte[] bytes = payload.bytes();
        if (payload.lz4Framed()) {
            Lz4Frames.Decompressed d = Lz4Frames.decompressToBuffer(bytes, 0, payload.length());
            fetcher.release(payload);
            reader = new ArrowChunkReader(d.buffer(), 0, d.length(), columns, options);
        } else {
            reader = new ArrowChunkReader(bytes, 0, payload.length(), columns, options);
            // a chunk's batches read its array in place, and the result set may still be reading the last batch
            // of the previous chunk (isLast() looks one batch ahead): only the chunk before that is certainly left,
            // and its array becomes the target of the download that this release lets start
            fetcher.release(payload, leftBehind);
            if (fetcher.keepsSpares()) {
                leftBehind = lastOpened;
                lastOpened = payload;
            }
        }
        if (first) {
            nullability = reader.nullability();
        }
        return true;
    }

    /** The next chunk; a failure that ends the read is reported once, here, where it reaches the application. */
    private ChunkPayload take() throws SQLException {
        try {
            return nextChunk();
        } catch (SQLException e) {
            Failures.report(Failures.FETCH, e.getSQLState(), statementId, ServerErrors.errorClassOf(e), null);
            throw e;
        }
    }

    private ChunkPayload nextChunk() throws SQLException {
        try {
            return fetcher.next();
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw Errors.of(SqlState.OPERATION_CANCELED, "interrupted while reading the result of statement "
                    + statementId, e);
        } catch (IOException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof SQLException) {
                    throw (SQLException) t;
                }
            }
            throw ServerErrors.from(e, "read the result of statement " + statementId, false);
        }
    }

    @Override
    public void close() {
        closed = true;
        pending = null;
        reader = null;
        lastOpened = null;
        leftBehind = null;
        fetcher.close();
    }
}
