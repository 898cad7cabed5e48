package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A boolean SQL expression with {@code ?} markers and the values bound to them, e.g.
 * {@code Condition.of("city = ? AND updated_at < ?", "Paris", cutoff)}. The text is the caller's SQL; values are
 * always sent as parameters.
 */
public final class Condition {

    private final String sql;
    private final List<Object> values;

    private Condition(String sql, List<Object> values) {
        this.sql = requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("condition is blank");
        }
        long markers = markers(sql);
        if (markers != values.size()) {
            throw new IllegalArgumentException("condition " + sql + " has " + markers + " markers but "
                    + values.size() + " values");
        }
        this.values = values;
    }

    /** An expression and one value per {@code ?} marker (values may be null). */
    public static Condition of(String sql, Object... values) {
        return new Condition(sql, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values))));
    }

    public String sql() {
        return sql;
    }

    public List<Object> values() {
        return values;
    }

    /** Markers outside quoted text and backticks. */
    static long markers(String sql) {
        long n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == '\\' && quote != '`') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '?') {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return sql + (values.isEmpty() ? "" : " " + values);
    }
}
