package dev.sluice.dao.delta;

/** Another writer committed a conflicting change first; nothing of this operation was committed. With Sluice this is thrown after the driver's ConcurrentModificationRetryAttempts are spent. */
public final class ConcurrentModification extends DeltaException {

    private static final long serialVersionUID = 1L;

    public ConcurrentModification(String message, String sqlState, int vendorCode, String errorClass, Throwable cause) {
        super(message, sqlState, vendorCode, errorClass, cause);
    }

    @Override
    public DeltaErrorKind kind() {
        return DeltaErrorKind.CONCURRENT_MODIFICATION;
    }
}
