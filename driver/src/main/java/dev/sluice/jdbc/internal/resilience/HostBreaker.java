package dev.sluice.jdbc.internal.resilience;

import dev.failsafe.CircuitBreaker;
import dev.sluice.jdbc.internal.client.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The circuit breaker of one workspace ({@code host:port}), shared by every connection to it in the JVM: a Failsafe
 * {@link CircuitBreaker} counts consecutive failures and successes and moves between closed, open and half-open.
 *
 * <p>The move from open to half-open is made here, by the injected {@link Clock}, rather than by Failsafe's own
 * timer, so that tests can pass the open interval without waiting for it. Half-open lets calls through; the
 * configured number of successes closes the breaker, and one failure opens it again.
 *
 * <p>The Failsafe breaker is built at the first failure: until then the breaker is closed with nothing counted, where
 * a success changes nothing, and a cold connection does not load Failsafe's breaker classes (tens of milliseconds
 * of a cold start) for a workspace that answers.
 */
public final class HostBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(HostBreaker.class);

    private final String host;
    private final BreakerSettings settings;
    private final Clock clock;
    /** Null until the first failure is counted. */
    private volatile CircuitBreaker<Object> breaker;
    private volatile long openedAtMillis;

    /**
     * @param host {@code host:port}, for messages
     * @param settings thresholds and open interval
     * @param clock the clock of the open interval
     */
    public HostBreaker(String host, BreakerSettings settings, Clock clock) {
        this.host = Objects.requireNonNull(host, "host is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** The Failsafe breaker, built on first need. */
    private CircuitBreaker<Object> failsafe() {
        CircuitBreaker<Object> b = breaker;
        if (b == null) {
            synchronized (this) {
                b = breaker;
                if (b == null) {
                    b = newFailsafeBreaker();
                    breaker = b;
                }
            }
        }
        return b;
    }

    private CircuitBreaker<Object> newFailsafeBreaker() {
        return CircuitBreaker.builder()
                .withFailureThreshold(settings.failureThreshold())
                .withSuccessThreshold(settings.successThreshold())
                .withDelay(settings.openDelay())
                .onOpen(event -> {
                    openedAtMillis = clock.millis();
                    LOG.warn("circuit breaker for {} opened after {} failed calls in a row; calls fail at once for"
                            + " {} s", host, settings.failureThreshold(), settings.openDelay().toSeconds());
                })
                // observe's rule is one INFO line per connection: half-open is a step, only the recovery is worth INFO
                .onHalfOpen(event -> LOG.debug("circuit breaker for {} is half-open: letting calls through again",
                        host))
                .onClose(event -> LOG.info("circuit breaker for {} closed: calls go through again", host))
                .build();
    }

    /** {@code host:port}. */
    public String host() {
        return host;
    }

    /** The settings this breaker was built with. */
    public BreakerSettings settings() {
        return settings;
    }

    /** CLOSED, OPEN or HALF_OPEN, as of now (an open breaker whose interval passed is half-open). */
    public CircuitBreaker.State state() {
        moveToHalfOpenWhenDue();
        CircuitBreaker<Object> b = breaker;
        return b == null ? CircuitBreaker.State.CLOSED : b.getState();
    }

    /**
     * Lets a call through, or refuses it.
     *
     * @param what the call, for the message
     * @throws CircuitOpenException while the breaker is open
     */
    public void acquire(String what) throws CircuitOpenException {
        if (moveToHalfOpenWhenDue()) {
            Instant retryAt = Instant.ofEpochMilli(openedAtMillis).plus(settings.openDelay());
            throw new CircuitOpenException(host, what, settings.failureThreshold(), retryAt, clock.instant());
        }
    }

    /** True while open; moves to half-open once the interval has passed. */
    private boolean moveToHalfOpenWhenDue() {
        CircuitBreaker<Object> b = breaker;
        if (b == null || !b.isOpen()) {
            return false;
        }
        if (clock.millis() - openedAtMillis >= settings.openDelay().toMillis()) {
            b.halfOpen();
            return false;
        }
        return true;
    }

    /** The workspace answered. */
    public void recordSuccess() {
        CircuitBreaker<Object> b = breaker;
        if (b != null) {
            b.recordSuccess();
        }
    }

    /** A call failed after its retries: counted as the class says. */
    public void record(IOException failure) {
        if (failure instanceof CircuitOpenException) {
            return;
        }
        ErrorTable row = ErrorTable.classify(failure);
        if (row.countsAgainstBreaker()) {
            failsafe().recordFailure();
        } else if (failure instanceof ApiException) {
            // a 4xx (or 501) is an answer: the workspace is up, whatever the caller did wrong
            recordSuccess();
        }
    }

    @Override
    public String toString() {
        return "HostBreaker[" + host + ", " + state() + "]";
    }
}
