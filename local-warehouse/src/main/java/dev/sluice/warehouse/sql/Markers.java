package dev.sluice.warehouse.sql;

/**
 * Turns positional {@code ?} markers into named ones ({@code :_p1}, {@code :_p2} ...) or typed NULL
 * literals, skipping quoted text and comments. Spark's positional binding mis-orders values in some plans (INSERT ... VALUES with
 * the legacy substitution that Delta needs), while named binding is exact.
 */
final class Markers {

    static final String PREFIX = "_p";

    private Markers() {
    }

    static String positionalToNamed(String sql, java.util.function.IntFunction<String> marker) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = sql.length();
        int count = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end = skip(sql, i);
            if (end > i) {
                out.append(sql, i, end);
                i = end;
            } else if (c == '?') {
                out.append(marker.apply(++count));
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** End of a quoted section or comment starting at i, or i when none starts there. */
    private static int skip(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < n) {
                char d = sql.charAt(j);
                if (d == '\\' && c != '`') {
                    j += 2;
                } else if (d == c) {
                    return j + 1;
                } else {
                    j++;
                }
            }
            return n;
        }
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? n : nl + 1;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? n : close + 2;
        }
        return i;
    }
}
