package dev.sluice.jdbc.simulate;

import java.util.List;

/**
 * What a connection opened with {@code Simulation=dry-run} did not do, in order: reach it with
 * {@code connection.unwrap(DryRunReport.class)}. The same list is logged when the connection closes, so a dry run
 * can gate a deployment the way a plan does.
 */
public interface DryRunReport {

    /** Everything skipped so far, oldest first. */
    List<SkippedAction> skipped();
}
