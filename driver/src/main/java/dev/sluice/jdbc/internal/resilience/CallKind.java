package dev.sluice.jdbc.internal.resilience;

/** Whether repeating a call is harmless, which decides the failures after which it may be repeated. */
public enum CallKind {
    /** Repeating the call has no further effect: polls, chunk fetches, downloads, cancel, DELETE, sessions. */
    IDEMPOTENT,
    /** The call may start a statement: repeated only when the failure proves the server did not accept it. */
    STATEMENT_SUBMIT,
    /** Running a statement again after it FAILED: only when its Delta transaction aborted on a conflict. */
    STATEMENT_RERUN
}
