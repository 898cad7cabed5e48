package dev.sluice.dao.delta;

import dev.sluice.jdbc.simulate.SkippedAction;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What OPTIMIZE reports: files added and removed, their bytes, partitions optimized, the Z-order statistics when
 * Z-ordered, and every metric as the server sent it ({@link #metrics()}, nested structs as maps).
 */
public record OptimizeResult(long filesAdded, long filesRemoved, long bytesAdded, long bytesRemoved,
                             long partitionsOptimized, long totalConsideredFiles, long totalFilesSkipped,
                             Optional<Map<String, Object>> zOrderStats, Map<String, Object> metrics,
                             List<SkippedAction> planned) {

    /** @param planned as {@link MergeResult#planned()}: what a dry run planned instead of running */
    public OptimizeResult {
        planned = List.copyOf(planned);
    }

    public OptimizeResult(long filesAdded, long filesRemoved, long bytesAdded, long bytesRemoved,
                          long partitionsOptimized, long totalConsideredFiles, long totalFilesSkipped,
                          Optional<Map<String, Object>> zOrderStats, Map<String, Object> metrics) {
        this(filesAdded, filesRemoved, bytesAdded, bytesRemoved, partitionsOptimized, totalConsideredFiles,
                totalFilesSkipped, zOrderStats, metrics, List.of());
    }

    /** What a dry run answers: no metrics, the planned statement. */
    static OptimizeResult planned(List<SkippedAction> planned) {
        return new OptimizeResult(0, 0, 0, 0, 0, 0, 0, Optional.empty(), Map.of(), planned);
    }

    /** True when nothing was executed (a {@code Simulation=dry-run} connection). */
    public boolean simulated() {
        return !planned.isEmpty();
    }

    @SuppressWarnings("unchecked")
    static OptimizeResult of(Map<String, Object> m) {
        Map<String, Object> added = m.get("filesAdded") instanceof Map ? (Map<String, Object>) m.get("filesAdded") : Map.of();
        Map<String, Object> removed = m.get("filesRemoved") instanceof Map ? (Map<String, Object>) m.get("filesRemoved")
                : Map.of();
        Object z = m.get("zOrderStats");
        return new OptimizeResult(num(m, "numFilesAdded"), num(m, "numFilesRemoved"), num(added, "totalSize"),
                num(removed, "totalSize"), num(m, "partitionsOptimized"), num(m, "totalConsideredFiles"),
                num(m, "totalFilesSkipped"),
                z instanceof Map ? Optional.of((Map<String, Object>) z) : Optional.empty(), m);
    }

    static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
