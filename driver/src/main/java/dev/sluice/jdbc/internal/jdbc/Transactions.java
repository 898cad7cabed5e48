package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction state of one connection, in one of two modes chosen by {@code IgnoreTransactions}.
 *
 * <p>Ignored (the default): nothing is sent to the server and every statement commits on its own, as on a
 * warehouse without multi-statement transactions. Manual-commit mode is accepted so that frameworks that
 * always open a transaction work; the statements that wrote since the last commit are remembered, and a
 * {@code rollback()} that cannot undo them says so with a {@link SQLWarning} on the connection (and a WARN
 * line naming their kinds), never silently.
 *
 * <p>On the server: Databricks SQL interactive transactions. Manual-commit mode is {@code SET AUTOCOMMIT =
 * FALSE} in the session; {@code commit()} and {@code rollback()} send {@code COMMIT} and {@code ROLLBACK} when
 * a statement ran since the transaction began (the server answers a {@code COMMIT} without one with
 * NO_ACTIVE_TRANSACTION). Isolation is the server's snapshot isolation, reported as REPEATABLE_READ.
 */
final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    /** Statements quoted in a rollback warning; the rest are counted. */
    private static final int QUOTED = 5;
    private static final int QUOTED_LENGTH = 120;

    /** Runs one transaction-control statement in the connection's session. */
    interface Runner {
        void run(String sql) throws SQLException;
    }

    private final boolean onServer;
    private final Runner runner;
    private final List<String> committedWrites = new ArrayList<>();
    private boolean autoCommit = true;
    /** On the server: a statement ran since the transaction began, so there is one to end. */
    private boolean open;

    Transactions(boolean onServer, Runner runner) {
        this.onServer = onServer;
        this.runner = runner;
    }

    /** True when transactions are Databricks SQL's (IgnoreTransactions=0). */
    boolean onServer() {
        return onServer;
    }

    synchronized boolean autoCommit() {
        return autoCommit;
    }

    /**
     * Changes the mode; a no-op when it is unchanged. Turning auto-commit on commits the transaction first,
     * as JDBC asks. On the server a refusal (a warehouse without transactions) leaves the mode as it was.
     */
    synchronized void setAutoCommit(boolean on) throws SQLException {
        if (on == autoCommit) {
            return;
        }
        if (on) {
            commit();
            if (onServer) {
                runner.run("SET AUTOCOMMIT = TRUE");
            }
        } else if (onServer) {
            runner.run("SET AUTOCOMMIT = FALSE");
        }
        autoCommit = on;
        open = false;
        committedWrites.clear();
    }

    /** In auto-commit mode a no-op: every statement has committed already. */
    synchronized void commit() throws SQLException {
        if (autoCommit) {
            return;
        }
        if (onServer) {
            if (open) {
                // a failed COMMIT leaves the transaction aborted on the server: it stays open for rollback()
                runner.run("COMMIT");
                open = false;
            }
        } else {
            committedWrites.clear();
        }
    }

    /**
     * Ends the transaction undoing its writes. Ignored transactions cannot: the warning returned (also
     * logged) names the statements that committed; null when there were none.
     */
    synchronized SQLWarning rollback() throws SQLException {
        if (autoCommit) {
            return null;
        }
        if (onServer) {
            if (open) {
                open = false;
                runner.run("ROLLBACK");
            }
            return null;
        }
        if (committedWrites.isEmpty()) {
            return null;
        }
        List<String> writes = List.copyOf(committedWrites);
        committedWrites.clear();
        LOG.warn("rollback() could not undo {} statement(s) that committed on their own ({}): with"
                + " IgnoreTransactions=1 every statement commits; use IgnoreTransactions=0 on tables with"
                + " Databricks SQL transactions", writes.size(), verbs(writes));
        return new SQLWarning(message(writes), SqlState.WARNING.code());
    }

    /** Called before a statement runs: on the server it opens (or is part of) the transaction. */
    synchronized void starting(SqlText text) {
        if (onServer && !autoCommit && !isControl(text)) {
            open = true;
        }
    }

    /** Called after a statement succeeded: an ignored transaction remembers the writes it cannot undo. */
    synchronized void succeeded(SqlText text) {
        if (!onServer && !autoCommit && writes(text)) {
            committedWrites.add(abbreviate(text.sql()));
        }
    }

    int isolation() {
        return onServer ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_NONE;
    }

    /**
     * Accepts the level the mode has and, as JDBC allows, a lower one (the stronger level applies, with a
     * warning); a level stronger than the mode can give fails with 22023, since pretending would be worse.
     *
     * @return a warning when the level given is not the one that applies
     */
    SQLWarning checkIsolation(int level) throws SQLException {
        switch (level) {
            case Connection.TRANSACTION_NONE:
            case Connection.TRANSACTION_READ_UNCOMMITTED:
            case Connection.TRANSACTION_READ_COMMITTED:
            case Connection.TRANSACTION_REPEATABLE_READ:
            case Connection.TRANSACTION_SERIALIZABLE:
                break;
            default:
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "transaction isolation " + level
                        + " is not a JDBC level");
        }
        if (level == isolation()) {
            return null;
        }
        if (onServer) {
            if (level == Connection.TRANSACTION_SERIALIZABLE) {
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "transaction isolation SERIALIZABLE (" + level
                        + ") is not available: Databricks SQL transactions run with snapshot isolation"
                        + " (REPEATABLE_READ)");
            }
            return new SQLWarning("isolation level " + level + " runs as REPEATABLE_READ: Databricks SQL"
                    + " transactions use snapshot isolation", SqlState.WARNING.code());
        }
        // frameworks set the level they were configured with and restore the one they read afterwards
        return new SQLWarning("isolation level " + level + " is not applied: with IgnoreTransactions=1 every"
                + " statement is its own Delta transaction", SqlState.WARNING.code());
    }

    /** Statements the driver sends for commit and rollback, or the application's own: not part of the work. */
    private static boolean isControl(SqlText text) {
        switch (text.verb()) {
            case "COMMIT":
            case "ROLLBACK":
            case "BEGIN":
            case "START":
                return true;
            case "SET":
                return text.sql().toUpperCase(Locale.ROOT).contains("AUTOCOMMIT");
            default:
                return false;
        }
    }

    /** Anything but reads and session settings changes data or schema, and commits at once. */
    private static boolean writes(SqlText text) {
        switch (text.verb()) {
            case "":
            case "SELECT":
            case "WITH":
            case "VALUES":
            case "TABLE":
            case "FROM":
            case "SHOW":
            case "DESCRIBE":
            case "DESC":
            case "EXPLAIN":
            case "LIST":
            case "USE":
            case "SET":
            case "RESET":
            case "COMMIT":
            case "ROLLBACK":
            case "BEGIN":
            case "START":
                return false;
            default:
                return true;
        }
    }

    private static String abbreviate(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= QUOTED_LENGTH ? flat : flat.substring(0, QUOTED_LENGTH) + "...";
    }

    private static String verbs(List<String> writes) {
        List<String> verbs = new ArrayList<>();
        for (String w : writes) {
            String verb = SqlText.of(w).verb();
            if (!verbs.contains(verb)) {
                verbs.add(verb);
            }
        }
        return String.join(", ", verbs);
    }

    private static String message(List<String> writes) {
        StringBuilder sb = new StringBuilder("rollback() could not undo ").append(writes.size())
                .append(" statement(s) that committed on their own (IgnoreTransactions=1): ");
        for (int i = 0; i < Math.min(QUOTED, writes.size()); i++) {
            sb.append(i == 0 ? "" : "; ").append(writes.get(i));
        }
        if (writes.size() > QUOTED) {
            sb.append("; and ").append(writes.size() - QUOTED).append(" more");
        }
        return sb.toString();
    }
}
