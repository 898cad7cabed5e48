package dev.sluice.dao.catalog;

/**
 * The catalog refused the access asked for: a missing privilege ({@code PERMISSION_DENIED}, HTTP 403), or
 * credentials the table's kind does not allow (READ_WRITE on a managed table: 400 {@code INVALID_PARAMETER_VALUE}
 * on Databricks). SQLSTATE 42501.
 */
public final class AccessDenied extends CatalogError {
    private static final long serialVersionUID = 1L;

    public AccessDenied(String message, int httpStatus, String errorCode, Throwable cause) {
        super(message, "42501", httpStatus, errorCode, cause);
    }
}
