package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.observe.Telemetry;
import dev.sluice.jdbc.internal.observe.TraceScope;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's statement DELETEs sent off the caller's path: a result whose last row has been read needs
 * nothing more from the server, so {@code next()} returning false need not wait for the round trip that frees it
 * (about a tenth of a short metadata call). The DELETE is still sent, on one executor shared by every connection:
 * its daemon threads start on first use and end when idle for a second, and when all of them are busy the caller
 * sends its own DELETE as before. {@link #awaitAll} lets the connection's close wait for the DELETEs still on
 * their way before it deletes the session and closes the HTTP client.
 */
final class BackgroundCloses {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCloses.class);

    /** The executor, created on first use. */
    private static final class Senders {
        private static final int THREADS = 4;
        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, THREADS, 1, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "sluice-statement-close-" + COUNT.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private final Set<FutureTask<Void>> pending = ConcurrentHashMap.newKeySet();

    /**
     * Sends {@code close} in the background, or on this thread when every sender is busy; in the background it
     * runs in the caller's trace context, so its request still carries the caller's {@code traceparent}.
     */
    void submit(Runnable close) {
        Object trace = Telemetry.tracing().current();
        Runnable traced = () -> {
            try (TraceScope scope = Telemetry.tracing().attach(trace)) {
                close.run();
            }
        };
        FutureTask<Void> task = new FutureTask<>(traced, null) {
            @Override
            protected void done() {
                pending.remove(this);
            }
        };
        pending.add(task);
        try {
            Senders.POOL.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** Waits until the DELETEs submitted so far have been answered, at most {@code maxWaitMillis} in all. */
    void awaitAll(long maxWaitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        for (FutureTask<Void> task : new ArrayList<>(pending)) {
            try {
                task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                LOG.debug("closing a statement in the background failed: {}", e.getCause().toString());
            } catch (TimeoutException e) {
                LOG.debug("a statement DELETE was still on its way when the connection closed");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How many DELETEs have been submitted and not yet answered. */
    int pending() {
        return pending.size();
    }
}
