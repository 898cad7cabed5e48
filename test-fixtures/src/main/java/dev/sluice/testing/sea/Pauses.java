package dev.sluice.testing.sea;

import java.time.Duration;

/**
 * Server-side waits (held POSTs, scripted delays) that end early when the warehouse is reset or closed, so a
 * test never waits on a request of the previous test. A wait belongs to the generation current when its
 * request arrived: a reset between arrival and the start of the wait still ends it.
 */
final class Pauses {

    private long generation;
    private boolean closed;

    /** The current generation; take it when a request arrives. */
    synchronized long generation() {
        return generation;
    }

    /**
     * Waits for the duration unless the generation moved on since {@code arrival} (a reset or close happened);
     * returns at once when closed.
     */
    synchronized void pause(Duration duration, long arrival) {
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            for (long left = duration.toNanos(); left > 0 && arrival == generation && !closed;
                 left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000L), 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every pause of requests that arrived before now. */
    synchronized void wakeAll() {
        generation++;
        notifyAll();
    }

    /** Ends every pause and makes later pauses return at once: the server is going away. */
    synchronized void close() {
        closed = true;
        wakeAll();
    }
}
