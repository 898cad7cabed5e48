package dev.sluice.dao.delta;

import java.util.List;
import java.util.Optional;

/**
 * {@code OPTIMIZE t [WHERE partition_predicate] [ZORDER BY (cols)]}. The predicate may use partition columns only
 * (Delta's rule); values in it are bound.
 */
public record OptimizeRequest(Optional<Condition> where, List<String> zOrderBy) {

    public OptimizeRequest {
        where = where == null ? Optional.empty() : where;
        zOrderBy = List.copyOf(zOrderBy);
    }

    /** Compaction of the whole table. */
    public static OptimizeRequest all() {
        return new OptimizeRequest(Optional.empty(), List.of());
    }

    public OptimizeRequest where(String sql, Object... values) {
        return new OptimizeRequest(Optional.of(Condition.of(sql, values)), zOrderBy);
    }

    public OptimizeRequest zOrderBy(String... columns) {
        return new OptimizeRequest(where, List.of(columns));
    }
}
