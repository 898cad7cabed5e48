package dev.sluice.jdbc;

import java.io.IOException;

/**
 * A workspace REST API (Jobs, Workspace, Unity Catalog, Files, ...) answered with an error. The server's HTTP
 * status, {@code error_code} and message are kept, so callers can tell {@code RESOURCE_DOES_NOT_EXIST} from
 * {@code PERMISSION_DENIED} without parsing text. Other {@link IOException}s from the same clients mean the server
 * could not be reached, the call timed out or the thread was interrupted.
 */
public class WorkspaceException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;
    private final String serverMessage;

    public WorkspaceException(String message, int httpStatus, String errorCode, String serverMessage,
                              Throwable cause) {
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
