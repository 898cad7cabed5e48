package dev.sluice.dao.jobs;

/** The run could not get its compute: the cluster was not found, not running or lost (SQLSTATE 08004). */
public final class ClusterNotAvailable extends JobsError {
    private static final long serialVersionUID = 1L;

    public ClusterNotAvailable(String message, String errorCode, String serverMessage, Throwable cause) {
        super(message, "08004", errorCode, serverMessage, cause);
    }
}
