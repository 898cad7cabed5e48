package dev.sluice.jdbc.internal.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for tests: a clock that moves only when told to or when a retry "waits", and a sleeper that records every
 * wait instead of sleeping. Retry tests thus see the exact waits and never sleep.
 */
public final class FakeTime extends Clock implements Sleeper {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** Moves the clock forward. */
    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** The waits asked for so far, in order. */
    public List<Duration> waits() {
        return waits;
    }

    /** Nanoseconds, for {@link Resilience}'s deadline clock. */
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration delay) {
        waits.add(delay);
        advance(delay);
    }

    @Override
    public void abort() {
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return epoch.plusNanos(nanos.get() - 1_000_000_000_000L);
    }

    /** Settings where every retryable row has {@code attempts} attempts and the given first wait. */
    public static RetrySettings everyRow(int attempts, Duration backoff) {
        RetrySettings s = RetrySettings.defaults();
        for (ErrorTable row : ErrorTable.values()) {
            if (row != ErrorTable.TOKEN_EXPIRED && row != ErrorTable.NOT_RETRYABLE) {
                s = s.with(row, new RetrySettings.Row(attempts, backoff, s.row(row).budget()));
            }
        }
        return s;
    }

    /** A resilience without breaker on this fake time. */
    public Resilience resilience(RetrySettings settings) {
        return new Resilience(settings, null, this, this::nanoTime);
    }
}
