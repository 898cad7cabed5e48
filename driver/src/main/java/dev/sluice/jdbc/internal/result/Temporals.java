package dev.sluice.jdbc.internal.result;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The text forms of datetime values, the same for every wire format: DATE {@code yyyy-MM-dd}, TIMESTAMP
 * {@code yyyy-MM-dd HH:mm:ss[.fffffffff]} and TIME {@code HH:mm:ss[.fffffffff]}, with trailing zeros of the
 * fraction dropped (and the point too when the fraction is zero), as Databricks SQL casts them to STRING.
 */
public final class Temporals {
    private Temporals() {
    }

    public static String formatDate(LocalDate d) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, d);
        return sb.toString();
    }

    public static String formatTimestamp(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(29);
        appendDate(sb, t.toLocalDate());
        sb.append(' ');
        appendTime(sb, t.toLocalTime());
        return sb.toString();
    }

    public static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(18);
        appendTime(sb, t);
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            // Outside four digits ISO needs a sign; LocalDate already spells that.
            sb.append(d);
            return;
        }
        pad(sb, year, 4);
        sb.append('-');
        pad(sb, d.getMonthValue(), 2);
        sb.append('-');
        pad(sb, d.getDayOfMonth(), 2);
    }

    private static void appendTime(StringBuilder sb, LocalTime t) {
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        appendFraction(sb, t.getNano());
    }

    /** Appends {@code .f...} for a non-zero nanosecond fraction, without trailing zeros. */
    public static void appendFraction(StringBuilder sb, int nanos) {
        if (nanos == 0) {
            return;
        }
        int digits = 9;
        int n = nanos;
        while (n % 10 == 0) {
            n /= 10;
            digits--;
        }
        sb.append('.');
        pad(sb, n, digits);
    }

    /** Appends {@code value} (non-negative) left-padded with zeros to {@code width} digits. */
    public static void pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
