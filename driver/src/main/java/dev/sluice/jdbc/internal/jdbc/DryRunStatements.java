package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.StatementParameter;
import dev.sluice.jdbc.internal.client.StatementState;
import dev.sluice.jdbc.internal.client.StatementStatus;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.simulate.DryRun;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A writing statement on a dry-run connection: parsed, resolved and planned on the server with {@code EXPLAIN},
 * not run. A statement that would fail fails the same way (a missing table is 42P01); one that would succeed gives
 * update count 0 and a warning carrying the plan's first line.
 */
final class DryRunStatements {
    /** Spark answers a plan that cannot be made with this text in the plan column rather than an error. */
    private static final String PLANNING_ERROR = "Error occurred during query planning:";
    /**
     * Delta commands Spark's EXPLAIN cannot parse: validated by resolving their table instead. For COPY INTO that is
     * its target; its source files are not read (in a dry run a bulk load's staged files were not uploaded).
     */
    private static final Pattern DELTA_COMMAND = Pattern.compile(
            "(?is)\\s*(OPTIMIZE|VACUUM|RESTORE(?:\\s+TABLE)?|FSCK\\s+REPAIR\\s+TABLE|REORG\\s+TABLE|COPY\\s+INTO)\\s+"
                    + "((?:`[^`]+`|[A-Za-z0-9_]+)(?:\\.(?:`[^`]+`|[A-Za-z0-9_]+))*|delta\\.`[^`]+`).*");

    private DryRunStatements() {
    }

    /**
     * @param query true for executeQuery, which has no result set to give back
     * @return false: no result set
     * @throws SQLException as the statement would have failed, or 25006 for executeQuery
     */
    static boolean validate(SluiceStatement statement, DryRun dryRun, String sql, List<StatementParameter> parameters,
                            boolean query) throws SQLException {
        if (query) {
            throw Errors.of(SqlState.READ_ONLY_SQL_TRANSACTION, "dry run: executeQuery of a statement that writes ("
                    + SqlText.leadingKeyword(sql) + ") is not run; use execute or executeUpdate");
        }
        String plan;
        Matcher delta = DELTA_COMMAND.matcher(sql);
        if (delta.matches()) {
            statement.explain("SELECT * FROM " + delta.group(2) + " LIMIT 0", List.of());
            plan = delta.group(1).toUpperCase(Locale.ROOT) + " of " + delta.group(2) + ": the table resolves";
        } else {
            plan = statement.explain(sql, parameters);
        }
        int error = plan.indexOf(PLANNING_ERROR);
        if (error >= 0) {
            String message = plan.substring(error + PLANNING_ERROR.length()).strip();
            throw ServerErrors.failed(new StatementStatus(StatementState.FAILED, null, message, null), null);
        }
        dryRun.skippedStatement(sql, plan);
        statement.validatedInstead(new SQLWarning("dry run: not executed; plan: " + DryRun.firstLine(plan),
                SqlState.WARNING.code()));
        return false;
    }
}
