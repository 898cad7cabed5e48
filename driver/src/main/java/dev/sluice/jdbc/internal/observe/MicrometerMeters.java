package dev.sluice.jdbc.internal.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Meters} on a Micrometer registry. Loaded only after {@link Telemetry} has seen Micrometer on the class
 * path: no other class of the driver names a Micrometer type.
 *
 * <p>Names are dotted as Micrometer wants them; the Prometheus registry renders them as
 * {@code databricks_sql_queries_total}, {@code databricks_sql_query_duration_seconds},
 * {@code databricks_sql_rows_returned}, {@code databricks_api_requests_total}, {@code databricks_rate_limits_total},
 * {@code databricks_retries_total} and {@code databricks_errors_total}.
 */
final class MicrometerMeters implements Meters {
    static final String QUERIES = "databricks.sql.queries";
    static final String QUERY_DURATION = "databricks.sql.query.duration";
    static final String ROWS_RETURNED = "databricks.sql.rows.returned";
    static final String API_REQUESTS = "databricks.api.requests";
    static final String RATE_LIMITS = "databricks.rate.limits";
    static final String RETRIES = "databricks.retries";
    static final String ERRORS = "databricks.errors";

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerMeters.class);

    private final MeterRegistry registry;
    private volatile boolean refusalLogged;

    private MicrometerMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry is null");
    }

    /** Meters on {@link Metrics#globalRegistry}, which is where Spring Boot and most setups look. */
    static Meters global() {
        return new MicrometerMeters(Metrics.globalRegistry);
    }

    /** @throws IllegalArgumentException when {@code registry} is not a {@code MeterRegistry} */
    static Meters of(Object registry) {
        if (!(registry instanceof MeterRegistry)) {
            throw new IllegalArgumentException("expected an io.micrometer.core.instrument.MeterRegistry, got "
                    + registry.getClass().getName());
        }
        return new MicrometerMeters((MeterRegistry) registry);
    }

    @Override
    public void query(String statementType, String status, long nanos) {
        try {
            Counter.builder(QUERIES)
                    .description("Statements run, by statement type and final status")
                    .tag("statement_type", statementType).tag("status", status)
                    .register(registry).increment();
            Timer.builder(QUERY_DURATION)
                    .description("Time from submitting a statement to its terminal state")
                    .tag("statement_type", statementType).tag("status", status)
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    @Override
    public void rowsReturned(String statementType, long rows) {
        try {
            DistributionSummary.builder(ROWS_RETURNED)
                    .description("Rows handed to the application per result set")
                    .tag("statement_type", statementType)
                    .register(registry).record(rows);
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    @Override
    public void apiRequest(String method, String endpoint, String statusCode) {
        count(API_REQUESTS, "HTTP exchanges with the Databricks REST API",
                "method", method, "endpoint", endpoint, "status_code", statusCode);
    }

    @Override
    public void rateLimited(String method, String endpoint) {
        count(RATE_LIMITS, "HTTP 429 answers of the Databricks REST API",
                "method", method, "endpoint", endpoint);
    }

    @Override
    public void retry(String reason, String call) {
        count(RETRIES, "Calls the driver tries again, by error table row and kind of call",
                "reason", reason, "call", call);
    }

    @Override
    public void error(String operation, String sqlStateClass) {
        count(ERRORS, "Errors that reached the application, by operation and SQLSTATE class",
                "operation", operation, "sqlstate_class", sqlStateClass);
    }

    /** Increments a counter; {@code tags} are name, value pairs. */
    private void count(String name, String description, String... tags) {
        try {
            Counter.builder(name).description(description).tags(tags).register(registry).increment();
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    /**
     * A registry may refuse a meter (an application meter of the same name with other tags, a closed registry);
     * metrics must never break a query, so the first refusal is logged and the rest ignored.
     */
    private void refused(RuntimeException e) {
        if (!refusalLogged) {
            refusalLogged = true;
            LOG.warn("the meter registry refused a Sluice metric; metrics may be incomplete: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "MicrometerMeters[" + registry.getClass().getSimpleName() + "]";
    }
}
