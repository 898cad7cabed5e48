package dev.sluice.dao.delta;

import java.sql.SQLException;
import java.util.Locale;

/**
 * One DAO operation as it is observed: its span {@code databricks.delta.<operation>} and, when it ends, its
 * metrics. Not thread-safe: one operation, one thread (a streamed read may end on the thread that closes it).
 */
final class Observation {
    private final String table;
    private final String operation;
    private final DeltaTracing.DeltaSpan span;
    private long rows = -1;
    private long bytes = -1;
    private boolean ended;

    private Observation(String table, String operation) {
        this.table = table;
        this.operation = operation;
        DeltaTracing.DeltaSpan s;
        try {
            s = DeltaTelemetry.tracing().start(operation, table);
        } catch (RuntimeException | LinkageError e) {
            s = DeltaTracing.NO_SPAN;
        }
        this.span = s;
    }

    /** Starts observing {@code operation} (read, write, merge, optimize, vacuum, restore, history) on the table. */
    static Observation start(String operation, TableName name) {
        return new Observation(label(name), operation);
    }

    /** The table as a metric label and span attribute: its parts joined by dots, unquoted. */
    static String label(TableName name) {
        StringBuilder b = new StringBuilder();
        name.catalog().ifPresent(c -> b.append(c).append('.'));
        name.schema().ifPresent(s -> b.append(s).append('.'));
        return b.append(name.table()).toString();
    }

    Observation attribute(String key, String value) {
        span.attribute(key, value);
        return this;
    }

    Observation attribute(String key, long value) {
        span.attribute(key, value);
        return this;
    }

    /** Rows read or written, for {@code databricks_delta_rows_processed}; the span attribute is set by the caller. */
    Observation rows(long n) {
        rows = n;
        return this;
    }

    /** Bytes the operation reported, for {@code databricks_delta_bytes_processed}. */
    Observation bytes(long n) {
        bytes = n;
        return this;
    }

    DeltaTracing.Scope makeCurrent() {
        return span.makeCurrent();
    }

    /** Marks the span failed with the SQLSTATE (or the exception's simple class name). */
    void failed(Throwable e) {
        String type = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState()
                : e.getClass().getSimpleName();
        span.failed(type);
    }

    /** Ends the span and records the metrics; the first call counts. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        DeltaMeters meters;
        try {
            meters = DeltaTelemetry.meters();
        } catch (RuntimeException | LinkageError e) {
            meters = DeltaMeters.NONE;
        }
        meters.operation(table, operation);
        if (rows >= 0) {
            meters.rows(table, operation, rows);
        }
        if (bytes >= 0) {
            meters.bytes(table, operation, bytes);
        }
        span.end();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
