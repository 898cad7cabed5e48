package dev.sluice.jdbc.internal.observe;

import dev.sluice.jdbc.Version;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@link Tracing} on the OpenTelemetry API. Loaded only after {@link Telemetry} has seen the API on the class path:
 * no other class of the driver names an OpenTelemetry type.
 */
final class OtelTracing implements Tracing {
    private static final String INSTRUMENTATION_SCOPE = "dev.sluice.jdbc";
    private static final TextMapSetter<BiConsumer<String, String>> SETTER =
            (header, key, value) -> header.accept(key, value);
    /** {@code getOrNoop} (API 1.52+) leaves the global unset, so an application may still set it later. */
    private static volatile boolean hasGetOrNoop = true;

    private final Supplier<OpenTelemetry> source;

    private OtelTracing(Supplier<OpenTelemetry> source) {
        this.source = source;
    }

    /** Spans through {@link GlobalOpenTelemetry}, looked up at each use so a later registration is seen. */
    static Tracing global() {
        return new OtelTracing(OtelTracing::globalOrNoop);
    }

    /** @throws IllegalArgumentException when {@code openTelemetry} is not an {@code OpenTelemetry} */
    static Tracing of(Object openTelemetry) {
        if (!(openTelemetry instanceof OpenTelemetry)) {
            throw new IllegalArgumentException("expected an io.opentelemetry.api.OpenTelemetry, got "
                    + openTelemetry.getClass().getName());
        }
        OpenTelemetry fixed = (OpenTelemetry) openTelemetry;
        return new OtelTracing(() -> fixed);
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

    private Tracer tracer() {
        return source.get().getTracer(INSTRUMENTATION_SCOPE, Version.TEXT);
    }

    @Override
    public TraceSpan startExecute(ServerTarget target, String operation) {
        Span span = tracer().spanBuilder(EXECUTE)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", "databricks")
                .setAttribute("db.system.name", "databricks")
                .setAttribute("server.address", target.host())
                .setAttribute("server.port", (long) target.port())
                .setAttribute("databricks.warehouse_id", target.warehouseId())
                .startSpan();
        if (operation != null) {
            span.setAttribute("db.operation.name", operation);
        }
        return new OtelSpan(span);
    }

    @Override
    public TraceSpan startFetch(Object parent, String statementId, int chunkIndex) {
        Context context = parent instanceof Context ? (Context) parent : Context.current();
        Span span = tracer().spanBuilder(FETCH)
                .setParent(context)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("db.system", "databricks")
                .setAttribute("databricks.statement_id", Objects.requireNonNullElse(statementId, ""))
                .setAttribute("databricks.chunk_index", (long) chunkIndex)
                .startSpan();
        return new OtelSpan(span);
    }

    @Override
    public TraceSpan startApiRequest(String method, String endpoint, String host, int port) {
        Span span = tracer().spanBuilder(API_REQUEST)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", method)
                .setAttribute("url.template", endpoint)
                .setAttribute("server.address", host)
                .setAttribute("server.port", (long) port)
                .startSpan();
        return new OtelSpan(span);
    }

    @Override
    public Object current() {
        return Context.current();
    }

    @Override
    public TraceScope attach(Object context) {
        if (!(context instanceof Context)) {
            return TraceScope.NONE;
        }
        Scope scope = ((Context) context).makeCurrent();
        return scope::close;
    }

    /**
     * W3C trace context always (the issue asks for {@code traceparent} on every API call, and an SDK built without
     * propagators would otherwise send none), then whatever the application's propagators add (baggage, B3).
     */
    @Override
    public void inject(BiConsumer<String, String> header) {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return;
        }
        W3CTraceContextPropagator.getInstance().inject(context, header, SETTER);
        source.get().getPropagators().getTextMapPropagator().inject(context, header, SETTER);
    }

    @Override
    public String toString() {
        return "OtelTracing";
    }

    /** One OpenTelemetry span. */
    private static final class OtelSpan implements TraceSpan {
        private final Span span;

        OtelSpan(Span span) {
            this.span = span;
        }

        @Override
        public TraceSpan attribute(String key, String value) {
            if (value != null) {
                span.setAttribute(key, value);
            }
            return this;
        }

        @Override
        public TraceSpan attribute(String key, long value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public TraceSpan failed(String errorType) {
            span.setStatus(StatusCode.ERROR, errorType);
            span.setAttribute("error.type", errorType);
            return this;
        }

        @Override
        public TraceScope makeCurrent() {
            Scope scope = span.makeCurrent();
            return scope::close;
        }

        @Override
        public Object context() {
            return Context.current().with(span);
        }

        @Override
        public void end() {
            span.end();
        }
    }
}
