package dev.sluice.dao.delta;

/** Starts the DAO's spans, {@code databricks.delta.<operation>}. Implementations never throw. */
interface DeltaTracing {
    /** Starts {@code databricks.delta.<operation>} as a child of the current span, with the {@code table} attribute. */
    DeltaSpan start(String operation, String table);

    /** Starts a span of the DAO named {@code name} as a child of the current span (the Jobs DAO's spans). */
    DeltaSpan startSpan(String name);

    /** One span; calls after {@link #end()} are ignored. Attribute values are never SQL text or bound values. */
    interface DeltaSpan extends DaoTelemetry.Span {

        /** Makes this span the parent of spans started on this thread (the driver's) until the scope closes. */
        Scope makeCurrent();

        void end();
    }

    /** The time a span is current on this thread; closed on the thread that opened it. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    DeltaSpan NO_SPAN = new DeltaSpan() {
        @Override
        public void attribute(String key, String value) {
        }

        @Override
        public void attribute(String key, long value) {
        }

        @Override
        public void failed(String errorType) {
        }

        @Override
        public Scope makeCurrent() {
            return () -> { };
        }

        @Override
        public void end() {
        }
    };

    /** No spans: the OpenTelemetry API is absent. */
    DeltaTracing NONE = new DeltaTracing() {
        @Override
        public DeltaSpan start(String operation, String table) {
            return NO_SPAN;
        }

        @Override
        public DeltaSpan startSpan(String name) {
            return NO_SPAN;
        }

        @Override
        public String toString() {
            return "DeltaTracing.NONE";
        }
    };
}
