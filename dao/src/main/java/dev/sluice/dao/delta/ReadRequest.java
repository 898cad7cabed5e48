package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A read: columns (all when none), a filter with bound values, time travel to a version or a timestamp, order and
 * limit. Immutable; build with {@link #builder()}.
 */
public final class ReadRequest {

    private final List<String> columns;
    private final Condition filter;
    private final Long version;
    private final Instant timestamp;
    private final List<String> orderBy;
    private final Long limit;
    private final int fetchSize;

    private ReadRequest(Builder b) {
        this.columns = List.copyOf(b.columns);
        this.filter = b.filter;
        this.version = b.version;
        this.timestamp = b.timestamp;
        this.orderBy = List.copyOf(b.orderBy);
        this.limit = b.limit;
        this.fetchSize = b.fetchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every column, current version. */
    public static ReadRequest all() {
        return builder().build();
    }

    public List<String> columns() {
        return columns;
    }

    public Optional<Condition> filter() {
        return Optional.ofNullable(filter);
    }

    public OptionalLong asOfVersion() {
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    public Optional<Instant> asOfTimestamp() {
        return Optional.ofNullable(timestamp);
    }

    public List<String> orderBy() {
        return orderBy;
    }

    public OptionalLong limit() {
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    public int fetchSize() {
        return fetchSize;
    }

    public static final class Builder {
        private final List<String> columns = new ArrayList<>();
        private Condition filter;
        private Long version;
        private Instant timestamp;
        private final List<String> orderBy = new ArrayList<>();
        private Long limit;
        private int fetchSize;

        public Builder columns(String... names) {
            columns.addAll(List.of(names));
            return this;
        }

        public Builder filter(Condition c) {
            this.filter = requireNonNull(c, "filter is null");
            return this;
        }

        public Builder filter(String sql, Object... values) {
            return filter(Condition.of(sql, values));
        }

        /** {@code VERSION AS OF v}; v at least 0. */
        public Builder asOfVersion(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("version " + v + " is negative");
            }
            this.version = v;
            this.timestamp = null;
            return this;
        }

        /** {@code TIMESTAMP AS OF t}: the latest version committed at or before t. */
        public Builder asOfTimestamp(Instant t) {
            this.timestamp = requireNonNull(t, "timestamp is null");
            this.version = null;
            return this;
        }

        /** Ascending order by these columns. */
        public Builder orderBy(String... names) {
            orderBy.addAll(List.of(names));
            return this;
        }

        public Builder limit(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("limit " + n + " is negative");
            }
            this.limit = n;
            return this;
        }

        /** A hint to the driver (0 = the driver's default). */
        public Builder fetchSize(int rows) {
            this.fetchSize = rows;
            return this;
        }

        public ReadRequest build() {
            return new ReadRequest(this);
        }
    }
}
