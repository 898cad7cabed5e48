package dev.sluice.jdbc.features;

import java.util.List;

/**
 * An online table published from a feature table.
 *
 * @param primaryKeyColumns the lookup key: the source's primary key without its timeseries column
 * @param timeseriesKey     the source's timeseries column, or null
 * @param lastPublishedTime epoch milliseconds of the last publish, or -1 when the server did not say
 * @param rowCount          rows (keys) published, or -1 when the server did not say
 */
public record OnlineTableInfo(String name, String sourceTableName, String onlineStore,
                              List<String> primaryKeyColumns, String timeseriesKey, long lastPublishedTime,
                              long rowCount) {
    public OnlineTableInfo {
        primaryKeyColumns = List.copyOf(primaryKeyColumns);
    }
}
