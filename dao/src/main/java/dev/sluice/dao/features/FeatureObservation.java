package dev.sluice.dao.features;

import dev.sluice.dao.delta.DaoTelemetry;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One FeatureTables operation as it is observed, through the DAO's telemetry seam: span
 * {@code databricks.feature.<operation>} (attributes {@code table}, {@code rows}), counter
 * {@code databricks.feature.operations{operation,outcome}} (outcome {@code success} or the failure's SQLSTATE) and
 * timer {@code databricks.feature.operation.duration{operation}}. Operations are a fixed set (create, drop, write,
 * read, training_set, publish, lookup); table and endpoint names go on spans only, never into metric tags.
 */
final class FeatureObservation {
    static final String OPERATIONS = "databricks.feature.operations";
    static final String DURATION = "databricks.feature.operation.duration";

    /** The work observed. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private FeatureObservation() {
    }

    /**
     * Runs {@code work} as one operation on {@code table} (a table or endpoint name); {@code rows}, when given, says
     * how many rows the result stands for.
     */
    static <T> T observe(String operation, String table, Work<T> work, java.util.function.ToLongFunction<T> rows)
            throws SQLException {
        DaoTelemetry.Span span = DaoTelemetry.span("databricks.feature." + operation);
        span.attribute("table", table);
        long started = System.nanoTime();
        String outcome = "success";
        try {
            T result = work.run();
            if (rows != null) {
                span.attribute("rows", rows.applyAsLong(result));
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            outcome = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState()
                    : e.getClass().getSimpleName();
            span.failed(outcome);
            throw e;
        } finally {
            span.end();
            DaoTelemetry.count(OPERATIONS, "Feature table operations through the FeatureTables DAO, by operation and"
                    + " outcome", "operation", operation, "outcome", outcome);
            DaoTelemetry.time(DURATION, "Time of feature table operations through the FeatureTables DAO",
                    Duration.ofNanos(System.nanoTime() - started), "operation", operation);
        }
    }
}
