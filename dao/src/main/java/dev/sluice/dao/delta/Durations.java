package dev.sluice.dao.delta;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Delta's interval properties ({@code interval 1 week}, {@code interval 30 days}) as Durations, and back. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(week|day|hour|minute|second|millisecond)s?");

    private Durations() {
    }

    /** Parses an interval; null when the text is none Delta would accept. */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("interval")) {
            t = t.substring("interval".length()).trim();
        }
        Matcher m = PART.matcher(t);
        Duration d = Duration.ZERO;
        boolean any = false;
        while (m.find()) {
            any = true;
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "week" -> d = d.plusDays(7 * n);
                case "day" -> d = d.plusDays(n);
                case "hour" -> d = d.plusHours(n);
                case "minute" -> d = d.plusMinutes(n);
                case "second" -> d = d.plusSeconds(n);
                default -> d = d.plusMillis(n);
            }
        }
        return any ? d : null;
    }

    /** {@code interval N hours} (whole hours) or {@code interval N seconds}. */
    static String interval(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration " + d + " is negative");
        }
        if (d.equals(Duration.ofHours(d.toHours()))) {
            return "interval " + d.toHours() + " hours";
        }
        return "interval " + d.toSeconds() + " seconds";
    }
}
