package dev.sluice.dao.features;

import dev.sluice.dao.delta.StructField;
import dev.sluice.dao.delta.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@link FeatureTables#create} makes: columns, the primary key (implicitly NOT NULL), at most one of its columns
 * as the TIMESERIES key, a comment and tags. Immutable; build with {@link #builder(TableName)}.
 */
public final class FeatureTableDefinition {
    private final TableName name;
    private final List<StructField> columns;
    private final List<String> primaryKeys;
    private final String timeseriesColumn;
    private final String comment;
    private final Map<String, String> tags;

    private FeatureTableDefinition(Builder b) {
        if (b.columns.isEmpty()) {
            throw new IllegalArgumentException("a feature table needs columns");
        }
        if (b.primaryKeys.isEmpty()) {
            throw new IllegalArgumentException("a feature table needs a primary key");
        }
        for (String k : b.primaryKeys) {
            if (b.columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(k))) {
                throw new IllegalArgumentException("primary key column " + k + " is not a column");
            }
        }
        if (b.timeseriesColumn != null && b.primaryKeys.stream().noneMatch(k -> k.equalsIgnoreCase(b.timeseriesColumn))) {
            throw new IllegalArgumentException("timeseries column " + b.timeseriesColumn
                    + " is not one of the primary key columns " + b.primaryKeys);
        }
        this.name = b.name;
        this.columns = List.copyOf(b.columns);
        this.primaryKeys = List.copyOf(b.primaryKeys);
        this.timeseriesColumn = b.timeseriesColumn;
        this.comment = b.comment;
        this.tags = Map.copyOf(b.tags);
    }

    public static Builder builder(TableName name) {
        return new Builder(requireNonNull(name, "name is null"));
    }

    public TableName name() {
        return name;
    }

    public List<StructField> columns() {
        return columns;
    }

    public List<String> primaryKeys() {
        return primaryKeys;
    }

    public Optional<String> timeseriesColumn() {
        return Optional.ofNullable(timeseriesColumn);
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    public Map<String, String> tags() {
        return tags;
    }

    public static final class Builder {
        private final TableName name;
        private final List<StructField> columns = new ArrayList<>();
        private final List<String> primaryKeys = new ArrayList<>();
        private String timeseriesColumn;
        private String comment;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder(TableName name) {
            this.name = name;
        }

        /** A column, {@code column("clicks_7d", "BIGINT")}. */
        public Builder column(String column, String type) {
            columns.add(StructField.of(column, type));
            return this;
        }

        public Builder column(StructField field) {
            columns.add(requireNonNull(field, "field is null"));
            return this;
        }

        /** The primary key columns, in order; the timeseries column is one of them. */
        public Builder primaryKeys(String... columns) {
            primaryKeys.addAll(List.of(columns));
            return this;
        }

        /** The point-in-time key: one of the primary key columns, a TIMESTAMP or DATE. */
        public Builder timeseriesColumn(String column) {
            this.timeseriesColumn = requireNonNull(column, "column is null");
            return this;
        }

        public Builder comment(String text) {
            this.comment = requireNonNull(text, "text is null");
            return this;
        }

        public Builder tag(String key, String value) {
            tags.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public FeatureTableDefinition build() {
            return new FeatureTableDefinition(this);
        }
    }
}
