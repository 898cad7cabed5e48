package dev.sluice.dao.delta;

/**
 * Where the DAO sends its metrics and spans, for applications that do not use the global ones.
 *
 * <p>The driver's rule: Micrometer and the OpenTelemetry API are used when they are on the class path and never
 * required. Without a call here the DAO records metrics in Micrometer's {@code Metrics.globalRegistry} and spans
 * through {@code GlobalOpenTelemetry}; with neither library present it records nothing and needs nothing. This class
 * only checks for them by name and loads the classes that use them after that check. The parameters are
 * {@code Object} so that the DAO loads without either library.
 *
 * <pre>{@code
 * DeltaTelemetry.useMeterRegistry(prometheusRegistry);
 * DeltaTelemetry.useOpenTelemetry(openTelemetrySdk);
 * }</pre>
 *
 * Settings apply to every {@link DeltaTable} in the JVM (this class loader), from the next operation on; they are
 * separate from {@code dev.sluice.jdbc.SluiceTelemetry}, which the driver reads, since the DAO also runs over other
 * drivers.
 */
public final class DeltaTelemetry {
    private static final String MICROMETER_PROBE = "io.micrometer.core.instrument.MeterRegistry";
    private static final String OPENTELEMETRY_PROBE = "io.opentelemetry.api.OpenTelemetry";

    private static volatile DeltaMeters meters;
    private static volatile DeltaTracing tracing;

    private DeltaTelemetry() {
    }

    /**
     * Records the DAO's metrics in this registry; null goes back to {@code Metrics.globalRegistry}.
     *
     * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}, or null
     * @throws IllegalStateException when Micrometer is not on the class path
     * @throws IllegalArgumentException when the argument is not a {@code MeterRegistry}
     */
    public static void useMeterRegistry(Object meterRegistry) {
        if (meterRegistry == null) {
            meters = null;
            return;
        }
        if (!present(MICROMETER_PROBE)) {
            throw new IllegalStateException("Micrometer (io.micrometer:micrometer-core) is not on the class path");
        }
        meters = MicrometerDeltaMeters.of(meterRegistry);
    }

    /**
     * Creates the DAO's spans with this OpenTelemetry; null goes back to {@code GlobalOpenTelemetry}.
     *
     * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry}, or null
     * @throws IllegalStateException when the OpenTelemetry API is not on the class path
     * @throws IllegalArgumentException when the argument is not an {@code OpenTelemetry}
     */
    public static void useOpenTelemetry(Object openTelemetry) {
        if (openTelemetry == null) {
            tracing = null;
            return;
        }
        if (!present(OPENTELEMETRY_PROBE)) {
            throw new IllegalStateException(
                    "the OpenTelemetry API (io.opentelemetry:opentelemetry-api) is not on the class path");
        }
        tracing = OtelDeltaTracing.of(openTelemetry);
    }

    /** One operation of another DAO package, run by {@link #observe}. */
    @FunctionalInterface
    public interface Operation<T> {
        T run() throws java.sql.SQLException;
    }

    /**
     * Runs an operation of the DAO's other packages (feature tables) under the same seam as {@link DeltaTable}'s
     * own: span {@code databricks.delta.<operation>} (current on this thread, so the driver's statement spans are
     * its children), {@code databricks_delta_operations_total} and, when {@code rows} is given,
     * {@code databricks_delta_rows_processed}. Not meant for applications.
     *
     * @param table the table label: its name, unquoted, parts joined by dots
     * @param rows  the rows the result stands for, or null
     */
    public static <T> T observe(String operation, String table, Operation<T> work,
                                java.util.function.ToLongFunction<T> rows) throws java.sql.SQLException {
        Observation o = Observation.start(operation, table);
        try (DeltaTracing.Scope scope = o.makeCurrent()) {
            T result = work.run();
            if (rows != null) {
                long n = rows.applyAsLong(result);
                o.attribute("rows", n).rows(n);
            }
            return result;
        } catch (java.sql.SQLException | RuntimeException e) {
            o.failed(e);
            throw e;
        } finally {
            o.end();
        }
    }

    static DeltaMeters meters() {
        DeltaMeters m = meters;
        if (m == null) {
            m = present(MICROMETER_PROBE) ? MicrometerDeltaMeters.global() : DeltaMeters.NONE;
            meters = m;
        }
        return m;
    }

    static DeltaTracing tracing() {
        DeltaTracing t = tracing;
        if (t == null) {
            t = present(OPENTELEMETRY_PROBE) ? OtelDeltaTracing.global() : DeltaTracing.NONE;
            tracing = t;
        }
        return t;
    }

    /** Whether a class can be loaded by the DAO's class loader, without initializing it. */
    private static boolean present(String className) {
        try {
            Class.forName(className, false, DeltaTelemetry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
