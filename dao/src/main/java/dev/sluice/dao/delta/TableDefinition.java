package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Delta table to create: columns, partitioning or clustering (not both), CHECK constraints, table properties
 * and a comment. CHECK constraints are added right after the CREATE (Databricks and Delta take them through
 * {@code ALTER TABLE ... ADD CONSTRAINT}).
 */
public final class TableDefinition {

    private final List<StructField> columns;
    private final List<String> partitionedBy;
    private final List<String> clusterBy;
    private final Map<String, String> checks;
    private final Map<String, String> properties;
    private final String comment;

    private TableDefinition(Builder b) {
        if (b.columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        if (!b.partitionedBy.isEmpty() && !b.clusterBy.isEmpty()) {
            throw new IllegalArgumentException("a table is either partitioned or clustered, not both");
        }
        StructType s = new StructType(b.columns);
        for (String c : concat(b.partitionedBy, b.clusterBy)) {
            if (s.field(c).isEmpty()) {
                throw new IllegalArgumentException("partition or clustering column " + c + " is not a column");
            }
        }
        this.columns = List.copyOf(b.columns);
        this.partitionedBy = List.copyOf(b.partitionedBy);
        this.clusterBy = List.copyOf(b.clusterBy);
        this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(b.checks));
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.comment = b.comment;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    public static Builder builder() {
        return new Builder();
    }

    public StructType schema() {
        return new StructType(columns);
    }

    public List<String> partitionedBy() {
        return partitionedBy;
    }

    public List<String> clusterBy() {
        return clusterBy;
    }

    /** Constraint name to boolean SQL expression. */
    public Map<String, String> checks() {
        return checks;
    }

    public Map<String, String> properties() {
        return properties;
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    public static final class Builder {
        private final List<StructField> columns = new ArrayList<>();
        private final List<String> partitionedBy = new ArrayList<>();
        private final List<String> clusterBy = new ArrayList<>();
        private final Map<String, String> checks = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String comment;

        public Builder column(StructField field) {
            columns.add(requireNonNull(field, "field is null"));
            return this;
        }

        /** A nullable column of a type given as text ({@code "bigint"}, {@code "decimal(10,2)"}). */
        public Builder column(String name, String type) {
            return column(StructField.of(name, type));
        }

        public Builder partitionedBy(String... names) {
            partitionedBy.addAll(List.of(names));
            return this;
        }

        /** Liquid clustering: {@code CLUSTER BY (names)}. */
        public Builder clusterBy(String... names) {
            clusterBy.addAll(List.of(names));
            return this;
        }

        /** {@code CONSTRAINT name CHECK (expression)}. */
        public Builder check(String name, String expression) {
            checks.put(requireNonNull(name, "name is null"), requireNonNull(expression, "expression is null"));
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public Builder comment(String text) {
            this.comment = requireNonNull(text, "comment is null");
            return this;
        }

        public TableDefinition build() {
            return new TableDefinition(this);
        }
    }
}
