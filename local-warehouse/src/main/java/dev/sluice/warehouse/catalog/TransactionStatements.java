package dev.sluice.warehouse.catalog;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Databricks SQL's interactive transactions as a SQL warehouse answers them when the tables written have no
 * catalog-managed commits, which is every table here (path-based Delta tables under the warehouse
 * directory). {@code BEGIN TRANSACTION}, {@code SET AUTOCOMMIT}, {@code COMMIT} and {@code ROLLBACK} keep
 * the session's transaction state; inside a transaction reads run, and writes and other commands are refused
 * with the TRANSACTION_NOT_SUPPORTED conditions (SQLSTATE 0A000) Databricks documents, so nothing is written
 * that a ROLLBACK could not take back.
 */
public final class TransactionStatements {

    private static final String NOT_SUPPORTED = "0A000";

    /** One session's state: the auto-commit mode and whether a transaction is open. */
    private static final class State {
        boolean autoCommit = true;
        boolean active;
    }

    private final Map<SparkSession, State> states = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Runs a transaction statement and returns its (empty) result; checks any other statement against an
     * open transaction and returns null for the caller to run it.
     *
     * @throws WarehouseSqlError what Databricks answers: NESTED_TRANSACTION, NO_ACTIVE_TRANSACTION, a write
     *     or command a transaction cannot hold
     */
    public Dataset<Row> run(SparkSession spark, String sql) {
        if (InsertText.isInsert(sql)) {
            return insert(spark, sql);
        }
        SqlTokens t = SqlTokens.of(sql);
        if (t == null || t.atEnd()) {
            return null;
        }
        State state = states.computeIfAbsent(spark, s -> new State());
        synchronized (state) {
            if (t.accept("BEGIN")) {
                if (!(t.accept("TRANSACTION") || t.accept("WORK")) || !t.atEnd()) {
                    return null; // a compound statement (BEGIN ... END, BEGIN ATOMIC): Spark's
                }
                if (state.active) {
                    throw new WarehouseSqlError("TRANSACTION_NOT_SUPPORTED.NESTED_TRANSACTION", NOT_SUPPORTED,
                            "Failed to execute the statement. Nested transactions are not supported.");
                }
                state.active = true;
                return empty(spark);
            }
            if (t.accept("COMMIT")) {
                endKeyword(t);
                if (!state.active) {
                    throw new WarehouseSqlError("NO_ACTIVE_TRANSACTION", "25000",
                            "There is no active transaction to COMMIT.");
                }
                state.active = false;
                return empty(spark);
            }
            if (t.accept("ROLLBACK")) {
                endKeyword(t);
                state.active = false; // without a transaction ROLLBACK is no error
                return empty(spark);
            }
            if (t.accept("SET", "AUTOCOMMIT")) {
                t.acceptSymbol("=");
                boolean on = t.accept("TRUE");
                if (!on && !t.accept("FALSE")) {
                    throw WarehouseSqlError.syntax("Syntax error: SET AUTOCOMMIT takes TRUE or FALSE.");
                }
                t.expectEnd();
                if (state.active) {
                    throw new WarehouseSqlError("INVALID_TRANSACTION_STATE", "25000",
                            "SET AUTOCOMMIT cannot change the mode while a transaction is active; COMMIT or"
                                    + " ROLLBACK it first.");
                }
                state.autoCommit = on;
                return empty(spark);
            }
            if (!state.active && state.autoCommit) {
                return null;
            }
            state.active = true; // with auto-commit off the first statement opens the transaction
            check(SqlTokens.of(sql));
            return null;
        }
    }

    /**
     * An INSERT is no transaction statement, so it is tokenized only to be checked inside a transaction: a batch
     * INSERT carries megabytes of VALUES that need no reading otherwise.
     */
    private Dataset<Row> insert(SparkSession spark, String sql) {
        State state = states.computeIfAbsent(spark, s -> new State());
        synchronized (state) {
            if (!state.active && state.autoCommit) {
                return null;
            }
            SqlTokens t = SqlTokens.of(sql);
            if (t == null) {
                return null;
            }
            state.active = true;
            check(t);
            return null;
        }
    }

    /** Forgets a session's state (a borrowed scratch session going back to its pool). */
    public void forget(SparkSession spark) {
        states.remove(spark);
    }

    private static void endKeyword(SqlTokens t) {
        if (!t.accept("TRANSACTION")) {
            t.accept("WORK");
        }
        t.expectEnd();
    }

    /** A statement inside a transaction: reads run; writes need catalog-managed commits; the rest is refused. */
    private static void check(SqlTokens t) {
        String verb;
        if (t.peek("SELECT") || t.peek("WITH") || t.peek("VALUES") || t.peek("FROM") || t.peek("DESCRIBE")
                || t.peek("DESC") || t.peek("TABLE")) {
            return;
        }
        List<String> table;
        if (t.accept("INSERT")) {
            verb = "INSERT";
            if (!t.accept("INTO")) {
                t.accept("OVERWRITE");
            }
            t.accept("TABLE");
            table = t.qualifiedName();
        } else if (t.accept("UPDATE")) {
            verb = "UPDATE";
            table = t.qualifiedName();
        } else if (t.accept("DELETE", "FROM")) {
            verb = "DELETE";
            table = t.qualifiedName();
        } else if (t.accept("MERGE", "INTO")) {
            verb = "MERGE";
            table = t.qualifiedName();
        } else {
            throw new WarehouseSqlError("TRANSACTION_NOT_SUPPORTED.COMMAND", NOT_SUPPORTED,
                    "Failed to execute the statement. This command is not supported in a transaction. Only"
                            + " SELECT / INSERT / MERGE / UPDATE / DELETE / DESCRIBE TABLE are supported.");
        }
        throw new WarehouseSqlError("TRANSACTION_NOT_SUPPORTED.WRITE_NON_CATALOG_OWNED_TABLE", NOT_SUPPORTED,
                "Failed to execute the statement. Table `" + String.join("`.`", table) + "` does not have"
                        + " catalog-managed commits, so " + verb + " cannot write it in a transaction. Run the"
                        + " statement outside the transaction.");
    }

    private static Dataset<Row> empty(SparkSession spark) {
        return spark.createDataFrame(List.of(), new StructType());
    }
}
