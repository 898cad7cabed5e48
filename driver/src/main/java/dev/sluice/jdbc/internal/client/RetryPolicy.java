package dev.sluice.jdbc.internal.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Bounded retries of REST calls, one instance per client (its {@link #abort()} ends every wait of that client).
 *
 * <p>Idempotent calls (statement GET, chunk GET, DELETE, cancel, sessions, downloads) are repeated on 429 and 503
 * (waiting {@code Retry-After} when sent), on 500/502/504 and on transport failures, with exponential backoff and
 * jitter. A statement submission is repeated only when the failure proves the statement was not accepted: 429,
 * 503 with {@code Retry-After}, or a connection that could not be made; never after a 500, a timeout or a lost
 * connection, so a statement never runs twice. Attempts are bounded and the whole call has a deadline; a wait that
 * would pass the deadline is not started.
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** Whether repeating the call is harmless. */
    public enum Kind {
        /** Repeating the call has no further effect. */
        IDEMPOTENT,
        /** The call may start a statement: repeat only when the failure proves it was not accepted. */
        STATEMENT_SUBMIT
    }

    /** One attempt of a call. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    /** Waits between attempts. */
    public interface Sleeper {
        /**
         * Waits {@code delay}, or less when aborted.
         *
         * @throws InterruptedException when the thread is interrupted
         * @throws IOException when the wait was aborted
         */
        void sleep(Duration delay) throws IOException, InterruptedException;

        /** Ends current and future waits. */
        void abort();
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration deadline;
    private final Sleeper sleeper;

    /**
     * @param maxAttempts attempts including the first, at least 1
     * @param initialBackoff the wait after the first failure without {@code Retry-After}, doubled after each
     * @param maxBackoff the cap of that wait
     * @param deadline the longest time a call may take, waits included
     * @param sleeper how to wait
     * @throws IllegalArgumentException for fewer than 1 attempt or a negative duration
     */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline,
                       Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || deadline.isNegative()) {
            throw new IllegalArgumentException("backoffs and deadline must not be negative");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.deadline = deadline;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    }

    /** 4 attempts, 1 s doubling up to 30 s, 5 minutes per call, waits that {@link #abort()} ends. */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5),
                abortableSleeper());
    }

    /** A sleeper that thread interrupts and {@link Sleeper#abort()} end at once. */
    public static Sleeper abortableSleeper() {
        return new Sleeper() {
            private final CountDownLatch aborted = new CountDownLatch(1);

            @Override
            public void sleep(Duration delay) throws IOException, InterruptedException {
                if (aborted.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new IOException("retry wait aborted: the client is closed");
                }
            }

            @Override
            public void abort() {
                aborted.countDown();
            }
        };
    }

    /** Ends every current and future wait of this policy (the client is closing). */
    public void abort() {
        sleeper.abort();
    }

    /**
     * Runs the call, repeating it as the class describes.
     *
     * @param kind whether the call is idempotent
     * @param description method and path template, for logs
     * @throws IOException the last failure when it may not be retried, attempts are used up or the deadline would
     *     pass; {@link InterruptedIOException} when interrupted while waiting (the interrupt flag is set again)
     */
    public <T> T execute(Kind kind, String description, Call<T> call) throws IOException {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (IOException failure) {
                if (attempt >= maxAttempts || !isRetryable(kind, failure) || Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                Duration delay = delay(attempt, failure);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (elapsed.plus(delay).compareTo(deadline) > 0) {
                    LOG.debug("{} failed; not retrying: a wait of {} ms would pass the {} ms deadline", description,
                            delay.toMillis(), deadline.toMillis());
                    throw failure;
                }
                LOG.debug("{} failed ({}); attempt {} of {} in {} ms", description, failure.getMessage(),
                        attempt + 1, maxAttempts, delay.toMillis());
                pause(delay, failure);
            }
        }
    }

    private void pause(Duration delay, IOException failure) throws IOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.addSuppressed(failure);
            throw interrupted;
        } catch (IOException aborted) {
            aborted.addSuppressed(failure);
            throw aborted;
        }
    }

    /** Whether the failure may be retried for a call of this kind. */
    static boolean isRetryable(Kind kind, IOException failure) {
        if (failure instanceof ApiException api) {
            int status = api.httpStatus();
            if (status == 429) {
                return true;
            }
            if (status == 503) {
                return kind == Kind.IDEMPOTENT || api.retryAfter() != null;
            }
            return kind == Kind.IDEMPOTENT && (status == 500 || status == 502 || status == 504);
        }
        if (failure instanceof ConnectFailedException connect) {
            return !connect.isPermanent();
        }
        return kind == Kind.IDEMPOTENT && failure instanceof TransportException;
    }

    /** {@code Retry-After} plus a little jitter when sent, otherwise exponential backoff plus up to 25% jitter. */
    Duration delay(int attempt, IOException failure) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (failure instanceof ApiException api && api.retryAfter() != null) {
            long base = api.retryAfter().toMillis();
            return Duration.ofMillis(base + random.nextLong(Math.min(250, base / 10) + 1));
        }
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        base = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis(base + random.nextLong(base / 4 + 1));
    }
}
