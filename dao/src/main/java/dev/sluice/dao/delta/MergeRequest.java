package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A MERGE: a source (a table, a query or Java rows), the ON condition and any number of clauses, evaluated in
 * order as Databricks does. Immutable; build with {@link #builder()}.
 */
public final class MergeRequest {

    /** Which rows a clause applies to. */
    public enum Match { MATCHED, NOT_MATCHED, NOT_MATCHED_BY_SOURCE }

    /** What a clause does. */
    public enum Action { UPDATE, UPDATE_ALL, DELETE, INSERT, INSERT_ALL }

    /** One WHEN clause; condition and assignments may be absent. */
    public record Clause(Match match, Action action, Optional<Condition> condition,
                         Optional<Assignments> assignments) {
    }

    private final TableName sourceTable;
    private final Condition sourceQuery;
    private final Rows sourceRows;
    private final String sourceAlias;
    private final String targetAlias;
    private final Condition on;
    private final List<Clause> clauses;
    private final boolean schemaEvolution;

    private MergeRequest(Builder b) {
        int sources = (b.sourceTable != null ? 1 : 0) + (b.sourceQuery != null ? 1 : 0) + (b.sourceRows != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("a merge needs exactly one source (table, query or rows), got " + sources);
        }
        if (b.on == null) {
            throw new IllegalArgumentException("a merge needs an ON condition");
        }
        if (b.clauses.isEmpty()) {
            throw new IllegalArgumentException("a merge needs at least one WHEN clause");
        }
        if (b.sourceAlias.equals(b.targetAlias)) {
            throw new IllegalArgumentException("source and target alias are both " + b.sourceAlias);
        }
        this.sourceTable = b.sourceTable;
        this.sourceQuery = b.sourceQuery;
        this.sourceRows = b.sourceRows;
        this.sourceAlias = b.sourceAlias;
        this.targetAlias = b.targetAlias;
        this.on = b.on;
        this.clauses = List.copyOf(b.clauses);
        this.schemaEvolution = b.schemaEvolution;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<TableName> sourceTable() {
        return Optional.ofNullable(sourceTable);
    }

    public Optional<Condition> sourceQuery() {
        return Optional.ofNullable(sourceQuery);
    }

    public Optional<Rows> sourceRows() {
        return Optional.ofNullable(sourceRows);
    }

    public String sourceAlias() {
        return sourceAlias;
    }

    public String targetAlias() {
        return targetAlias;
    }

    public Condition on() {
        return on;
    }

    public List<Clause> clauses() {
        return clauses;
    }

    public boolean schemaEvolution() {
        return schemaEvolution;
    }

    public static final class Builder {
        private TableName sourceTable;
        private Condition sourceQuery;
        private Rows sourceRows;
        private String sourceAlias = "s";
        private String targetAlias = "t";
        private Condition on;
        private final List<Clause> clauses = new ArrayList<>();
        private boolean schemaEvolution;

        public Builder sourceTable(TableName table) {
            this.sourceTable = requireNonNull(table, "table is null");
            return this;
        }

        /** A query as the source, with values for its markers. */
        public Builder sourceQuery(String sql, Object... values) {
            this.sourceQuery = Condition.of(sql, values);
            return this;
        }

        /** Java rows as the source (sent as a VALUES list with every value bound). */
        public Builder sourceRows(Rows rows) {
            this.sourceRows = requireNonNull(rows, "rows is null");
            return this;
        }

        /** Alias of the source in conditions and expressions (default {@code s}). */
        public Builder sourceAlias(String alias) {
            this.sourceAlias = requireNonNull(alias, "alias is null");
            return this;
        }

        /** Alias of the target (default {@code t}). */
        public Builder targetAlias(String alias) {
            this.targetAlias = requireNonNull(alias, "alias is null");
            return this;
        }

        public Builder on(String sql, Object... values) {
            this.on = Condition.of(sql, values);
            return this;
        }

        public Builder whenMatchedUpdate(Assignments set) {
            return add(Match.MATCHED, Action.UPDATE, null, set);
        }

        public Builder whenMatchedUpdate(Condition when, Assignments set) {
            return add(Match.MATCHED, Action.UPDATE, when, set);
        }

        /** {@code UPDATE SET *}. */
        public Builder whenMatchedUpdateAll() {
            return add(Match.MATCHED, Action.UPDATE_ALL, null, null);
        }

        public Builder whenMatchedUpdateAll(Condition when) {
            return add(Match.MATCHED, Action.UPDATE_ALL, when, null);
        }

        public Builder whenMatchedDelete() {
            return add(Match.MATCHED, Action.DELETE, null, null);
        }

        public Builder whenMatchedDelete(Condition when) {
            return add(Match.MATCHED, Action.DELETE, when, null);
        }

        /** {@code INSERT (columns) VALUES (expressions)}. */
        public Builder whenNotMatchedInsert(Assignments values) {
            return add(Match.NOT_MATCHED, Action.INSERT, null, values);
        }

        public Builder whenNotMatchedInsert(Condition when, Assignments values) {
            return add(Match.NOT_MATCHED, Action.INSERT, when, values);
        }

        /** {@code INSERT *}. */
        public Builder whenNotMatchedInsertAll() {
            return add(Match.NOT_MATCHED, Action.INSERT_ALL, null, null);
        }

        public Builder whenNotMatchedInsertAll(Condition when) {
            return add(Match.NOT_MATCHED, Action.INSERT_ALL, when, null);
        }

        public Builder whenNotMatchedBySourceUpdate(Assignments set) {
            return add(Match.NOT_MATCHED_BY_SOURCE, Action.UPDATE, null, set);
        }

        public Builder whenNotMatchedBySourceUpdate(Condition when, Assignments set) {
            return add(Match.NOT_MATCHED_BY_SOURCE, Action.UPDATE, when, set);
        }

        public Builder whenNotMatchedBySourceDelete() {
            return add(Match.NOT_MATCHED_BY_SOURCE, Action.DELETE, null, null);
        }

        public Builder whenNotMatchedBySourceDelete(Condition when) {
            return add(Match.NOT_MATCHED_BY_SOURCE, Action.DELETE, when, null);
        }

        /** {@code MERGE WITH SCHEMA EVOLUTION}: source columns the target lacks are added by UPDATE SET * / INSERT *. */
        public Builder withSchemaEvolution() {
            this.schemaEvolution = true;
            return this;
        }

        private Builder add(Match match, Action action, Condition when, Assignments assignments) {
            if ((action == Action.UPDATE || action == Action.INSERT)) {
                requireNonNull(assignments, "assignments are null");
            }
            clauses.add(new Clause(match, action, Optional.ofNullable(when), Optional.ofNullable(assignments)));
            return this;
        }

        public MergeRequest build() {
            return new MergeRequest(this);
        }
    }
}
