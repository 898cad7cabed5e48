package dev.sluice.dao.delta;

import dev.sluice.jdbc.simulate.SkippedAction;
import java.util.List;

/**
 * The counts of a MERGE, as Databricks returns them.
 *
 * @param planned on a {@code Simulation=dry-run} connection the statement that was planned instead of run (its SQL
 *     and the server's plan), every count then 0; empty when the MERGE ran
 */
public record MergeResult(long affected, long updated, long deleted, long inserted, List<SkippedAction> planned) {

    public MergeResult {
        planned = List.copyOf(planned);
    }

    public MergeResult(long affected, long updated, long deleted, long inserted) {
        this(affected, updated, deleted, inserted, List.of());
    }

    /** True when nothing was executed (a {@code Simulation=dry-run} connection): {@link #planned()} says what. */
    public boolean simulated() {
        return !planned.isEmpty();
    }
}
