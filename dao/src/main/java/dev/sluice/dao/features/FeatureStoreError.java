package dev.sluice.dao.features;

import dev.sluice.jdbc.WorkspaceException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A feature-store or serving REST call answered with an error, as an SQLException: SQLSTATE from the HTTP status
 * (404 42704, 409 42710, 400 22023, 401/403 42501, others 58000), the server's {@code error_code} kept.
 */
public final class FeatureStoreError extends SQLException {
    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int httpStatus;

    FeatureStoreError(String message, String sqlState, int httpStatus, String errorCode, Throwable cause) {
        super(message, sqlState, cause);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    static FeatureStoreError of(String what, WorkspaceException e) {
        String state = switch (e.httpStatus()) {
            case 404 -> "42704";
            case 409 -> "42710";
            case 400 -> "22023";
            case 401, 403 -> "42501";
            default -> "58000";
        };
        String detail = e.serverMessage() != null ? e.serverMessage() : e.getMessage();
        return new FeatureStoreError(what + ": " + detail + (e.errorCode() == null ? "" : " [" + e.errorCode() + "]"),
                state, e.httpStatus(), e.errorCode(), e);
    }

    /** The server's {@code error_code}, e.g. {@code RESOURCE_DOES_NOT_EXIST}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
