package dev.sluice.jdbc.internal.observe;

/**
 * Where the driver's metrics and spans go. Micrometer and the OpenTelemetry API are optional: this class only
 * checks whether they are on the class path (without linking to them) and loads {@link MicrometerMeters} or
 * {@link OtelTracing} only when they are, so the driver runs with neither.
 *
 * <p>Defaults: Micrometer's global registry and {@code GlobalOpenTelemetry}, both looked up when first needed.
 * {@code dev.sluice.jdbc.SluiceTelemetry} hands in others.
 */
public final class Telemetry {
    static final String MICROMETER_PROBE = "io.micrometer.core.instrument.MeterRegistry";
    static final String OPENTELEMETRY_PROBE = "io.opentelemetry.api.OpenTelemetry";

    private static volatile Meters meters;
    private static volatile Tracing tracing;

    private Telemetry() {
    }

    /** The meters in use; {@link Meters#NONE} without Micrometer. */
    public static Meters meters() {
        Meters m = meters;
        if (m == null) {
            m = present(MICROMETER_PROBE) ? MicrometerMeters.global() : Meters.NONE;
            meters = m;
        }
        return m;
    }

    /** The tracing in use; {@link Tracing#NONE} without the OpenTelemetry API. */
    public static Tracing tracing() {
        Tracing t = tracing;
        if (t == null) {
            t = present(OPENTELEMETRY_PROBE) ? OtelTracing.global() : Tracing.NONE;
            tracing = t;
        }
        return t;
    }

    /**
     * Records metrics in {@code registry} from now on; null goes back to the default.
     *
     * @throws IllegalStateException when Micrometer is not on the class path
     * @throws IllegalArgumentException when {@code registry} is not a Micrometer {@code MeterRegistry}
     */
    public static void useMeterRegistry(Object registry) {
        if (registry == null) {
            meters = null;
            return;
        }
        if (!present(MICROMETER_PROBE)) {
            throw new IllegalStateException("Micrometer (io.micrometer:micrometer-core) is not on the class path");
        }
        meters = MicrometerMeters.of(registry);
    }

    /**
     * Creates spans with {@code openTelemetry} from now on; null goes back to the default.
     *
     * @throws IllegalStateException when the OpenTelemetry API is not on the class path
     * @throws IllegalArgumentException when {@code openTelemetry} is not an {@code OpenTelemetry}
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
        tracing = OtelTracing.of(openTelemetry);
    }

    /** Whether a class can be loaded by the driver's class loader, without initializing it. */
    static boolean present(String className) {
        try {
            Class.forName(className, false, Telemetry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
