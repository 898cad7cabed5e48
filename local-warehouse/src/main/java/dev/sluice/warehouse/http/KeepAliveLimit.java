package dev.sluice.warehouse.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the number of keep-alive connections under a limit by telling clients, with {@code Connection: close} on a
 * response, that the connection ends there. The JDK server has a limit of its own
 * ({@code sun.net.httpserver.maxIdleConnections}), but beyond it closes connections after the response without
 * saying so, and a client that sends its next request on such a connection sees it fail.
 *
 * <p>The server does not tell handlers when connections open or close, so connections are counted by their remote
 * address and forgotten after a quiet period longer than the server's idle timeout (by then the server has closed
 * them). The count may be too high, never too low: at worst a client is asked to reconnect when it need not be.
 */
final class KeepAliveLimit {

    private final int limit;
    private final long forgetAfterNanos;
    private final Map<InetSocketAddress, Long> lastSeen = new ConcurrentHashMap<>();

    /**
     * @param limit       connections kept open at most
     * @param forgetAfter a quiet period after which the server has surely closed an idle connection
     */
    KeepAliveLimit(int limit, Duration forgetAfter) {
        this.limit = limit;
        this.forgetAfterNanos = forgetAfter.toNanos();
    }

    /** Counts the request's connection; sets {@code Connection: close} on its response when over the limit. */
    void admit(HttpExchange ex) {
        InetSocketAddress remote = ex.getRemoteAddress();
        String asked = ex.getRequestHeaders().getFirst("Connection");
        if (asked != null && asked.equalsIgnoreCase("close")) {
            lastSeen.remove(remote); // the server closes it after this response
            return;
        }
        long now = System.nanoTime();
        lastSeen.put(remote, now);
        if (lastSeen.size() > limit) {
            lastSeen.values().removeIf(t -> now - t > forgetAfterNanos);
            if (lastSeen.size() > limit) {
                lastSeen.remove(remote);
                ex.getResponseHeaders().set("Connection", "close");
            }
        }
    }

    /** Connections counted as open now. */
    int open() {
        return lastSeen.size();
    }
}
