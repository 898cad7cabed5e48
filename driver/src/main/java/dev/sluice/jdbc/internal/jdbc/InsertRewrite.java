package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.StatementParameter;
import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a batch of {@code INSERT INTO t [(cols)] VALUES (?, ...)} executions into multi-row INSERTs: one
 * round trip and one Delta commit per statement instead of one per row. Only INSERT INTO with a single
 * trailing VALUES tuple qualifies; INSERT OVERWRITE would change meaning and is run row by row.
 *
 * <p>A statement carries at most {@link #MAX_PARAMETERS} parameters, the Statement Execution API's limit.
 * With literals on (the default), a batch with more rows than fit in the parameters is written into the text as
 * typed literals ({@link SqlLiterals}), every row of a statement, until the text reaches
 * {@link #MAX_STATEMENT_BYTES}; with literals off, a statement has as many rows as fit in the parameters.
 */
final class InsertRewrite {
    /** Parameters per statement: the limit Databricks documents for parameterised statements. */
    static final int MAX_PARAMETERS = 256;
    /**
     * UTF-8 bytes of statement text; the API takes 16 MiB. A quarter of that keeps a row of long strings from
     * pushing a statement over and a failed statement cheap to retry, while a 100 000-row batch of a few columns
     * needs three statements: each costs the server a fixed second or so (analysis, write job, Delta commit),
     * which at 1 MiB per statement was most of the batch's time.
     */
    static final int MAX_STATEMENT_BYTES = 4 << 20;

    /** One multi-row INSERT: its text and parameters, covering {@code rows} batch entries. */
    record Chunk(String sql, List<StatementParameter> parameters, int rows) {
    }

    private final String prefix;
    private final String tuple;
    /** The tuple cut at its markers: perRow + 1 pieces. */
    private final String[] pieces;
    private final int perRow;

    private InsertRewrite(String prefix, String tuple, int[] markers) {
        this.prefix = prefix;
        this.tuple = tuple;
        this.perRow = markers.length;
        this.pieces = new String[markers.length + 1];
        int from = 0;
        for (int i = 0; i < markers.length; i++) {
            pieces[i] = tuple.substring(from, markers[i]);
            from = markers[i] + 1;
        }
        pieces[markers.length] = tuple.substring(from);
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
        return new InsertRewrite(sql.substring(0, values + "VALUES".length()) + " ", rest,
                tupleText.positionalOffsets());
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

    /** Rows per statement when every value is a parameter. */
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
     * The statement for the entries from {@code start} on: as many rows as fit in the parameters; with
     * {@code literals}, when more rows remain than fit in the parameters, every row written as literals while the
     * text stays within {@code maxBytes} (parameters first only when the first row alone, as literals, would
     * exceed it). It always takes at least one row.
     */
    Chunk chunk(List<Binding[]> entries, int start, boolean literals, int maxBytes) {
        int remaining = entries.size() - start;
        int parameterRows = Math.min(remaining, literals ? MAX_PARAMETERS / perRow : rowsPerStatement());
        if (literals && remaining > parameterRows && firstRowFits(entries.get(start), maxBytes)) {
            // literal rows follow anyway: write every row as literals. One parameter marker leaves the whole
            // VALUES list unresolved, so Spark analyses each of its expressions rule by rule instead of turning
            // the literal-only list into a local relation while parsing.
            parameterRows = 0;
        }
        StringBuilder sb = new StringBuilder(Math.min(maxBytes, 1 << 16));
        sb.append(prefix);
        long bytes = utf8Length(prefix);
        long tupleBytes = utf8Length(tuple);
        List<StatementParameter> params = new ArrayList<>(parameterRows * perRow);
        int rows = 0;
        for (; rows < parameterRows; rows++) {
            if (rows > 0) {
                sb.append(", ");
                bytes += 2;
            }
            sb.append(tuple);
            bytes += tupleBytes;
            for (Binding b : entries.get(start + rows)) {
                params.add(StatementParameter.positional(params.size() + 1, b.type(), b.value()));
            }
        }
        if (literals) {
            StringBuilder row = new StringBuilder(tuple.length() + 16 * perRow);
            for (; rows < remaining; rows++) {
                row.setLength(0);
                literalRow(entries.get(start + rows), row);
                long rowBytes = utf8Length(row) + (rows > 0 ? 2 : 0);
                if (rows > 0 && bytes + rowBytes > maxBytes) {
                    break;
                }
                if (rows > 0) {
                    sb.append(", ");
                }
                sb.append(row);
                bytes += rowBytes;
            }
        }
        return new Chunk(sb.toString(), params, rows);
    }

    /** Whether the statement with only the row {@code values}, as literals, stays within {@code maxBytes}. */
    private boolean firstRowFits(Binding[] values, int maxBytes) {
        StringBuilder row = new StringBuilder(tuple.length() + 16 * perRow);
        literalRow(values, row);
        return utf8Length(prefix) + utf8Length(row) <= maxBytes;
    }

    /** The tuple with every marker replaced by the literal of its value. */
    void literalRow(Binding[] values, StringBuilder out) {
        out.append(pieces[0]);
        for (int i = 0; i < perRow; i++) {
            out.append(SqlLiterals.of(values[i])).append(pieces[i + 1]);
        }
    }

    static long utf8Length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Runs the batch; every entry counts one row (each VALUES tuple inserts exactly one). A failure
     * reports the entries of the statements that completed.
     */
    long[] run(SluicePreparedStatement statement, List<Binding[]> entries, boolean literals) throws SQLException {
        long[] counts = new long[entries.size()];
        int start = 0;
        while (start < entries.size()) {
            Chunk chunk = chunk(entries, start, literals, MAX_STATEMENT_BYTES);
            int end = start + chunk.rows();
            try {
                long inserted = statement.runRows(chunk.sql(), chunk.parameters());
                long each = inserted == chunk.rows() ? 1 : java.sql.Statement.SUCCESS_NO_INFO;
                Arrays.fill(counts, start, end, each);
            } catch (SQLException e) {
                throw Batches.failed(e, Arrays.copyOf(counts, start), start);
            }
            start = end;
        }
        return counts;
    }
}
