package dev.sluice.dao.delta;

import java.time.Duration;

/**
 * The DAO's one telemetry seam, for the DAO's packages beside Delta (the Jobs DAO): spans and meters by name, sent
 * where {@link DeltaTelemetry} says (its registry and OpenTelemetry, else the global ones, else nowhere when the
 * libraries are absent). Applications configure telemetry with {@link DeltaTelemetry}; they have no need of this
 * class. Nothing here throws: telemetry never breaks an operation.
 */
public final class DaoTelemetry {

    private DaoTelemetry() {
    }

    /** One span; attribute values are never SQL text, parameters or secrets. */
    public interface Span {
        void attribute(String key, String value);

        void attribute(String key, long value);

        /** Marks the span failed with a short, bounded type (a SQLSTATE or an exception's simple class name). */
        void failed(String errorType);

        void end();
    }

    /** Starts the span {@code name} as a child of the current span. */
    public static Span span(String name) {
        try {
            return DeltaTelemetry.tracing().startSpan(name);
        } catch (RuntimeException | LinkageError e) {
            return DeltaTracing.NO_SPAN;
        }
    }

    /** Adds one to the counter {@code name}; {@code tags} are key, value, key, value, ... */
    public static void count(String name, String description, String... tags) {
        try {
            DeltaTelemetry.meters().count(name, description, tags);
        } catch (RuntimeException | LinkageError e) {
            // no meters: Micrometer is absent or refused
        }
    }

    /** Records {@code duration} in the timer {@code name}; {@code tags} as for {@link #count}. */
    public static void time(String name, String description, Duration duration, String... tags) {
        try {
            DeltaTelemetry.meters().time(name, description, duration, tags);
        } catch (RuntimeException | LinkageError e) {
            // as above
        }
    }
}
