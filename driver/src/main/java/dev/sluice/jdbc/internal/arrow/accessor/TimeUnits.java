package dev.sluice.jdbc.internal.arrow.accessor;

/** Arrow's TimeUnit enum (SECOND, MILLISECOND, MICROSECOND, NANOSECOND) as scale factors. */
public final class TimeUnits {
    private static final long[] PER_SECOND = {1L, 1_000L, 1_000_000L, 1_000_000_000L};

    private TimeUnits() {
    }

    /** How many of {@code unit} make one second; {@code unit} is org.apache.arrow.flatbuf.TimeUnit. */
    public static long perSecond(short unit) {
        if (unit < 0 || unit >= PER_SECOND.length) {
            throw new IllegalArgumentException("time unit " + unit);
        }
        return PER_SECOND[unit];
    }

    /** The unit's name for messages. */
    public static String name(short unit) {
        return org.apache.arrow.flatbuf.TimeUnit.name(unit);
    }
}
