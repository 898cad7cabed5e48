package dev.sluice.dao.delta;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.function.Supplier;

/**
 * {@link DeltaTracing} on the OpenTelemetry API. Loaded only after {@link DeltaTelemetry} has seen the API on the
 * class path: no other class of the DAO names an OpenTelemetry type.
 */
final class OtelDeltaTracing implements DeltaTracing {
    private static final String INSTRUMENTATION_SCOPE = "dev.sluice.dao";
    /** {@code getOrNoop} (API 1.52+) leaves the global unset, so an application may still set it later. */
    private static volatile boolean hasGetOrNoop = true;

    private final Supplier<OpenTelemetry> source;

    private OtelDeltaTracing(Supplier<OpenTelemetry> source) {
        this.source = source;
    }

    static DeltaTracing global() {
        return new OtelDeltaTracing(OtelDeltaTracing::globalOrNoop);
    }

    static DeltaTracing of(Object openTelemetry) {
        if (!(openTelemetry instanceof OpenTelemetry)) {
            throw new IllegalArgumentException("expected an io.opentelemetry.api.OpenTelemetry, got "
                    + openTelemetry.getClass().getName());
        }
        OpenTelemetry fixed = (OpenTelemetry) openTelemetry;
        return new OtelDeltaTracing(() -> fixed);
    }

    private static OpenTelemetry globalOrNoop() {
        if (hasGetOrNoop) {
            try {
                return GlobalOpenTelemetry.getOrNoop();
            } catch (NoSuchMethodError olderApi) {
                hasGetOrNoop = false;
            }
        }
        return GlobalOpenTelemetry.get();
    }

    @Override
    public DeltaSpan start(String operation, String table) {
        DeltaSpan span = startSpan("databricks.delta." + operation);
        span.attribute("table", table);
        return span;
    }

    @Override
    public DeltaSpan startSpan(String name) {
        Span span = source.get().getTracer(INSTRUMENTATION_SCOPE).spanBuilder(name)
                .setSpanKind(SpanKind.INTERNAL)
                .startSpan();
        return new DeltaSpan() {
            @Override
            public void attribute(String key, String value) {
                if (value != null) {
                    span.setAttribute(key, value);
                }
            }

            @Override
            public void attribute(String key, long value) {
                span.setAttribute(key, value);
            }

            @Override
            public void failed(String errorType) {
                span.setStatus(StatusCode.ERROR, errorType);
                span.setAttribute("error.type", errorType);
            }

            @Override
            public Scope makeCurrent() {
                io.opentelemetry.context.Scope scope = span.makeCurrent();
                return scope::close;
            }

            @Override
            public void end() {
                span.end();
            }
        };
    }

    @Override
    public String toString() {
        return "OtelDeltaTracing";
    }
}
