package dev.sluice.dao.delta;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of {@code DESCRIBE HISTORY}. Parameters are as the server sent them (text); metrics are typed: a number
 * is a {@link Long} (or a {@link Double} when it has a fraction), anything else stays text.
 */
public record HistoryEntry(long version, Instant timestamp, Optional<String> userId, Optional<String> userName,
                           String operation, Map<String, String> parameters, Map<String, Object> metrics,
                           OptionalLong readVersion, Optional<String> isolationLevel, boolean isBlindAppend,
                           Optional<String> engineInfo, Optional<String> userMetadata) {

    /** A metric as a long, 0 when absent or not a number. */
    public long metric(String name) {
        return metrics.get(name) instanceof Number n ? n.longValue() : 0L;
    }
}
