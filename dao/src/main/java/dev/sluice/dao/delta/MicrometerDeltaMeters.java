package dev.sluice.dao.delta;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeltaMeters} on a Micrometer registry. Loaded only after {@link DeltaTelemetry} has seen Micrometer on the
 * class path: no other class of the DAO names a Micrometer type. Prometheus renders the names as
 * {@code databricks_delta_operations_total}, {@code databricks_delta_rows_processed} and
 * {@code databricks_delta_bytes_processed} (summaries: {@code _count}, {@code _sum}, {@code _max}).
 */
final class MicrometerDeltaMeters implements DeltaMeters {
    static final String OPERATIONS = "databricks.delta.operations";
    static final String ROWS = "databricks.delta.rows.processed";
    static final String BYTES = "databricks.delta.bytes.processed";

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerDeltaMeters.class);

    private final MeterRegistry registry;
    private volatile boolean refusalLogged;

    private MicrometerDeltaMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry is null");
    }

    static DeltaMeters global() {
        return new MicrometerDeltaMeters(Metrics.globalRegistry);
    }

    static DeltaMeters of(Object registry) {
        if (!(registry instanceof MeterRegistry)) {
            throw new IllegalArgumentException("expected an io.micrometer.core.instrument.MeterRegistry, got "
                    + registry.getClass().getName());
        }
        return new MicrometerDeltaMeters((MeterRegistry) registry);
    }

    @Override
    public void operation(String table, String operation) {
        try {
            Counter.builder(OPERATIONS).description("Delta operations run through the DAO, by table and operation")
                    .tag("table", table).tag("operation", operation).register(registry).increment();
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    @Override
    public void rows(String table, String operation, long rows) {
        record(ROWS, "Rows read or written per Delta operation", table, operation, rows);
    }

    @Override
    public void bytes(String table, String operation, long bytes) {
        record(BYTES, "Bytes rewritten, deleted or restored per Delta operation, as the operation reports them",
                table, operation, bytes);
    }

    @Override
    public void count(String name, String description, String... tags) {
        try {
            Counter.builder(name).description(description).tags(tags).register(registry).increment();
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    @Override
    public void time(String name, String description, Duration duration, String... tags) {
        try {
            Timer.builder(name).description(description).tags(tags).register(registry).record(duration);
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    private void record(String name, String description, String table, String operation, long amount) {
        try {
            DistributionSummary.builder(name).description(description)
                    .tag("table", table).tag("operation", operation).register(registry).record(amount);
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    /** Metrics must never break an operation: the first refusal of the registry is logged, the rest ignored. */
    private void refused(RuntimeException e) {
        if (!refusalLogged) {
            refusalLogged = true;
            LOG.warn("the meter registry refused a Sluice DAO metric; metrics may be incomplete: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "MicrometerDeltaMeters[" + registry.getClass().getSimpleName() + "]";
    }
}
