package dev.sluice.dao.jobs;

/** The job or run does not exist (`RESOURCE_DOES_NOT_EXIST`, or `INVALID_PARAMETER_VALUE` "Run 123 does not exist"); SQLSTATE 42704. */
public final class JobNotFound extends JobsError {
    private static final long serialVersionUID = 1L;

    public JobNotFound(String message, String errorCode, String serverMessage, Throwable cause) {
        super(message, "42704", errorCode, serverMessage, cause);
    }
}
