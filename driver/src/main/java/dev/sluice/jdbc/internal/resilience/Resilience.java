package dev.sluice.jdbc.internal.resilience;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.sluice.jdbc.internal.client.ApiException;
import dev.sluice.jdbc.internal.observe.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The retry policies and circuit breaker of one connection, built on Failsafe from the {@link ErrorTable}.
 *
 * <p>Each failure is classified into its row; the row's Failsafe {@link RetryPolicy} (attempts, doubling backoff
 * capped at {@link RetrySettings#maxBackoff()}, the server's {@code Retry-After}) decides whether and after how long
 * the call is tried again, counting that row's attempts separately for every call. Every wait is lengthened by a
 * random jitter, and a wait that would pass the row's time budget or the call's deadline is not started. The waits themselves are the {@link Sleeper}'s, so that
 * closing the client or interrupting the thread ends them at once.
 *
 * <p>Calls to the workspace go through its {@link HostBreaker} (shared by all connections to that host and port):
 * an open breaker fails the call at once with {@link CircuitOpenException}. What the breaker counts: a call that
 * still failed after its retries with a row that {@linkplain ErrorTable#countsAgainstBreaker() counts} (429, 5xx
 * but 501, network failures) is a failure; any HTTP answer below 500 but 429 is a success, because the workspace
 * answered; local failures (interrupts, a closed client, a malformed body) count as neither.
 */
public final class Resilience {
    private static final Logger LOG = LoggerFactory.getLogger(Resilience.class);
    private static final Duration NO_OPINION = Duration.ofNanos(-1);

    /** One attempt of a call. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private final RetrySettings settings;
    /**
     * The rows' policies by ordinal, each built at its row's first failure: a call that succeeds needs none, and a
     * cold connection does not load Failsafe's policy classes (tens of milliseconds) to open a session. Policies are
     * immutable, so two threads building the same one at once is harmless.
     */
    private final AtomicReferenceArray<RetryPolicy<Object>> policies =
            new AtomicReferenceArray<>(ErrorTable.values().length);
    private final HostBreaker breaker;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    /**
     * @param settings the rows' settings and the call deadline
     * @param breaker the workspace's breaker, or null for none
     * @param sleeper how to wait; {@link #abort()} aborts it
     * @param nanoTime the clock of deadlines and budgets ({@code System::nanoTime} outside tests)
     */
    public Resilience(RetrySettings settings, HostBreaker breaker, Sleeper sleeper, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.breaker = breaker;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime is null");
    }

    private RetryPolicy<Object> policy(ErrorTable row) {
        RetryPolicy<Object> policy = policies.get(row.ordinal());
        if (policy == null) {
            policy = policy(row, settings);
            if (!policies.compareAndSet(row.ordinal(), null, policy)) {
                policy = policies.get(row.ordinal());
            }
        }
        return policy;
    }

    /** The table's defaults, no breaker, waits that {@link #abort()} ends. */
    public static Resilience standard() {
        return new Resilience(RetrySettings.defaults(), null, Sleeper.abortable(), System::nanoTime);
    }

    private static RetryPolicy<Object> policy(ErrorTable row, RetrySettings settings) {
        RetrySettings.Row r = settings.row(row);
        RetryPolicyBuilder<Object> builder = RetryPolicy.builder().withMaxAttempts(r.attempts());
        Duration backoff = r.backoff();
        Duration cap = settings.maxBackoff();
        if (!backoff.isZero() && backoff.compareTo(cap) < 0) {
            builder.withBackoff(backoff, cap);
        } else if (!backoff.isZero()) {
            builder.withDelay(backoff);
        }
        if (row.honoursRetryAfter()) {
            // a negative delay makes Failsafe fall back to the doubling backoff
            builder.withDelayFn(context -> context.getLastException() instanceof ApiException api
                    && api.retryAfter() != null ? api.retryAfter() : NO_OPINION);
        }
        // the row's time budget is checked by Attempts on the injected clock, as the call's deadline is
        return builder.build();
    }

    /** The settings in force. */
    public RetrySettings settings() {
        return settings;
    }

    /** The workspace's breaker, or null. */
    public HostBreaker breaker() {
        return breaker;
    }

    /**
     * Runs a call to the workspace through its breaker, repeating it as the error table says.
     *
     * @param what method and path template, for logs (any query is left out)
     * @throws CircuitOpenException when the workspace's breaker is open (the call was not sent)
     * @throws IOException the last failure when it may not be repeated, the row's attempts or budget are used up or
     *     the call's deadline would pass; {@link InterruptedIOException} when interrupted while waiting
     */
    public <T> T call(CallKind kind, String what, Call<T> call) throws IOException {
        return run(kind, what, null, call, breaker);
    }

    /**
     * As {@link #call(CallKind, String, Call)}, within a budget of its own as well as the call deadline.
     *
     * @param budget the time the caller has left (a statement's timeout), or null
     */
    public <T> T call(CallKind kind, String what, Duration budget, Call<T> call) throws IOException {
        return run(kind, what, budget, call, breaker);
    }

    /** As {@link #call}, without the breaker: for hosts other than the workspace (cloud storage downloads). */
    public <T> T callElsewhere(CallKind kind, String what, Call<T> call) throws IOException {
        return run(kind, what, null, call, null);
    }

    private <T> T run(CallKind kind, String what, Duration budget, Call<T> call, HostBreaker guard)
            throws IOException {
        String shown = withoutQuery(what);
        Attempts attempts = new Attempts(kind, shown, budget);
        while (true) {
            if (guard != null) {
                guard.acquire(shown);
            }
            T result;
            try {
                result = call.run();
            } catch (IOException failure) {
                if (Thread.currentThread().isInterrupted() && !(failure instanceof InterruptedIOException)
                        && ErrorTable.classify(failure).mayRepeat(failure, kind)) {
                    // the retry would have waited, and that wait ends at once on an interrupt: answer the same
                    // way whether the interrupt came before or during the wait
                    throw interrupted(shown + ": interrupted before retrying", failure);
                }
                Duration wait = attempts.next(failure);
                if (wait == null) {
                    if (guard != null) {
                        guard.record(failure);
                    }
                    throw failure;
                }
                attempts.pause(wait, failure);
                continue;
            }
            if (guard != null) {
                guard.recordSuccess();
            }
            return result;
        }
    }

    /**
     * The retry state of one call whose loop the caller runs itself (a statement run again after a Delta
     * conflict, which has its own cancel and timeout handling).
     */
    public Attempts attempts(CallKind kind, String what) {
        return new Attempts(kind, withoutQuery(what), null);
    }

    /**
     * True when a call gave up on this failure only because the caller's own time limit left no room for another
     * attempt: for the caller, the failure is a timeout.
     */
    public static boolean ranOutOfTime(IOException failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof OutOfTimeException) {
                return true;
            }
        }
        return false;
    }

    /** Marks a failure that would have been retried had the caller's time limit allowed it. */
    private static final class OutOfTimeException extends IOException {
        private static final long serialVersionUID = 1L;

        OutOfTimeException(String what) {
            super(what + ": no time left for another attempt within the caller's time limit");
        }
    }

    /** Ends every current and future wait (the client is closing). */
    public void abort() {
        sleeper.abort();
    }

    private static String withoutQuery(String what) {
        int q = what.indexOf('?');
        return q < 0 ? what : what.substring(0, q);
    }

    /** How a failure is shown in logs: the status and code, or the exception's type; never a URL or a header. */
    static String describe(IOException failure) {
        if (failure instanceof ApiException api) {
            return "HTTP " + api.httpStatus() + (api.errorCode() == null ? "" : " " + api.errorCode());
        }
        if (failure instanceof FailedStatementException failed) {
            return "FAILED " + failed.status().errorCode();
        }
        return failure.getClass().getSimpleName();
    }

    /** The attempts of one call: per row, a Failsafe execution that counts that row's failures. */
    public final class Attempts {
        private final CallKind kind;
        private final String what;
        private final long start = nanoTime.getAsLong();
        private final Duration deadline;
        private final boolean callersDeadline;
        private final Map<ErrorTable, Execution<Object>> executions = new EnumMap<>(ErrorTable.class);
        private final Map<ErrorTable, Long> firstFailure = new EnumMap<>(ErrorTable.class);

        /** @param budget the caller's own limit, or null; the smaller of it and the call deadline applies */
        private Attempts(CallKind kind, String what, Duration budget) {
            this.kind = Objects.requireNonNull(kind, "kind is null");
            this.what = what;
            Duration own = settings.deadline();
            this.callersDeadline = budget != null && (own.isZero() || budget.compareTo(own) < 0);
            this.deadline = !callersDeadline ? own : budget.isZero() ? Duration.ofNanos(1) : budget;
        }

        /**
         * Records a failed attempt and returns the wait before the next one, or null when the call must fail
         * with it.
         */
        public Duration next(IOException failure) {
            ErrorTable row = ErrorTable.classify(failure);
            if (!row.mayRepeat(failure, kind) || Thread.currentThread().isInterrupted()) {
                LOG.debug("{}: {} ({}) is not repeated for a {} call", what, describe(failure), row, kind);
                return null;
            }
            int allowed = settings.row(row).attempts();
            Execution<Object> execution = executions.computeIfAbsent(row, r -> Execution.of(policy(r)));
            execution.recordException(failure);
            int made = execution.getAttemptCount();
            if (execution.isComplete()) {
                LOG.debug("{}: {} ({}) after {} of {} attempts; giving up", what, describe(failure), row, made,
                        allowed);
                return null;
            }
            Duration wait = jittered(execution.getDelay());
            long now = nanoTime.getAsLong();
            Duration budget = settings.row(row).budget();
            Duration inRow = Duration.ofNanos(now - firstFailure.computeIfAbsent(row, r -> now));
            if (!budget.isZero() && inRow.plus(wait).compareTo(budget) > 0) {
                LOG.debug("{}: {} ({}); not retrying: a wait of {} ms would pass the row's budget of {} ms",
                        what, describe(failure), row, wait.toMillis(), budget.toMillis());
                return null;
            }
            if (!deadline.isZero() && Duration.ofNanos(now - start).plus(wait).compareTo(deadline) > 0) {
                LOG.debug("{}: {} ({}); not retrying: a wait of {} ms would pass the call's deadline of {} ms",
                        what, describe(failure), row, wait.toMillis(), deadline.toMillis());
                if (callersDeadline) {
                    failure.addSuppressed(new OutOfTimeException(what));
                }
                return null;
            }
            LOG.warn("{}: {} ({}); attempt {} of {} in {} ms", what, describe(failure), row, made + 1, allowed,
                    wait.toMillis());
            // counted when the retry is decided, so a call given up on counts no retry; the failed attempt itself
            // was already counted by the transport (databricks_api_requests_total, databricks_rate_limits_total)
            Telemetry.meters().retry(row.name().toLowerCase(Locale.ROOT), kind.name().toLowerCase(Locale.ROOT));
            // a server's message may quote data (observe's rule keeps it out of logs below TRACE); the driver's own
            // transport messages name only the operation, host and timing
            if (LOG.isDebugEnabled() && !(failure instanceof ApiException)) {
                LOG.debug("{}: the failure was: {}", what, failure.getMessage());
            }
            return wait;
        }

        /**
         * Waits before the next attempt.
         *
         * @throws InterruptedIOException when interrupted (the interrupt flag is set again)
         * @throws IOException when the client was closed during the wait
         */
        public void pause(Duration wait, IOException failure) throws IOException {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(what + ": interrupted while waiting to retry", failure);
            } catch (IOException aborted) {
                aborted.addSuppressed(failure);
                throw aborted;
            }
        }
    }

    private static InterruptedIOException interrupted(String message, IOException failure) {
        InterruptedIOException interrupted = new InterruptedIOException(message);
        interrupted.addSuppressed(failure);
        return interrupted;
    }

    private Duration jittered(Duration base) {
        long nanos = base.toNanos();
        if (nanos <= 0 || settings.jitter() == 0) {
            return base;
        }
        long extra = (long) (ThreadLocalRandom.current().nextDouble() * settings.jitter() * nanos);
        return Duration.ofNanos(nanos + extra);
    }
}
