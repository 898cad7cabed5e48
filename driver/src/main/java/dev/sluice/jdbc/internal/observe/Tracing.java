package dev.sluice.jdbc.internal.observe;

import java.util.function.BiConsumer;

/**
 * Starts the driver's spans and writes the W3C trace context into API requests. Span names and attributes follow
 * the OpenTelemetry database and HTTP conventions where they fit; see the driver's OBSERVABILITY.md.
 */
public interface Tracing {
    /** Name of the span from statement submission to its terminal state. */
    String EXECUTE = "databricks.sql.execute";
    /** Name of the span of one result chunk fetched (chunk endpoint and/or external link download). */
    String FETCH = "databricks.sql.fetch";
    /** Name of the span of one REST API call (a 401 answered with fresh credentials stays in the same span). */
    String API_REQUEST = "databricks.api.request";

    /** Starts {@link #EXECUTE} as a child of the current span, if any. */
    TraceSpan startExecute(ServerTarget target, String operation);

    /**
     * Starts {@link #FETCH} on a fetch thread.
     *
     * @param parent {@link TraceSpan#context()} of the span this fetch belongs to, or null
     */
    TraceSpan startFetch(Object parent, String statementId, int chunkIndex);

    /** Starts {@link #API_REQUEST} as a child of the current span, if any. */
    TraceSpan startApiRequest(String method, String endpoint, String host, int port);

    /** The current span's context as an opaque handle for other threads, or null. */
    Object current();

    /** Makes a handle from {@link #current()}, taken on another thread, current on this one (work sent off a thread). */
    TraceScope attach(Object context);

    /** Writes {@code traceparent} (and {@code tracestate}, and what configured propagators add) for the current span. */
    void inject(BiConsumer<String, String> header);

    /** No spans, no headers: the OpenTelemetry API is absent. */
    Tracing NONE = new Tracing() {
        @Override
        public TraceSpan startExecute(ServerTarget target, String operation) {
            return TraceSpan.NONE;
        }

        @Override
        public TraceSpan startFetch(Object parent, String statementId, int chunkIndex) {
            return TraceSpan.NONE;
        }

        @Override
        public TraceSpan startApiRequest(String method, String endpoint, String host, int port) {
            return TraceSpan.NONE;
        }

        @Override
        public Object current() {
            return null;
        }

        @Override
        public TraceScope attach(Object context) {
            return TraceScope.NONE;
        }

        @Override
        public void inject(BiConsumer<String, String> header) {
        }

        @Override
        public String toString() {
            return "Tracing.NONE";
        }
    };
}
