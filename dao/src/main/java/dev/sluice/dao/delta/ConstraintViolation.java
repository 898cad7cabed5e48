package dev.sluice.dao.delta;

/** A CHECK or NOT NULL constraint refused a row; nothing was committed. */
public final class ConstraintViolation extends DeltaException {

    private static final long serialVersionUID = 1L;

    public ConstraintViolation(String message, String sqlState, int vendorCode, String errorClass, Throwable cause) {
        super(message, sqlState, vendorCode, errorClass, cause);
    }

    @Override
    public DeltaErrorKind kind() {
        return DeltaErrorKind.CONSTRAINT_VIOLATION;
    }
}
