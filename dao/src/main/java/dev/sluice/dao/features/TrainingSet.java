package dev.sluice.dao.features;

import dev.sluice.dao.delta.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A training set: entity rows (a table or a query with the lookup keys and an event time) joined with the features
 * of several lookups as they were at each row's event time. Immutable; build with {@link #fromTable} or
 * {@link #fromQuery}.
 */
public final class TrainingSet {
    private final TableName entityTable;
    private final String entityQuery;
    private final String eventTimeColumn;
    private final List<FeatureLookup> lookups;

    private TrainingSet(Builder b) {
        if (b.lookups.isEmpty()) {
            throw new IllegalArgumentException("a training set needs at least one feature lookup");
        }
        this.entityTable = b.entityTable;
        this.entityQuery = b.entityQuery;
        this.eventTimeColumn = b.eventTimeColumn;
        this.lookups = List.copyOf(b.lookups);
    }

    /** Entity rows from a table; {@code eventTimeColumn} is each row's point in time. */
    public static Builder fromTable(TableName entities, String eventTimeColumn) {
        return new Builder(requireNonNull(entities, "entities is null"), null, eventTimeColumn);
    }

    /** Entity rows from a query (SQL text without markers). */
    public static Builder fromQuery(String sql, String eventTimeColumn) {
        if (requireNonNull(sql, "sql is null").isBlank()) {
            throw new IllegalArgumentException("the entity query is blank");
        }
        return new Builder(null, sql, eventTimeColumn);
    }

    public Optional<TableName> entityTable() {
        return Optional.ofNullable(entityTable);
    }

    public Optional<String> entityQuery() {
        return Optional.ofNullable(entityQuery);
    }

    public String eventTimeColumn() {
        return eventTimeColumn;
    }

    public List<FeatureLookup> lookups() {
        return lookups;
    }

    public static final class Builder {
        private final TableName entityTable;
        private final String entityQuery;
        private final String eventTimeColumn;
        private final List<FeatureLookup> lookups = new ArrayList<>();

        private Builder(TableName entityTable, String entityQuery, String eventTimeColumn) {
            this.entityTable = entityTable;
            this.entityQuery = entityQuery;
            this.eventTimeColumn = requireNonNull(eventTimeColumn, "eventTimeColumn is null");
        }

        public Builder lookup(FeatureLookup lookup) {
            lookups.add(requireNonNull(lookup, "lookup is null"));
            return this;
        }

        public TrainingSet build() {
            return new TrainingSet(this);
        }
    }
}
