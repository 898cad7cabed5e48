package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PRIMARY KEY (user_id, ts TIMESERIES)}: Databricks marks a feature table's point-in-time key with
 * {@code TIMESERIES}, which Spark's grammar does not know. The parser removes the word before Spark sees the
 * statement and keeps the marked columns for this thread while the plan is rewritten, where
 * {@link ConstraintRewriter} records them with the key.
 */
final class TimeseriesKeys {

    private static final Pattern KEY_LIST = Pattern.compile("(?i)\\bPRIMARY\\s+KEY\\s*\\(([^)]*)\\)");
    private static final Pattern MARKED = Pattern.compile("(?i)(`(?:[^`]|``)+`|[\\w]+)\\s+TIMESERIES\\b");
    private static final ThreadLocal<List<String>> CURRENT = ThreadLocal.withInitial(List::of);

    /** A statement with TIMESERIES removed from its key lists, and the columns that were marked. */
    record Stripped(String sql, List<String> columns) {
    }

    private TimeseriesKeys() {
    }

    static Stripped strip(String sql) {
        if (sql == null || !containsIgnoreCase(sql, "TIMESERIES")) {
            return new Stripped(sql, List.of());
        }
        List<String> columns = new ArrayList<>();
        Matcher keys = KEY_LIST.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (keys.find()) {
            Matcher marked = MARKED.matcher(keys.group(1));
            StringBuilder list = new StringBuilder();
            while (marked.find()) {
                columns.add(unquote(marked.group(1)));
                marked.appendReplacement(list, Matcher.quoteReplacement(marked.group(1)));
            }
            marked.appendTail(list);
            keys.appendReplacement(out, Matcher.quoteReplacement("PRIMARY KEY (" + list + ")"));
        }
        keys.appendTail(out);
        return new Stripped(out.toString(), columns);
    }

    /** The columns marked TIMESERIES in the statement this thread is parsing. */
    static List<String> current() {
        return CURRENT.get();
    }

    static void set(List<String> columns) {
        if (columns.isEmpty()) {
            CURRENT.remove();
        } else {
            CURRENT.set(List.copyOf(columns));
        }
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`")
                : name.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean containsIgnoreCase(String s, String word) {
        return s.toUpperCase(java.util.Locale.ROOT).contains(word);
    }
}
