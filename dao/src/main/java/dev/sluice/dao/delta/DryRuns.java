package dev.sluice.dao.delta;

import dev.sluice.jdbc.simulate.DryRunReport;
import dev.sluice.jdbc.simulate.SkippedAction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The DAO on a {@code Simulation=dry-run} connection: writing statements are planned, not run, so an operation that
 * reads its result from the table's history afterwards answers with what it planned instead.
 */
final class DryRuns {
    private DryRuns() {
    }

    /** The connection's dry run, or null when it executes (any other connection, Databricks' driver too). */
    static DryRunReport of(Connection c) throws SQLException {
        return c.isWrapperFor(DryRunReport.class) ? c.unwrap(DryRunReport.class) : null;
    }

    /** What the dry run skipped since it had {@code before} entries: the statements of one operation. */
    static List<SkippedAction> since(DryRunReport report, int before) {
        List<SkippedAction> all = report.skipped();
        return List.copyOf(all.subList(Math.min(before, all.size()), all.size()));
    }
}
