package dev.sluice.bench;

import java.nio.file.Path;

/**
 * What one child JVM run produced. Only {@link Status#OK} runs count in medians; the others are reported
 * with their reason and log file.
 */
record RunResult(Reader reader, Compression compression, String heap, Status status, long rows,
                 long readNanos, long warmReadNanos, long firstRowMillis, long peakLiveBytes, long linkRequests,
                 long downloads, String message, Path log) {

    enum Status {
        /** Every row read, checksum as expected. */
        OK,
        /** Read to the end but the row count or the checksum is wrong. */
        WRONG,
        /** Ran out of heap (reported by the child or seen in its output). */
        OOM,
        /** Killed after the time limit. */
        TIMEOUT,
        /** Failed with an exception, or exited without a result line. */
        ERROR
    }

    double rowsPerSecond() {
        return readNanos > 0 ? rows * 1e9 / readNanos : 0;
    }

    /** Best of the warm passes (ceiling readers only), 0 when not measured. */
    double warmRowsPerSecond() {
        return warmReadNanos > 0 ? rows * 1e9 / warmReadNanos : 0;
    }

    boolean ok() {
        return status == Status.OK;
    }
}
