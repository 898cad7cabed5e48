package dev.sluice.bench.probe;

import java.io.PrintStream;

/**
 * The one line a child prints on stdout for the harness. Keys are fixed; the message, if any, comes last
 * and is flattened to one line.
 */
public final class ProbeResult {
    public static final String PREFIX = "SLUICE-BENCH-RESULT ";

    private ProbeResult() {
    }

    /** {@code warmReadNanos} is 0 when the reader made only the one (cold) pass. */
    static void ok(long rows, long checksum, long readNanos, long warmReadNanos, long firstRowEpochMs,
                   long peakLiveBytes) {
        print("status=OK rows=" + rows + " checksum=" + checksum + " readNanos=" + readNanos
                + " warmReadNanos=" + warmReadNanos + " firstRowEpochMs=" + firstRowEpochMs
                + " peakLiveBytes=" + peakLiveBytes);
    }

    static void failed(Throwable t, long rows) {
        String status = causedByOutOfMemory(t) ? "OOM" : "ERROR";
        String message = String.valueOf(t).replaceAll("\\s+", " ");
        print("status=" + status + " rows=" + rows + " message=" + message);
    }

    private static boolean causedByOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError || String.valueOf(c.getMessage()).contains("OutOfMemoryError")) {
                return true;
            }
        }
        return false;
    }

    private static void print(String line) {
        PrintStream out = System.out;
        out.println(PREFIX + line);
        out.flush();
    }
}
