package dev.sluice.jdbc.jobs;

import dev.sluice.jdbc.WorkspaceException;

/** The Jobs or Workspace API answered with an error; the server's HTTP status, error code and message are kept. */
public final class JobsException extends WorkspaceException {
    private static final long serialVersionUID = 1L;

    public JobsException(String message, int httpStatus, String errorCode, String serverMessage, Throwable cause) {
        super(message, httpStatus, errorCode, serverMessage, cause);
    }
}
