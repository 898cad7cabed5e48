package dev.sluice.jdbc.internal.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that all results of one JVM may fetch ahead of their readers together, beside each result's own budget.
 * Each result may always hold one chunk, so every reader makes progress however many results are open; only the
 * chunks beyond the first are counted against this cap. Without it, 200 results at once each ran up to their
 * own 64 MiB at -Xmx4g and came within 300 MiB of the heap limit.
 */
public final class SharedBudget {
    private static final SharedBudget JVM = new SharedBudget(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4));

    private final long cap;
    private final AtomicLong used = new AtomicLong();

    /** @param cap bytes, at least 1 */
    SharedBudget(long cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be >= 1, got " + cap);
        }
        this.cap = cap;
    }

    /** The budget of this JVM: a quarter of the maximum heap, at least 64 MiB. */
    public static SharedBudget jvm() {
        return JVM;
    }

    /** Takes {@code bytes} when they fit under the cap; false (and nothing taken) when they do not. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > cap) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Takes {@code bytes} whether or not they fit (a result's first chunk, or a chunk larger than expected). */
    void take(long bytes) {
        used.addAndGet(bytes);
    }

    /** Gives {@code bytes} back. */
    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes taken now by all results. */
    public long used() {
        return used.get();
    }

    /** The cap. */
    public long cap() {
        return cap;
    }
}
