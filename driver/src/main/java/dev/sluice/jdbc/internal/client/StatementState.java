package dev.sluice.jdbc.internal.client;

/** The {@code status.state} of a statement. */
public enum StatementState {
    /** Waiting for the warehouse or queued. */
    PENDING(false),
    /** Executing. */
    RUNNING(false),
    /** Done; manifest and result are available. */
    SUCCEEDED(true),
    /** Execution failed; the status carries the error. */
    FAILED(true),
    /** Cancelled explicitly or by {@code on_wait_timeout=CANCEL}. */
    CANCELED(true),
    /** Succeeded and then closed; results are gone. */
    CLOSED(true),
    /**
     * A state this driver does not know. Not terminal: a caller keeps polling until its own timeout, which is
     * safer than mistaking a new in-flight state for an end.
     */
    UNKNOWN(false);

    private final boolean terminal;

    StatementState(boolean terminal) {
        this.terminal = terminal;
    }

    /** True for states after which the statement never changes again. */
    public boolean isTerminal() {
        return terminal;
    }

    /** The state for a wire value; {@link #UNKNOWN} for null or values this driver does not know. */
    public static StatementState fromWire(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        for (StatementState state : values()) {
            if (state != UNKNOWN && state.name().equals(value)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
