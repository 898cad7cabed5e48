package dev.sluice.jdbc.internal.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * When a workspace's circuit breaker opens and closes.
 *
 * @param failureThreshold consecutive failed calls that open it
 * @param openDelay how long it stays open before letting calls through again (half-open)
 * @param successThreshold consecutive successful calls in half-open that close it; one failure opens it again
 */
public record BreakerSettings(int failureThreshold, Duration openDelay, int successThreshold) {
    /** Opens after 5 failures, half-open after 60 s, closes after 2 successes. */
    public static final BreakerSettings DEFAULTS = new BreakerSettings(5, Duration.ofSeconds(60), 2);

    /** @throws IllegalArgumentException for a threshold below 1 or a non-positive delay */
    public BreakerSettings {
        Objects.requireNonNull(openDelay, "openDelay is null");
        if (failureThreshold < 1 || successThreshold < 1) {
            throw new IllegalArgumentException("breaker thresholds must be >= 1, got " + failureThreshold + " and "
                    + successThreshold);
        }
        if (openDelay.isZero() || openDelay.isNegative()) {
            throw new IllegalArgumentException("breaker delay must be positive, got " + openDelay);
        }
    }
}
