package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.ResultCompression;
import dev.sluice.jdbc.internal.client.ResultFormat;
import dev.sluice.jdbc.internal.client.StatementRequest.Disposition;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.simulate.Simulation;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How statements of one connection ask for and read results, resolved once from its properties.
 *
 * @param disposition INLINE or INLINE_OR_EXTERNAL_LINKS
 * @param format JSON_ARRAY or ARROW_STREAM
 * @param compression LZ4_FRAME or NONE
 * @param waitTimeoutSeconds 0 (asynchronous) or 5..50 (hybrid)
 * @param maxPollIntervalMillis the longest pause between status polls
 * @param bufferBytes byte budget of chunks downloaded ahead of the reader
 * @param parallelDownloads external-link downloads in flight at once
 * @param defaultStringLength precision reported for STRING
 * @param resultOptions value presentation
 * @param timestampsAsWallClock TimestampAsWallClock: TIMESTAMP values as the official driver presents them
 */
record ExecutionSettings(Disposition disposition, ResultFormat format, ResultCompression compression,
                         int waitTimeoutSeconds,
                         long maxPollIntervalMillis, long bufferBytes, int parallelDownloads,
                         int defaultStringLength, ResultOptions resultOptions,
                         boolean timestampsAsWallClock) {

    private static final long MIN_AUTO_BUFFER = 16L << 20;
    /** About one Databricks Arrow chunk: the default budget is counted in these, per download stream. */
    private static final long AUTO_BUFFER_PER_STREAM = 16L << 20;
    private static final int MIN_AUTO_DOWNLOADS = 2;
    private static final int MAX_AUTO_DOWNLOADS = 16;

    /**
     * The default byte budget: enough for every download stream to have a chunk in flight plus two chunks
     * ready for the reader, and never more than a quarter of the heap (at least 16 MiB). It used to be a
     * quarter of the heap up to 256 MiB, which made a big heap slower: on 2 cores at -Xmx2g the fetcher ran
     * 17 chunks ahead, G1 kept ~270 MiB of humongous chunk arrays live, grew the heap into fresh memory and ran
     * a concurrent mark cycle after nearly every chunk, all for no gain, because the reader consumes the
     * chunks no faster than two streams deliver them (benchmarks/README.md has the GC-log evidence).
     */
    static long autoBufferBytes(int parallelDownloads, long maxHeapBytes) {
        long wanted = (parallelDownloads + 2L) * AUTO_BUFFER_PER_STREAM;
        return Math.max(MIN_AUTO_BUFFER, Math.min(wanted, maxHeapBytes / 4));
    }

    static ExecutionSettings from(ConnectionConfig c) throws SQLException {
        boolean download = ConnectionProperty.ENABLE_QUERY_RESULT_DOWNLOAD.booleanValue(c);
        boolean arrow = ConnectionProperty.ENABLE_ARROW.booleanValue(c) && download;
        boolean lz4 = ConnectionProperty.ENABLE_QUERY_RESULT_LZ4_COMPRESSION.booleanValue(c);
        int wait = ConnectionProperty.WAIT_TIMEOUT.intValue(c);
        if (wait != 0 && (wait < 5 || wait > 50)) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + wait
                    + "' for connection property WaitTimeout: expected 0 or 5..50 seconds");
        }
        int parallel = ConnectionProperty.CLOUD_FETCH_THREAD_POOL_SIZE.intValue(c);
        if (parallel == 0) {
            // measured on 2 cores: 2 parallel downloads read 12.3 M rows/s, 4 read 11.2 M (they take CPU from
            // the reader); remote storage, where each stream waits on the network, gains from more
            parallel = Math.max(MIN_AUTO_DOWNLOADS, Math.min(MAX_AUTO_DOWNLOADS,
                    Runtime.getRuntime().availableProcessors()));
        }
        long buffer = ConnectionProperty.RESULT_BUFFER_BYTES.longValue(c);
        if (buffer == 0) {
            buffer = autoBufferBytes(parallel, Runtime.getRuntime().maxMemory());
        }
        String tz = ConnectionProperty.TIMEZONE.get(c);
        ZoneId zone;
        try {
            // Databricks sessions run in UTC unless TIMEZONE says otherwise; this zone only matters when a
            // TIMESTAMP value arrives without a zone of its own.
            zone = tz == null ? ZoneOffset.UTC : ZoneId.of(tz);
        } catch (RuntimeException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value '" + tz + "' for connection property TIMEZONE: not a time zone id", e);
        }
        return new ExecutionSettings(
                arrow ? Disposition.INLINE_OR_EXTERNAL_LINKS : Disposition.INLINE,
                arrow ? ResultFormat.ARROW_STREAM : ResultFormat.JSON_ARRAY,
                arrow && lz4 ? ResultCompression.LZ4_FRAME : ResultCompression.NONE,
                wait,
                Simulation.of(c) == Simulation.REPLAY ? 0
                        : Math.max(1, ConnectionProperty.ASYNC_EXEC_POLL_INTERVAL.intValue(c)),
                buffer,
                parallel,
                ConnectionProperty.DEFAULT_STRING_COLUMN_LENGTH.intValue(c),
                new ResultOptions(zone, ConnectionProperty.ENABLE_COMPLEX_DATATYPE_SUPPORT.booleanValue(c)),
                ConnectionProperty.TIMESTAMP_AS_WALL_CLOCK.booleanValue(c));
    }
}
