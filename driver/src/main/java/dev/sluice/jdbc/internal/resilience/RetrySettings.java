package dev.sluice.jdbc.internal.resilience;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How each row of the {@link ErrorTable} retries, plus the limits every call shares. Immutable; the
 * {@code with*} methods return copies.
 *
 * @param rows attempts, first wait and time budget per row (every row present)
 * @param deadline the longest a call may take with its retries and waits; a wait that would pass it is not
 *     started; zero for none
 * @param maxBackoff the cap of a doubling wait (not of a longer {@code Retry-After})
 * @param jitter every wait is lengthened by a random fraction of itself in {@code [0, jitter]}, so that clients
 *     that failed together do not come back together
 */
public record RetrySettings(Map<ErrorTable, Row> rows, Duration deadline, Duration maxBackoff, double jitter) {

    /**
     * One row's settings.
     *
     * @param attempts attempts, the first included; 1 means never repeated
     * @param backoff the first wait without {@code Retry-After}, doubled after every further failure
     * @param budget the longest time spent retrying this row within one call, from its first failure; zero for
     *     no limit other than the call's deadline (the official driver's {@code RateLimitRetryTimeout} and
     *     {@code TemporarilyUnavailableRetryTimeout})
     */
    public record Row(int attempts, Duration backoff, Duration budget) {
        /** @throws IllegalArgumentException for fewer than one attempt or a negative duration */
        public Row {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
            }
            Objects.requireNonNull(backoff, "backoff is null");
            Objects.requireNonNull(budget, "budget is null");
            if (backoff.isNegative() || budget.isNegative()) {
                throw new IllegalArgumentException("backoff and budget must not be negative");
            }
        }
    }

    /** Total deadline of a call when none is configured. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
    /** Cap of a doubling wait. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Every wait is lengthened by up to a quarter of itself. */
    public static final double DEFAULT_JITTER = 0.25;
    /** The official driver's {@code RateLimitRetryTimeout} default. */
    public static final Duration DEFAULT_RATE_LIMIT_BUDGET = Duration.ofSeconds(120);
    /** The official driver's {@code TemporarilyUnavailableRetryTimeout} default. */
    public static final Duration DEFAULT_UNAVAILABLE_BUDGET = Duration.ofSeconds(900);

    /**
     * @throws IllegalArgumentException when a row is missing, a duration is negative or jitter is outside 0..1
     */
    public RetrySettings {
        Objects.requireNonNull(rows, "rows is null");
        Objects.requireNonNull(deadline, "deadline is null");
        Objects.requireNonNull(maxBackoff, "maxBackoff is null");
        EnumMap<ErrorTable, Row> copy = new EnumMap<>(ErrorTable.class);
        copy.putAll(rows);
        for (ErrorTable row : ErrorTable.values()) {
            if (!copy.containsKey(row)) {
                throw new IllegalArgumentException("no settings for row " + row);
            }
        }
        if (deadline.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("deadline and maxBackoff must not be negative");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        }
        rows = Collections.unmodifiableMap(copy);
    }

    /** The table's defaults: 5 / 3 / 3 / 3 attempts, 1 s / 1 s / 500 ms / 100 ms, 5 minutes per call. */
    public static RetrySettings defaults() {
        Map<ErrorTable, Row> rows = new EnumMap<>(ErrorTable.class);
        for (ErrorTable row : ErrorTable.values()) {
            Duration budget = row == ErrorTable.RATE_LIMITED ? DEFAULT_RATE_LIMIT_BUDGET
                    : row == ErrorTable.SERVICE_UNAVAILABLE ? DEFAULT_UNAVAILABLE_BUDGET : Duration.ZERO;
            rows.put(row, new Row(row.defaultAttempts(), row.defaultBackoff(), budget));
        }
        return new RetrySettings(rows, DEFAULT_DEADLINE, DEFAULT_MAX_BACKOFF, DEFAULT_JITTER);
    }

    /** The settings of one row. */
    public Row row(ErrorTable row) {
        return rows.get(row);
    }

    /**
     * A copy with one row changed.
     *
     * @throws IllegalArgumentException for {@link ErrorTable#TOKEN_EXPIRED} or {@link ErrorTable#NOT_RETRYABLE}
     *     with more than one attempt: the first is repeated by the transport, once; the second never
     */
    public RetrySettings with(ErrorTable row, Row settings) {
        if ((row == ErrorTable.TOKEN_EXPIRED || row == ErrorTable.NOT_RETRYABLE) && settings.attempts() != 1) {
            throw new IllegalArgumentException(row + " is never retried by the retry policies");
        }
        Map<ErrorTable, Row> copy = new EnumMap<>(rows);
        copy.put(row, settings);
        return new RetrySettings(copy, deadline, maxBackoff, jitter);
    }

    /** A copy with another call deadline. */
    public RetrySettings withDeadline(Duration value) {
        return new RetrySettings(rows, value, maxBackoff, jitter);
    }

    /** A copy with another cap of doubling waits. */
    public RetrySettings withMaxBackoff(Duration value) {
        return new RetrySettings(rows, deadline, value, jitter);
    }

    /** A copy with another jitter fraction. */
    public RetrySettings withJitter(double value) {
        return new RetrySettings(rows, deadline, maxBackoff, value);
    }
}
