package dev.sluice.dao.catalog;

/** The catalog does not exist, or the caller may not see it ({@code CATALOG_DOES_NOT_EXIST}); SQLSTATE 42P08. */
public final class CatalogNotFound extends CatalogError {
    private static final long serialVersionUID = 1L;

    public CatalogNotFound(String message, int httpStatus, String errorCode, Throwable cause) {
        super(message, "42P08", httpStatus, errorCode, cause);
    }
}
