package dev.sluice.jdbc.internal.observe;

/**
 * One span of the driver's work. Attribute values must never be SQL text, parameter values, URLs of external links
 * or credentials. Calls after {@link #end()} are ignored; implementations never throw.
 */
public interface TraceSpan {
    /** Sets a text attribute; a null value is ignored. */
    TraceSpan attribute(String key, String value);

    /** Sets a number attribute. */
    TraceSpan attribute(String key, long value);

    /**
     * Marks the span failed.
     *
     * @param errorType a short, bounded description: a SQLSTATE or an exception's simple class name
     */
    TraceSpan failed(String errorType);

    /** Makes this span the parent of spans started on this thread and of the {@code traceparent} sent. */
    TraceScope makeCurrent();

    /** An opaque handle for starting child spans on other threads, see {@link Tracing#startFetch}. */
    Object context();

    /** Ends the span; the first call counts. */
    void end();

    /** A span that records nothing. */
    TraceSpan NONE = new TraceSpan() {
        @Override
        public TraceSpan attribute(String key, String value) {
            return this;
        }

        @Override
        public TraceSpan attribute(String key, long value) {
            return this;
        }

        @Override
        public TraceSpan failed(String errorType) {
            return this;
        }

        @Override
        public TraceScope makeCurrent() {
            return TraceScope.NONE;
        }

        @Override
        public Object context() {
            return null;
        }

        @Override
        public void end() {
        }

        @Override
        public String toString() {
            return "TraceSpan.NONE";
        }
    };
}
