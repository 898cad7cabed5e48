package dev.sluice.jdbc.internal.client;

/**
 * HTTP 404 on a statement or one of its chunks: the statement no longer exists on the server (closed, purged
 * after its retention, or never known there).
 */
public final class StatementGoneException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final String statementId;

    /**
     * @param statementId the statement that is gone
     * @param cause the 404 response as parsed
     */
    public StatementGoneException(String statementId, ApiException cause) {
        super(cause.httpStatus(), cause.errorCode(), "statement " + statementId + " no longer exists on the server ("
                + cause.serverMessage() + ")", cause.retryAfter(), cause.method(), cause.pathTemplate());
        this.statementId = statementId;
    }

    /** The statement id. */
    public String statementId() {
        return statementId;
    }
}
