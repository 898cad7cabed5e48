package dev.sluice.dao.delta;

import java.time.Duration;
import java.util.Optional;

/**
 * A VACUUM retention under the table's minimum ({@code delta.deletedFileRetentionDuration}, one week by default).
 * Thrown before anything is sent when the DAO knows both durations, or translated from the server's
 * {@code DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT}. {@code VacuumRequest.allowShortRetention()} lifts the check.
 */
public final class VacuumRetentionTooShort extends DeltaException {

    private static final long serialVersionUID = 1L;

    private final Duration requested;
    private final Duration minimum;

    public VacuumRetentionTooShort(String message, String sqlState, int vendorCode, String errorClass,
                                   Throwable cause, Duration requested, Duration minimum) {
        super(message, sqlState, vendorCode, errorClass, cause);
        this.requested = requested;
        this.minimum = minimum;
    }

    /** The retention asked for, when known. */
    public Optional<Duration> requested() {
        return Optional.ofNullable(requested);
    }

    /** The table's minimum retention, when known. */
    public Optional<Duration> minimum() {
        return Optional.ofNullable(minimum);
    }

    @Override
    public DeltaErrorKind kind() {
        return DeltaErrorKind.VACUUM_RETENTION_TOO_SHORT;
    }
}
