package dev.sluice.dao.features;

import dev.sluice.dao.delta.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Features of one feature table joined to a training set's entity rows: which features (all when none are named),
 * under which names, matched on which entity columns, and how far back a value may lie.
 */
public final class FeatureLookup {
    private final TableName table;
    private final List<String> lookupKeys;
    private final List<String> features;
    private final Map<String, String> renames;
    private final Duration lookback;

    private FeatureLookup(Builder b) {
        if (b.lookupKeys.isEmpty()) {
            throw new IllegalArgumentException("a feature lookup of " + b.table + " needs its lookup keys");
        }
        if (b.lookback != null && (b.lookback.isNegative() || b.lookback.isZero())) {
            throw new IllegalArgumentException("lookback " + b.lookback + " is not positive");
        }
        for (String from : b.renames.keySet()) {
            if (!b.features.isEmpty() && !b.features.contains(from)) {
                throw new IllegalArgumentException("rename of " + from + ", which is not among the features " + b.features);
            }
        }
        this.table = b.table;
        this.lookupKeys = List.copyOf(b.lookupKeys);
        this.features = List.copyOf(b.features);
        this.renames = Map.copyOf(b.renames);
        this.lookback = b.lookback;
    }

    /** A lookup of {@code table}; the entity's columns {@code lookupKeys} match the table's key, in order. */
    public static Builder of(TableName table, String... lookupKeys) {
        return new Builder(requireNonNull(table, "table is null"), List.of(lookupKeys));
    }

    public TableName table() {
        return table;
    }

    public List<String> lookupKeys() {
        return lookupKeys;
    }

    /** The features asked for; empty means every feature of the table. */
    public List<String> features() {
        return features;
    }

    /** Feature name to the name it gets in the training set. */
    public Map<String, String> renames() {
        return renames;
    }

    /** Only values at most this old at the entity's event time count; absent means any age. */
    public Optional<Duration> lookback() {
        return Optional.ofNullable(lookback);
    }

    /** The output name of a feature. */
    String outputName(String feature) {
        return renames.getOrDefault(feature, feature);
    }

    public static final class Builder {
        private final TableName table;
        private final List<String> lookupKeys;
        private final List<String> features = new ArrayList<>();
        private final Map<String, String> renames = new LinkedHashMap<>();
        private Duration lookback;

        private Builder(TableName table, List<String> lookupKeys) {
            this.table = table;
            this.lookupKeys = lookupKeys;
        }

        public Builder features(String... names) {
            features.addAll(List.of(names));
            return this;
        }

        public Builder rename(String feature, String outputName) {
            renames.put(requireNonNull(feature, "feature is null"), requireNonNull(outputName, "outputName is null"));
            return this;
        }

        public Builder lookback(Duration window) {
            this.lookback = requireNonNull(window, "window is null");
            return this;
        }

        public FeatureLookup build() {
            return new FeatureLookup(this);
        }
    }
}
