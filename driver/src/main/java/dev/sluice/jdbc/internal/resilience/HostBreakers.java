package dev.sluice.jdbc.internal.resilience;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The circuit breakers of a JVM, one per workspace {@code host:port}, so that every connection to a workspace sees
 * the same state: when it is down, the first connections find out and the others fail fast instead of each
 * retrying against it.
 */
public final class HostBreakers {
    private static final Logger LOG = LoggerFactory.getLogger(HostBreakers.class);
    private static final HostBreakers SHARED = new HostBreakers(Clock.systemUTC());

    private final ConcurrentMap<String, HostBreaker> byHost = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock the clock of every breaker made here */
    public HostBreakers(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** The breakers of the JVM's connections, on the system clock. */
    public static HostBreakers shared() {
        return SHARED;
    }

    /**
     * The breaker of {@code host:port}, made with these settings by the first connection to that workspace; later
     * connections with other settings share it as it is (a DEBUG line says so).
     */
    public HostBreaker forHost(String host, int port, BreakerSettings settings) {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(settings, "settings is null");
        String key = host.toLowerCase(Locale.ROOT) + ":" + port;
        HostBreaker breaker = byHost.computeIfAbsent(key, k -> new HostBreaker(k, settings, clock));
        // identity first: the connection that made the breaker needs no record equals (its invokedynamic bootstrap
        // costs a cold connection about 20 ms)
        if (breaker.settings() != settings && !breaker.settings().equals(settings)) {
            LOG.debug("the circuit breaker for {} keeps the settings of the first connection, {}", key,
                    breaker.settings());
        }
        return breaker;
    }
}
