package dev.sluice.dao.delta;

import java.util.OptionalLong;

/**
 * Time travel to a version or timestamp the table does not have. When the server named the versions it has
 * ({@code Available versions: [0, 6]}), {@link #earliestVersion()} and {@link #latestVersion()} give them.
 */
public final class VersionNotFound extends DeltaException {

    private static final long serialVersionUID = 1L;

    private final Long earliest;
    private final Long latest;

    public VersionNotFound(String message, String sqlState, int vendorCode, String errorClass, Throwable cause,
                           Long earliest, Long latest) {
        super(message, sqlState, vendorCode, errorClass, cause);
        this.earliest = earliest;
        this.latest = latest;
    }

    /** The earliest version the server said it has, if it said. */
    public OptionalLong earliestVersion() {
        return earliest == null ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** The latest version the server said it has, if it said. */
    public OptionalLong latestVersion() {
        return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    @Override
    public DeltaErrorKind kind() {
        return DeltaErrorKind.VERSION_NOT_FOUND;
    }
}
