package dev.sluice.jdbc.internal.resilience;

import dev.sluice.jdbc.internal.client.StatementStatus;

import java.io.IOException;
import java.util.Objects;

/**
 * A statement reached the FAILED state. Not a transport failure: it travels as an exception only so that the error
 * table can decide whether running the statement again is safe (a Delta transaction conflict).
 */
public final class FailedStatementException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient StatementStatus status;
    private final String statementId;

    /**
     * @param statementId the failed statement
     * @param status its status with the server's error
     */
    public FailedStatementException(String statementId, StatementStatus status) {
        super("statement " + statementId + " failed: " + Objects.requireNonNull(status, "status is null").message());
        this.statementId = statementId;
        this.status = status;
    }

    /** The failed statement's status. */
    public StatementStatus status() {
        return status;
    }

    /** The failed statement's id. */
    public String statementId() {
        return statementId;
    }
}
