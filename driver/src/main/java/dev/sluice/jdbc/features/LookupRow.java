package dev.sluice.jdbc.features;

import java.util.List;
import java.util.Map;

/**
 * The answer for one looked-up record.
 *
 * @param values            the lookup keys and every feature found, by column name (JSON values: String, Long,
 *     Double, Boolean, BigDecimal or null)
 * @param missingTables     online tables that had no row for the key; empty when all had one. A server that does not
 *     report it (Databricks) gives an empty list: missing features are then nulls in {@code values}
 * @param publishedAt       when each online table was last published (epoch ms), where the server reports it
 * @param featureTimestamps per time series table, the timestamp the features are as of, where reported
 */
public record LookupRow(Map<String, Object> values, List<String> missingTables, Map<String, Long> publishedAt,
                        Map<String, String> featureTimestamps) {

    /** Whether every online table had a row for the key. */
    public boolean found() {
        return missingTables.isEmpty();
    }
}
