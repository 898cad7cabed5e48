package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Intervals;
import dev.sluice.jdbc.internal.types.SqlType;
import java.time.Duration;

/**
 * Arrow Duration vectors, Spark's encoding of the INTERVAL DAY TO SECOND family (MICROSECOND unit):
 * int64 units, text {@code D HH:MM:SS.nnnnnnnnn}.
 */
public final class DurationAccessor extends IntervalAccessor {
    private final long unitsPerSecond;

    public DurationAccessor(ArrowBuffer validity, ArrowBuffer data, short unit, SqlType type) {
        super(validity, data, type);
        this.unitsPerSecond = TimeUnits.perSecond(unit);
    }

    private long raw(int row) {
        return LittleEndian.getLong(data, offset + (row << 3));
    }

    @Override
    public String getString(int row) {
        return Intervals.dayTime(raw(row), unitsPerSecond);
    }

    @Override
    protected Duration duration(int row) {
        long v = raw(row);
        return Duration.ofSeconds(Math.floorDiv(v, unitsPerSecond),
                Math.floorMod(v, unitsPerSecond) * (1_000_000_000L / unitsPerSecond));
    }
}
