package dev.sluice.dao.delta;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns the rows of DESCRIBE HISTORY and DESCRIBE DETAIL into their records. */
final class ResultReaders {

    private ResultReaders() {
    }

    static HistoryEntry history(ResultSet rs) throws SQLException {
        long readVersion = rs.getLong("readVersion");
        OptionalLong read = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(readVersion);
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonText.object(rs.getString("operationParameters"))
                .forEach((k, v) -> parameters.put(k, v == null ? null : v.toString()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        JsonText.object(rs.getString("operationMetrics")).forEach((k, v) -> metrics.put(k, typed(v)));
        boolean blind = rs.getBoolean("isBlindAppend");
        return new HistoryEntry(rs.getLong("version"), instant(rs.getTimestamp("timestamp")),
                text(rs, "userId"), text(rs, "userName"), rs.getString("operation"),
                Collections.unmodifiableMap(parameters), Collections.unmodifiableMap(metrics), read,
                text(rs, "isolationLevel"), blind, text(rs, "engineInfo"), text(rs, "userMetadata"));
    }

    static TableDetail detail(ResultSet rs) throws SQLException {
        Map<String, String> properties = new LinkedHashMap<>();
        JsonText.object(rs.getString("properties")).forEach((k, v) -> properties.put(k, v == null ? null : v.toString()));
        Timestamp created = rs.getTimestamp("createdAt");
        Timestamp modified = rs.getTimestamp("lastModified");
        return new TableDetail(rs.getString("format"), rs.getString("id"), rs.getString("name"),
                text(rs, "description"), rs.getString("location"),
                Optional.ofNullable(created).map(Timestamp::toInstant),
                Optional.ofNullable(modified).map(Timestamp::toInstant),
                JsonText.strings(rs.getString("partitionColumns")), JsonText.strings(rs.getString("clusteringColumns")),
                Statements.longColumn(rs, "numFiles"), Statements.longColumn(rs, "sizeInBytes"),
                Collections.unmodifiableMap(properties), rs.getInt("minReaderVersion"), rs.getInt("minWriterVersion"),
                JsonText.strings(rs.getString("tableFeatures")));
    }

    /** Metrics are strings in the map; numbers become Long (or Double). */
    static Object typed(Object v) {
        if (v instanceof String s && !s.isEmpty()) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException notLong) {
                try {
                    if (s.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
                        return Double.parseDouble(s);
                    }
                } catch (NumberFormatException notDouble) {
                    return s;
                }
            }
        }
        return v;
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
