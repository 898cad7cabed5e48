package dev.sluice.dao.catalog;

import dev.sluice.dao.delta.DaoTelemetry;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One Catalog DAO operation as it is observed, through the DAO's telemetry seam: span
 * {@code databricks.catalog.<operation>} (attributes {@code catalog}, {@code schema}, {@code items}), counter
 * {@code databricks.catalog.operations{operation,outcome}} (outcome {@code success} or the failure's SQLSTATE) and
 * timer {@code databricks.catalog.operation.duration{operation}}. Operations are a fixed set; names of catalogs and
 * schemas go on spans only, never into metric tags.
 */
final class CatalogObservation {
    static final String OPERATIONS = "databricks.catalog.operations";
    static final String DURATION = "databricks.catalog.operation.duration";

    private final String operation;
    private final DaoTelemetry.Span span;
    private final long started = System.nanoTime();

    private CatalogObservation(String operation, String catalog, String schema) {
        this.operation = operation;
        this.span = DaoTelemetry.span("databricks.catalog." + operation);
        if (catalog != null) {
            span.attribute("catalog", catalog);
        }
        if (schema != null) {
            span.attribute("schema", schema);
        }
    }

    static CatalogObservation start(String operation, String catalog, String schema) {
        return new CatalogObservation(operation, catalog, schema);
    }

    void items(int n) {
        span.attribute("items", n);
    }

    void succeeded() {
        end("success");
    }

    void failed(Throwable e) {
        String type = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState()
                : e.getClass().getSimpleName();
        span.failed(type);
        end(type);
    }

    private void end(String outcome) {
        span.end();
        DaoTelemetry.count(OPERATIONS, "Unity Catalog operations through the Catalog DAO, by operation and outcome",
                "operation", operation, "outcome", outcome);
        DaoTelemetry.time(DURATION, "Time of Unity Catalog operations through the Catalog DAO",
                Duration.ofNanos(System.nanoTime() - started), "operation", operation);
    }
}
