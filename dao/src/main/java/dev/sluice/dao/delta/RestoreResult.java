package dev.sluice.dao.delta;

import dev.sluice.jdbc.simulate.SkippedAction;
import java.util.List;

/** The metrics of {@code RESTORE TABLE}, as Databricks returns them. */
public record RestoreResult(long tableSizeAfterRestore, long numOfFilesAfterRestore, long numRemovedFiles,
                            long numRestoredFiles, long removedFilesSize, long restoredFilesSize,
                            List<SkippedAction> planned) {

    /** @param planned as {@link MergeResult#planned()}: what a dry run planned instead of running */
    public RestoreResult {
        planned = List.copyOf(planned);
    }

    public RestoreResult(long tableSizeAfterRestore, long numOfFilesAfterRestore, long numRemovedFiles,
                         long numRestoredFiles, long removedFilesSize, long restoredFilesSize) {
        this(tableSizeAfterRestore, numOfFilesAfterRestore, numRemovedFiles, numRestoredFiles, removedFilesSize,
                restoredFilesSize, List.of());
    }

    /** True when nothing was executed (a {@code Simulation=dry-run} connection). */
    public boolean simulated() {
        return !planned.isEmpty();
    }
}
