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
