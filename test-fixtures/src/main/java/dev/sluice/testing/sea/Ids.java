package dev.sluice.testing.sea;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Statement and session ids shaped like the server's: time-ordered UUIDs whose first groups are the high,
 * middle and low bits of a 60-bit Gregorian timestamp, e.g. {@code 01ef9de3-4558-1916-bf71-5f936821c39d}
 * (protocol.md §1.4). Ids from one JVM are unique and sort in creation order.
 */
final class Ids {

    /** 100-ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
    private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastTimestamp;

    private Ids() {
    }

    /** The next id. */
    static String next() {
        long timestamp = nextTimestamp();
        long high = timestamp >>> 28;
        long middle = (timestamp >>> 12) & 0xFFFFL;
        long low = timestamp & 0xFFFL;
        long mostSignificant = (high << 32) | (middle << 16) | 0x1000L | low;
        long leastSignificant = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    private static synchronized long nextTimestamp() {
        long now = System.currentTimeMillis() * 10_000L + GREGORIAN_OFFSET;
        lastTimestamp = Math.max(now, lastTimestamp + 1);
        return lastTimestamp;
    }
}
