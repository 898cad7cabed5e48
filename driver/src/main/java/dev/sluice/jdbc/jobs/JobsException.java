package dev.sluice.jdbc.jobs;

import java.io.IOException;

/** The Jobs or Workspace API answered with an error; the server's HTTP status, error code and message are kept. */
public final class JobsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;
    private final String serverMessage;

    public JobsException(String message, int httpStatus, String errorCode, String serverMessage, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The server's {@code error_code} (e.g. {@code INVALID_PARAMETER_VALUE}), or null when it sent none. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's {@code message}, or null when it sent none. */
    public String serverMessage() {
        return serverMessage;
    }
}
