package dev.sluice.jdbc.internal.result;

/**
 * INTERVAL text as the official Databricks drivers render it: year-month intervals as {@code Y-M}
 * ({@code 1-2}, {@code -1-2}), day-time intervals as {@code D HH:MM:SS.nnnnnnnnn}
 * ({@code -3 04:05:06.789000000}), whatever the interval's qualifier.
 */
public final class Intervals {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;

    private Intervals() {
    }

    /** {@code Y-M} for a number of months. */
    public static String yearMonth(long months) {
        StringBuilder sb = new StringBuilder(12);
        if (months < 0) {
            sb.append('-');
        }
        long abs = Math.abs(months);
        return sb.append(abs / 12).append('-').append(abs % 12).toString();
    }

    /**
     * {@code D HH:MM:SS.nnnnnnnnn} for {@code value} units of which {@code unitsPerSecond} make a second
     * (1, 1 000, 1 000 000 or 1 000 000 000).
     */
    public static String dayTime(long value, long unitsPerSecond) {
        long unitsPerDay = unitsPerSecond * 86_400L;
        long days = Math.abs(value / unitsPerDay);
        long rest = Math.abs(value % unitsPerDay);
        long seconds = rest / unitsPerSecond;
        long nanos = (rest % unitsPerSecond) * (NANOS_PER_SECOND / unitsPerSecond);
        return format(value < 0, days, seconds, nanos);
    }

    /**
     * Day-time text for a value kept as days plus nanoseconds (Arrow's DAY_TIME and MONTH_DAY_NANO
     * intervals), normalised so both parts carry one sign.
     */
    public static String daysAndNanos(long days, long nanos) {
        long d = days + nanos / NANOS_PER_DAY;
        long n = nanos % NANOS_PER_DAY;
        if (d > 0 && n < 0) {
            d--;
            n += NANOS_PER_DAY;
        } else if (d < 0 && n > 0) {
            d++;
            n -= NANOS_PER_DAY;
        }
        boolean negative = d < 0 || n < 0;
        long absNanos = Math.abs(n);
        return format(negative, Math.abs(d), absNanos / NANOS_PER_SECOND, absNanos % NANOS_PER_SECOND);
    }

    private static String format(boolean negative, long days, long secondsOfDay, long nanos) {
        StringBuilder sb = new StringBuilder(29);
        if (negative) {
            sb.append('-');
        }
        sb.append(days).append(' ');
        Temporals.pad(sb, secondsOfDay / 3600, 2);
        sb.append(':');
        Temporals.pad(sb, secondsOfDay / 60 % 60, 2);
        sb.append(':');
        Temporals.pad(sb, secondsOfDay % 60, 2);
        sb.append('.');
        Temporals.pad(sb, nanos, 9);
        return sb.toString();
    }
}
