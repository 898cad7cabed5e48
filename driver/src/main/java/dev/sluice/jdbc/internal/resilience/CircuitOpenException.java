package dev.sluice.jdbc.internal.resilience;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A call was not sent because the workspace's circuit breaker is open: recent calls to that host failed one
 * after another, so this one fails at once instead of adding to the load and making the caller wait.
 */
public final class CircuitOpenException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final Instant retryAt;

    /**
     * @param host {@code host:port} of the workspace
     * @param what the call that was not sent (method and path template)
     * @param failures the consecutive failures that opened the breaker
     * @param retryAt when calls will be let through again
     * @param now the breaker clock's current time
     */
    public CircuitOpenException(String host, String what, int failures, Instant retryAt, Instant now) {
        super("the circuit breaker for " + host + " is open after " + failures + " failed calls in a row, so "
                + what + " was not sent; calls to " + host + " will be tried again at "
                + Objects.requireNonNull(retryAt, "retryAt is null").truncatedTo(ChronoUnit.SECONDS) + " (in "
                + Math.max(0, (Duration.between(now, retryAt).toMillis() + 999) / 1000) + " s)");
        this.host = host;
        this.retryAt = retryAt;
    }

    /** {@code host:port} of the workspace. */
    public String host() {
        return host;
    }

    /** When calls will be let through again. */
    public Instant retryAt() {
        return retryAt;
    }
}
