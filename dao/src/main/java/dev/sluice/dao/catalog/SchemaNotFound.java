package dev.sluice.dao.catalog;

/** The schema does not exist, or the caller may not see it ({@code SCHEMA_DOES_NOT_EXIST}); SQLSTATE 42704. */
public final class SchemaNotFound extends CatalogError {
    private static final long serialVersionUID = 1L;

    public SchemaNotFound(String message, int httpStatus, String errorCode, Throwable cause) {
        super(message, "42704", httpStatus, errorCode, cause);
    }
}
