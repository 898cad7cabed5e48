package dev.sluice.jdbc.internal.observe;

/**
 * The driver's metrics. Every label value passed here comes from a small fixed set (statement types, statuses,
 * endpoint templates, SQLSTATE classes): never SQL text, never an id, so the number of series stays bounded.
 * Implementations are thread-safe and never throw.
 */
public interface Meters {
    /** A statement reached a terminal state (or failed to get there) after {@code nanos}. */
    void query(String statementType, String status, long nanos);

    /** A result set was closed or read to its end after handing out {@code rows} rows. */
    void rowsReturned(String statementType, long rows);

    /** One HTTP exchange with the REST API ended with {@code statusCode} ({@code "none"} without a response). */
    void apiRequest(String method, String endpoint, String statusCode);

    /** The REST API answered 429. */
    void rateLimited(String method, String endpoint);

    /**
     * The driver will try a call again after a failure of the error table's row {@code reason}; {@code call} is the
     * kind of call (idempotent request, statement submission, statement re-run).
     */
    void retry(String reason, String call);

    /** An error reached the application. */
    void error(String operation, String sqlStateClass);

    /** Records nothing: Micrometer is absent. */
    Meters NONE = new Meters() {
        @Override
        public void query(String statementType, String status, long nanos) {
        }

        @Override
        public void rowsReturned(String statementType, long rows) {
        }

        @Override
        public void apiRequest(String method, String endpoint, String statusCode) {
        }

        @Override
        public void rateLimited(String method, String endpoint) {
        }

        @Override
        public void retry(String reason, String call) {
        }

        @Override
        public void error(String operation, String sqlStateClass) {
        }

        @Override
        public String toString() {
            return "Meters.NONE";
        }
    };
}
