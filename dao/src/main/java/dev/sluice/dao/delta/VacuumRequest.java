package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code VACUUM t [LITE] [RETAIN n HOURS] [DRY RUN]}. A retention under the table's
 * {@code delta.deletedFileRetentionDuration} fails with {@link VacuumRetentionTooShort} before anything runs, unless
 * {@link #allowShortRetention()}: then the server's own safety check is switched off for this one statement and
 * restored right after it. Immutable: each method returns a new request.
 */
public final class VacuumRequest {

    private final Duration retain;
    private final boolean dryRun;
    private final boolean lite;
    private final boolean allowShortRetention;

    private VacuumRequest(Duration retain, boolean dryRun, boolean lite, boolean allowShortRetention) {
        if (retain != null && (retain.isNegative() || !retain.equals(Duration.ofHours(retain.toHours())))) {
            throw new IllegalArgumentException("retention " + retain + " is not a whole, non-negative number of hours");
        }
        this.retain = retain;
        this.dryRun = dryRun;
        this.lite = lite;
        this.allowShortRetention = allowShortRetention;
    }

    /** The table's own retention, files deleted. */
    public static VacuumRequest defaults() {
        return new VacuumRequest(null, false, false, false);
    }

    /** {@code RETAIN n HOURS}; whole hours. */
    public VacuumRequest retain(Duration d) {
        return new VacuumRequest(requireNonNull(d, "retention is null"), dryRun, lite, allowShortRetention);
    }

    /** List the files that would be deleted; delete nothing. */
    public VacuumRequest dryRun() {
        return new VacuumRequest(retain, true, lite, allowShortRetention);
    }

    /** {@code VACUUM LITE}: only files the transaction log references. */
    public VacuumRequest lite() {
        return new VacuumRequest(retain, dryRun, true, allowShortRetention);
    }

    /** Accept a retention under the table's minimum for this one statement. */
    public VacuumRequest allowShortRetention() {
        return new VacuumRequest(retain, dryRun, lite, true);
    }

    public Optional<Duration> retention() {
        return Optional.ofNullable(retain);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public boolean isLite() {
        return lite;
    }

    public boolean isShortRetentionAllowed() {
        return allowShortRetention;
    }
}
