package dev.sluice.jdbc;

import dev.sluice.jdbc.internal.observe.Telemetry;

/**
 * Where the driver sends metrics and spans, for applications that do not use the global ones.
 *
 * <p>Without a call here the driver records metrics in Micrometer's {@code Metrics.globalRegistry} and spans through
 * {@code GlobalOpenTelemetry}, each only when the library is on the class path; with neither, it records nothing and
 * needs nothing. The parameters are {@code Object} so that this class, {@link SluiceDriver} and
 * {@link SluiceDataSource} load and introspect without Micrometer or OpenTelemetry present.
 *
 * <pre>{@code
 * SluiceTelemetry.useMeterRegistry(prometheusRegistry);
 * SluiceTelemetry.useOpenTelemetry(openTelemetrySdk);
 * }</pre>
 *
 * Settings apply to every connection of this driver in the JVM (its class loader), from the next operation on.
 */
public final class SluiceTelemetry {
    private SluiceTelemetry() {
    }

    /**
     * Records the driver's metrics in this registry; null goes back to {@code Metrics.globalRegistry}.
     *
     * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}, or null
     * @throws IllegalStateException when Micrometer is not on the class path
     * @throws IllegalArgumentException when the argument is not a {@code MeterRegistry}
     */
    public static void useMeterRegistry(Object meterRegistry) {
        Telemetry.useMeterRegistry(meterRegistry);
    }

    /**
     * Creates the driver's spans with this OpenTelemetry; null goes back to {@code GlobalOpenTelemetry}.
     *
     * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry}, or null
     * @throws IllegalStateException when the OpenTelemetry API is not on the class path
     * @throws IllegalArgumentException when the argument is not an {@code OpenTelemetry}
     */
    public static void useOpenTelemetry(Object openTelemetry) {
        Telemetry.useOpenTelemetry(openTelemetry);
    }
}
