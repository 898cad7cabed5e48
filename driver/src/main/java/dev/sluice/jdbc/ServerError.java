package dev.sluice.jdbc;

import java.util.Optional;

/**
 * What the server said about a failure, attached as the {@linkplain java.sql.SQLException#getCause()
 * cause} of the {@link java.sql.SQLException} the driver throws for it.
 *
 * <p>The SQLException itself carries the SQLSTATE and a readable message; this object adds the fields
 * that have no slot in JDBC: the Databricks error class (for example {@code TABLE_OR_VIEW_NOT_FOUND}),
 * the REST {@code error_code}, the HTTP status and the statement id.
 */
public final class ServerError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String errorClass;
    private final String errorCode;
    private final int httpStatus;
    private final String statementId;

    /**
     * @param message the server's message, already free of secrets
     * @param errorClass the bracketed error class, or null
     * @param errorCode the REST {@code error_code}, or null
     * @param httpStatus the HTTP status, or 0 when the failure came in a 200 response
     * @param statementId the statement id, or null
     */
    public ServerError(String message, String errorClass, String errorCode, int httpStatus, String statementId) {
        super(message, null, false, false);
        this.errorClass = errorClass;
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
        this.statementId = statementId;
    }

    /** The Databricks error class, such as {@code PARSE_SYNTAX_ERROR}, when the server named one. */
    public Optional<String> errorClass() {
        return Optional.ofNullable(errorClass);
    }

    /** The REST {@code error_code}, such as {@code BAD_REQUEST} or {@code RESOURCE_EXHAUSTED}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The HTTP status of the response, or 0 when the statement failed inside a 200 response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The id of the statement that failed, when there was one. */
    public Optional<String> statementId() {
        return Optional.ofNullable(statementId);
    }
}
