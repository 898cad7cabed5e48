package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A write of Java rows or of a query's rows: append, overwrite, or replace the rows matching a condition
 * ({@code INSERT INTO ... REPLACE WHERE}). Appended rows go in multi-row INSERTs of {@link #batchRows()} rows,
 * one table version each; an overwrite or replace is one statement (one version), so its rows must fit one batch.
 */
public final class WriteRequest {

    /** How the rows go in. */
    public enum Mode { APPEND, OVERWRITE, REPLACE_WHERE }

    private final Mode mode;
    private final Rows rows;
    private final Condition query;
    private final Condition replaceWhere;
    private final int batchRows;
    private final boolean mergeSchema;

    private WriteRequest(Builder b) {
        if ((b.rows == null) == (b.query == null)) {
            throw new IllegalArgumentException("a write needs either rows or a query");
        }
        if (b.mode == Mode.REPLACE_WHERE && b.replaceWhere == null) {
            throw new IllegalArgumentException("replaceWhere needs a condition");
        }
        if (b.mergeSchema && b.mode != Mode.APPEND) {
            throw new IllegalArgumentException("mergeSchema() is for appends, not " + b.mode);
        }
        this.mergeSchema = b.mergeSchema;
        this.mode = b.mode;
        this.rows = b.rows;
        this.query = b.query;
        this.replaceWhere = b.replaceWhere;
        this.batchRows = b.batchRows;
    }

    public static Builder append(Rows rows) {
        return new Builder(Mode.APPEND).rows(rows);
    }

    /** Appends a query's rows: {@code INSERT INTO t <query>}, columns by position (by name with mergeSchema()). */
    public static Builder appendQuery(String sql, Object... values) {
        return new Builder(Mode.APPEND).query(Condition.of(sql, values));
    }

    public static Builder overwrite(Rows rows) {
        return new Builder(Mode.OVERWRITE).rows(rows);
    }

    public static Builder overwriteQuery(String sql, Object... values) {
        return new Builder(Mode.OVERWRITE).query(Condition.of(sql, values));
    }

    /** Replaces the rows matching {@code where} by {@code rows} (which must match it too), atomically. */
    public static Builder replaceWhere(Condition where, Rows rows) {
        Builder b = new Builder(Mode.REPLACE_WHERE).rows(rows);
        b.replaceWhere = requireNonNull(where, "where is null");
        return b;
    }

    public static Builder replaceWhereQuery(Condition where, String sql, Object... values) {
        Builder b = new Builder(Mode.REPLACE_WHERE).query(Condition.of(sql, values));
        b.replaceWhere = requireNonNull(where, "where is null");
        return b;
    }

    public Mode mode() {
        return mode;
    }

    public Optional<Rows> rows() {
        return Optional.ofNullable(rows);
    }

    public Optional<Condition> query() {
        return Optional.ofNullable(query);
    }

    public Optional<Condition> replaceWhere() {
        return Optional.ofNullable(replaceWhere);
    }

    public int batchRows() {
        return batchRows;
    }

    /** Whether columns the table lacks are added to it by the write ({@code INSERT WITH SCHEMA EVOLUTION}). */
    public boolean mergeSchema() {
        return mergeSchema;
    }

    public static final class Builder {
        private final Mode mode;
        private Rows rows;
        private Condition query;
        private Condition replaceWhere;
        private int batchRows = 500;
        private boolean mergeSchema;

        private Builder(Mode mode) {
            this.mode = mode;
        }

        private Builder rows(Rows r) {
            this.rows = requireNonNull(r, "rows is null");
            return this;
        }

        private Builder query(Condition q) {
            this.query = q;
            return this;
        }

        /** Rows per INSERT statement (default 500). */
        public Builder batchRows(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batchRows " + n + " is under 1");
            }
            this.batchRows = n;
            return this;
        }

        /**
         * Delta's {@code mergeSchema} for an append: columns of the rows (or query) that the table lacks are added
         * to it, at its end, in the same commit. Renders {@code INSERT WITH SCHEMA EVOLUTION INTO t BY NAME ...}, so
         * the rows' columns are matched to the table's by name; columns the rows leave out are written as NULL.
         */
        public Builder mergeSchema() {
            this.mergeSchema = true;
            return this;
        }

        public WriteRequest build() {
            return new WriteRequest(this);
        }
    }
}
