package dev.sluice.dao.jobs;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A job or run failure, with the server's error code and message when the server sent one. An SQLException, so
 * that the procedures over the Jobs DAO raise it unchanged.
 */
public abstract class JobsError extends SQLException {
    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final String serverMessage;

    protected JobsError(String message, String sqlState, String errorCode, String serverMessage, Throwable cause) {
        super(message, sqlState, 0, cause);
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** The server's {@code error_code}, such as {@code RESOURCE_DOES_NOT_EXIST}; empty when none was sent. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The server's message (a run's {@code state_message} for a run that ended badly); empty when none. */
    public Optional<String> serverMessage() {
        return Optional.ofNullable(serverMessage);
    }
}
