package dev.sluice.dao.features;

import dev.sluice.dao.delta.TableName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A feature table as the catalog describes it.
 *
 * @param primaryKeys      the key columns, the timeseries column included
 * @param timeseriesColumn the point-in-time key, if the table is a time series
 * @param columns          every column name to its SQL type, in table order
 */
public record FeatureTable(TableName name, List<String> primaryKeys, Optional<String> timeseriesColumn,
                           Map<String, String> columns, Optional<String> comment, Map<String, String> tags) {
    public FeatureTable {
        primaryKeys = List.copyOf(primaryKeys);
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        tags = Map.copyOf(tags);
    }

    /** The key an entity row is matched on: the primary key without the timeseries column. */
    public List<String> lookupKeys() {
        return primaryKeys.stream().filter(k -> timeseriesColumn.map(t -> !t.equalsIgnoreCase(k)).orElse(true))
                .toList();
    }

    /** The columns that are features: every column but the primary key's. */
    public List<String> featureNames() {
        return columns.keySet().stream().filter(c -> primaryKeys.stream().noneMatch(k -> k.equalsIgnoreCase(c)))
                .toList();
    }
}
