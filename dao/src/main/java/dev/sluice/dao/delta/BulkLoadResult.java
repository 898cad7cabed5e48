package dev.sluice.dao.delta;

import dev.sluice.jdbc.simulate.SkippedAction;
import java.time.Duration;
import java.util.List;

/**
 * What a bulk load did: the rows written and loaded, the Parquet files staged and their bytes, and the time of
 * each phase. {@code encode} is turning rows into Parquet (on the caller's thread), {@code upload} the staging of
 * files in parallel (overlapping {@code encode}; the time from the first upload to the last), {@code load} the
 * one loading statement including its retries, {@code cleanup} removing the staged files. {@code rowsLoaded} is
 * what the warehouse reported for this load's statement: on a retry after a lost answer COPY INTO skips the files
 * the first attempt loaded, so it can be lower than {@code rows} although every row is in the table once.
 */
public record BulkLoadResult(String loadId, long rows, long rowsLoaded, int files, long bytes, Duration encode,
                             Duration upload, Duration load, Duration cleanup, Duration total, int loadAttempts,
                             List<SkippedAction> planned) {

    /**
     * @param planned as {@link MergeResult#planned()}: on a {@code Simulation=dry-run} connection the staging
     *     uploads, the loading statement and the clean-up that were skipped, in order ({@code rowsLoaded} is then 0);
     *     empty when the load ran
     */
    public BulkLoadResult {
        planned = List.copyOf(planned);
    }

    public BulkLoadResult(String loadId, long rows, long rowsLoaded, int files, long bytes, Duration encode,
                          Duration upload, Duration load, Duration cleanup, Duration total, int loadAttempts) {
        this(loadId, rows, rowsLoaded, files, bytes, encode, upload, load, cleanup, total, loadAttempts, List.of());
    }

    BulkLoadResult planned(List<SkippedAction> skipped) {
        return new BulkLoadResult(loadId, rows, rowsLoaded, files, bytes, encode, upload, load, cleanup, total,
                loadAttempts, skipped);
    }

    /** True when nothing was executed (a {@code Simulation=dry-run} connection). */
    public boolean simulated() {
        return !planned.isEmpty();
    }

    /** Rows per second, end to end (rows in hand to rows committed). */
    public double rowsPerSecond() {
        double s = total.toNanos() / 1e9;
        return s <= 0 ? 0 : rows / s;
    }
}
