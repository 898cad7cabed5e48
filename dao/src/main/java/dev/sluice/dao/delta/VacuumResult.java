package dev.sluice.dao.delta;

import dev.sluice.jdbc.simulate.SkippedAction;

import java.util.List;
import java.util.OptionalLong;

/**
 * What VACUUM did: with a dry run, the files it would delete (as the server lists them); otherwise the number of
 * files deleted when the table's history recorded it ({@code VACUUM END}, {@code numDeletedFiles}).
 */
public record VacuumResult(boolean dryRun, List<String> filesToDelete, OptionalLong filesDeleted,
                           List<SkippedAction> planned) {

    /**
     * @param planned as {@link MergeResult#planned()}: what a {@code Simulation=dry-run} connection planned instead
     *     of running (not to be confused with {@code VACUUM ... DRY RUN}, {@link #dryRun()}, which runs)
     */
    public VacuumResult {
        planned = List.copyOf(planned);
    }

    public VacuumResult(boolean dryRun, List<String> filesToDelete, OptionalLong filesDeleted) {
        this(dryRun, filesToDelete, filesDeleted, List.of());
    }

    /** True when nothing was executed (a {@code Simulation=dry-run} connection). */
    public boolean simulated() {
        return !planned.isEmpty();
    }
}
