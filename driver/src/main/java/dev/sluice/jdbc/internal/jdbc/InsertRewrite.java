package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a batch of {@code INSERT INTO t [(cols)] VALUES (?, ...)} executions into multi-row INSERTs, as
 * many rows per statement as fit under the parameter cap: one round trip and one Delta commit per
 * statement instead of one per row. Only INSERT INTO with a single trailing VALUES tuple qualifies;
 * INSERT OVERWRITE would change meaning and is run row by row.
 */
final class InsertRewrite {
    /** Parameters per statement; a conservative bound below what the server accepts. */
    static final int MAX_PARAMETERS = 256;

    private final String prefix;
    private final String tuple;
    private final int perRow;

    private InsertRewrite(String prefix, String tuple, int perRow) {
        this.prefix = prefix;
        this.tuple = tuple;
        this.perRow = perRow;
    }

    /** The rewrite for {@code text}, or null when the statement does not qualify. */
    static InsertRewrite of(SqlText text) {
        if (!"INSERT".equals(text.verb()) || text.positionalCount() == 0) {
            return null;
        }
        String sql = stripTrailing(text.sql());
        String upper = sql.toUpperCase(Locale.ROOT);
        if (!upper.matches("(?s)\\s*INSERT\\s+INTO\\b.*")) {
            return null;
        }
        int values = lastTopLevelValues(sql, upper);
        if (values < 0) {
            return null;
        }
        String rest = sql.substring(values + "VALUES".length()).trim();
        if (!rest.startsWith("(") || closingParen(rest) != rest.length() - 1) {
            return null;
        }
        SqlText tupleText = SqlText.of(rest);
        if (tupleText.positionalCount() != text.positionalCount()) {
            return null;
        }
        return new InsertRewrite(sql.substring(0, values + "VALUES".length()) + " ", rest, text.positionalCount());
    }

    private static String stripTrailing(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** Index of the last VALUES keyword outside literals and parentheses, or -1. */
    private static int lastTopLevelValues(String sql, String upper) {
        int depth = 0;
        int found = -1;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skip(sql, i, c) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && upper.startsWith("VALUES", i)
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))
                    && (i + 6 >= n || !Character.isLetterOrDigit(sql.charAt(i + 6)))) {
                found = i;
            }
        }
        return found;
    }

    private static int closingParen(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skip(s, i, c) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skip(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    int rowsPerStatement() {
        return Math.max(1, MAX_PARAMETERS / perRow);
    }

    String sqlFor(int rows) {
        StringBuilder sb = new StringBuilder(prefix.length() + rows * (tuple.length() + 2));
        sb.append(prefix);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(tuple);
        }
        return sb.toString();
    }

    /**
     * Runs the batch; every entry counts one row (each VALUES tuple inserts exactly one). A failure
     * reports the entries of the statements that completed.
     */
    long[] run(SluicePreparedStatement statement, List<Binding[]> entries) throws SQLException {
        long[] counts = new long[entries.size()];
        int per = rowsPerStatement();
        for (int start = 0; start < entries.size(); start += per) {
            int end = Math.min(entries.size(), start + per);
            try {
                long inserted = statement.runRows(sqlFor(end - start), entries.subList(start, end));
                long each = inserted == end - start ? 1 : java.sql.Statement.SUCCESS_NO_INFO;
                Arrays.fill(counts, start, end, each);
            } catch (SQLException e) {
                throw Batches.failed(e, Arrays.copyOf(counts, start), start);
            }
        }
        return counts;
    }
}
