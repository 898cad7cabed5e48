package dev.sluice.testing.sea;

/** The {@code status.state} values of a statement, as the server spells them (protocol.md §1.4). */
public enum StatementState {
    /** Waiting for the warehouse or queued. */
    PENDING,
    /** Executing. */
    RUNNING,
    /** Done; manifest and result available. */
    SUCCEEDED,
    /** Execution error, reported with HTTP 200 and {@code status.error}. */
    FAILED,
    /** Cancelled explicitly, by close, or by {@code on_wait_timeout=CANCEL}. */
    CANCELED,
    /** Closed by {@code DELETE /api/2.0/sql/statements/{id}}; results released. */
    CLOSED;

    /** Whether the state is final: polling it again never yields another state (except CLOSED on close). */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
