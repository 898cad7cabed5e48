package dev.sluice.dao.delta;

/** Starts the DAO's spans, {@code databricks.delta.<operation>}. Implementations never throw. */
interface DeltaTracing {
    /** Starts {@code databricks.delta.<operation>} as a child of the current span, with the {@code table} attribute. */
    DeltaSpan start(String operation, String table);

    /** One span; calls after {@link #end()} are ignored. Attribute values are never SQL text or bound values. */
    interface DeltaSpan {
        void attribute(String key, String value);

        void attribute(String key, long value);

        /** Marks the span failed with a short, bounded type (a SQLSTATE or an exception's simple class name). */
        void failed(String errorType);

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
        public String toString() {
            return "DeltaTracing.NONE";
        }
    };
}
