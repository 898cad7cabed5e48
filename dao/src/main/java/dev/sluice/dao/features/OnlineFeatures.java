package dev.sluice.dao.features;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The online features of one key.
 *
 * @param values            the key and every feature found, by name; features of a missing key are absent
 * @param missingTables     online tables without a row for the key; empty when found everywhere
 * @param staleness         how long ago the oldest online table involved was published (zero when unknown)
 * @param featureTimestamps per time series online table, the timestamp its features are as of
 */
public record OnlineFeatures(Map<String, Object> values, List<String> missingTables, Duration staleness,
                             Map<String, String> featureTimestamps) {

    /** Whether every online table had a row for the key. */
    public boolean found() {
        return missingTables.isEmpty();
    }
}
