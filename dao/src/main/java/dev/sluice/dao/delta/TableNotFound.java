package dev.sluice.dao.delta;

/** The table does not exist (SQLSTATE 42P01 on Databricks). */
public final class TableNotFound extends DeltaException {

    private static final long serialVersionUID = 1L;

    public TableNotFound(String message, String sqlState, int vendorCode, String errorClass, Throwable cause) {
        super(message, sqlState, vendorCode, errorClass, cause);
    }

    @Override
    public DeltaErrorKind kind() {
        return DeltaErrorKind.TABLE_NOT_FOUND;
    }
}
