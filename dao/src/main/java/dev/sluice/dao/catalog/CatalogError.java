package dev.sluice.dao.catalog;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A Unity Catalog call refused by the server, with its HTTP status and {@code error_code} kept. A missing table is
 * {@link dev.sluice.dao.delta.TableNotFound} instead (the one "no such table" of the whole DAO, whether SQL or the
 * catalog found it missing), with the server's code as its error class.
 */
public abstract class CatalogError extends SQLException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;

    protected CatalogError(String message, String sqlState, int httpStatus, String errorCode, Throwable cause) {
        super(message, sqlState, 0, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the server's answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's {@code error_code}, such as {@code CATALOG_DOES_NOT_EXIST}; empty when it sent none. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
