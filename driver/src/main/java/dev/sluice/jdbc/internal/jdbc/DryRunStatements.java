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
    /** A table name as the DAO writes it: quoted or plain parts, or a Delta path. */
    private static final String TABLE = "((?:`[^`]+`|[A-Za-z0-9_]+)(?:\\.(?:`[^`]+`|[A-Za-z0-9_]+))*|delta\\.`[^`]+`)";
    /**
     * Delta commands Spark's EXPLAIN cannot parse: validated by resolving their table instead. For COPY INTO that is
     * its target; its source files are not read (in a dry run a bulk load's staged files were not uploaded).
     */
    private static final Pattern DELTA_COMMAND = Pattern.compile(
            "(?is)\\s*(OPTIMIZE|VACUUM|RESTORE(?:\\s+TABLE)?|FSCK\\s+REPAIR\\s+TABLE|REORG\\s+TABLE|COPY\\s+INTO)\\s+"
                    + TABLE + ".*");

    /** A write that reads files ({@code read_files}): a bulk overwrite or upsert of the Delta DAO. */
    private static final Pattern FILES_WRITE = Pattern.compile(
            "(?is)\\s*(?:INSERT\\s+(?:OVERWRITE|INTO)(?:\\s+TABLE)?|MERGE\\s+INTO)\\s+" + TABLE + ".*");
    private static final Pattern READ_FILES = Pattern.compile(
            "(?i)read_files\\s*\\(\\s*'((?:\\\\.|''|[^'\\\\])*)'[^)]*\\)");

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
            String stagedSource = stagedSource(dryRun, sql);
            plan = statement.explain(stagedSource == null ? sql : stagedSource, parameters);
            if (stagedSource != null) {
                plan += "\n(its read_files source was staged by this dry run and not uploaded: planned with an empty"
                        + " source of the target's schema)";
            }
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

    /**
     * An INSERT or MERGE whose {@code read_files} source lies under files this dry run did not upload cannot be
     * planned as is (there is nothing to read, nor a schema to infer): it is planned with that source replaced by an
     * empty relation of its target's schema, so the target is resolved and the columns and types checked. The Delta
     * DAO's bulk loads write their files with the target's column types, so this is the schema the files would have.
     *
     * @return the statement to plan instead, or null when {@code sql} reads no such files
     */
    static String stagedSource(DryRun dryRun, String sql) {
        Matcher write = FILES_WRITE.matcher(sql);
        if (!write.matches()) {
            return null;
        }
        Matcher files = READ_FILES.matcher(sql);
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        while (files.find()) {
            String path = files.group(1).replaceAll("\\\\(.)", "$1").replace("''", "'");
            if (dryRun.staged(path)) {
                String empty = "(SELECT * FROM " + write.group(1) + " LIMIT 0)";
                files.appendReplacement(out, Matcher.quoteReplacement(empty));
                replaced = true;
            }
        }
        files.appendTail(out);
        return replaced ? out.toString() : null;
    }
}
