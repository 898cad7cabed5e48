package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Column assignments of an UPDATE SET or an INSERT (columns) VALUES: each column gets an SQL expression
 * ({@code s.city}, {@code current_timestamp()}) or a bound value. Column names are quoted when rendered.
 */
public final class Assignments {

    private final Map<String, Condition> columns;

    private Assignments(Map<String, Condition> columns) {
        this.columns = columns;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Each column set to the source column of the same name ({@code alias.column}). */
    public static Assignments fromSource(String alias, String... columns) {
        Builder b = builder();
        for (String c : columns) {
            b.expression(c, Sql.quote(alias) + "." + Sql.quote(c));
        }
        return b.build();
    }

    /** Column name to expression with its bound values, in order. */
    public Map<String, Condition> columns() {
        return columns;
    }

    public static final class Builder {
        private final Map<String, Condition> columns = new LinkedHashMap<>();

        /** {@code column = expression}; the expression may carry {@code ?} markers with their values. */
        public Builder expression(String column, String sql, Object... values) {
            put(column, Condition.of(sql, values));
            return this;
        }

        /** {@code column = ?}, bound to value (may be null). */
        public Builder value(String column, Object value) {
            put(column, Condition.of("?", value));
            return this;
        }

        private void put(String column, Condition c) {
            requireNonNull(column, "column is null");
            if (columns.putIfAbsent(column, c) != null) {
                throw new IllegalArgumentException("column " + column + " is assigned twice");
            }
        }

        public Assignments build() {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("no assignments");
            }
            return new Assignments(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns)));
        }
    }
}
