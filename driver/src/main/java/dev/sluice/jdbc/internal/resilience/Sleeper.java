package dev.sluice.jdbc.internal.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits between attempts; one per client, so that closing the client ends its waits. */
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

    /** A sleeper that thread interrupts and {@link #abort()} end at once. */
    static Sleeper abortable() {
        CountDownLatch aborted = new CountDownLatch(1);
        return new Sleeper() {
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
}
