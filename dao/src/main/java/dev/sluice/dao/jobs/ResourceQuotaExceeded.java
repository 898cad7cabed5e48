package dev.sluice.dao.jobs;

/** The workspace refused more runs: 429, `QUOTA_EXCEEDED`, `RESOURCE_EXHAUSTED` or an `INVALID_STATE` rate cap (SQLSTATE 53400). */
public final class ResourceQuotaExceeded extends JobsError {
    private static final long serialVersionUID = 1L;

    public ResourceQuotaExceeded(String message, String errorCode, String serverMessage, Throwable cause) {
        super(message, "53400", errorCode, serverMessage, cause);
    }
}
