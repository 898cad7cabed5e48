package dev.sluice.jdbc.features;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A feature table: a Unity Catalog Delta table with a primary key, of which at most one column may be the
 * TIMESERIES (point-in-time) key.
 *
 * @param name              catalog.schema.table
 * @param primaryKeys       the key columns, the timeseries column included
 * @param timeseriesColumns empty, or the one timeseries column
 * @param features          every column with its SQL type, keys included
 * @param tags              tags as key to value
 */
public record FeatureTableInfo(String name, List<String> primaryKeys, List<String> timeseriesColumns,
                               List<Feature> features, String description, Map<String, String> tags) {

    /** One column: its name and SQL type ({@code BIGINT}, {@code TIMESTAMP}, {@code DOUBLE}, ...). */
    public record Feature(String name, String dataType) {
        public Feature {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(dataType, "dataType is null");
        }
    }

    public FeatureTableInfo {
        Objects.requireNonNull(name, "name is null");
        primaryKeys = List.copyOf(primaryKeys);
        timeseriesColumns = List.copyOf(timeseriesColumns);
        features = List.copyOf(features);
        tags = Map.copyOf(tags);
    }
}
