package dev.sluice.jdbc.internal.observe;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One statement run as metrics and traces see it: the {@code databricks.sql.execute} span from submission to the
 * terminal state, {@code databricks_sql_queries_total} and {@code databricks_sql_query_duration_seconds} when it
 * ends, {@code databricks_sql_rows_returned} when its result set is done. Thread-safe; each end is recorded once.
 */
public final class QueryObservation {
    private final String statementType;
    private final TraceSpan span;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean rowsRecorded = new AtomicBoolean();

    private QueryObservation(String statementType, TraceSpan span) {
        this.statementType = statementType;
        this.span = span;
    }

    /**
     * Starts observing a statement, as a child of the caller's current span.
     *
     * @param verb the statement's leading keyword (only known keywords reach labels and spans)
     */
    public static QueryObservation start(ServerTarget target, String verb) {
        Objects.requireNonNull(target, "target is null");
        String type = StatementTypes.of(verb);
        String operation = "other".equals(type) ? null : type.toUpperCase(Locale.ROOT);
        return new QueryObservation(type, Telemetry.tracing().startExecute(target, operation));
    }

    /** Makes the execute span current, so API calls nest under it and carry its trace context. */
    public TraceScope makeCurrent() {
        return span.makeCurrent();
    }

    /** A handle under which chunk fetches on other threads open their spans. */
    public Object traceContext() {
        return span.context();
    }

    /** The statement id is known (after the submit answered). */
    public void statementId(String statementId) {
        span.attribute("databricks.statement_id", statementId);
    }

    /**
     * The statement SUCCEEDED.
     *
     * @param totalRows rows in the result by the manifest, or -1 when unknown
     * @param totalBytes bytes of the result by the manifest, or -1 when unknown
     */
    public void succeeded(long totalRows, long totalBytes) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (totalRows >= 0) {
            span.attribute("db.response.returned_rows", totalRows);
        }
        if (totalBytes >= 0) {
            span.attribute("databricks.result_bytes", totalBytes);
        }
        span.end();
        Telemetry.meters().query(statementType, "succeeded", System.nanoTime() - startNanos);
    }

    /**
     * The statement failed, was cancelled or timed out; reports the error (see {@link Failures}).
     *
     * @param sqlState the SQLSTATE the application sees
     * @param errorClass the server's error class, or null
     * @param message the exception's message (logged for authentication failures only), or null
     */
    public void failed(String statementId, String sqlState, String errorClass, String message) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        String state = Failures.normalize(sqlState);
        span.attribute("db.response.status_code", state);
        span.failed(state);
        span.end();
        Telemetry.meters().query(statementType, status(state), System.nanoTime() - startNanos);
        Failures.report(Failures.EXECUTE, state, statementId, errorClass, message);
    }

    /** The result set was read to its end or closed after handing out {@code rows} rows; the first call counts. */
    public void rowsReturned(long rows) {
        if (rowsRecorded.compareAndSet(false, true)) {
            Telemetry.meters().rowsReturned(statementType, rows);
        }
    }

    static String status(String sqlState) {
        if ("57014".equals(sqlState)) {
            return "canceled";
        }
        if (sqlState.startsWith("HYT")) {
            return "timeout";
        }
        return "failed";
    }
}
