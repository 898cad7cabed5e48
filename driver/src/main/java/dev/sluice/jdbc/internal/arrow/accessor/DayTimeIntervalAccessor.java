package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Intervals;
import dev.sluice.jdbc.internal.types.SqlType;
import java.time.Duration;

/** Arrow Interval(DAY_TIME) vectors: int32 days and int32 milliseconds, text {@code D HH:MM:SS.nnnnnnnnn}. */
public final class DayTimeIntervalAccessor extends IntervalAccessor {
    public DayTimeIntervalAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public String getString(int row) {
        int at = offset + (row << 3);
        return Intervals.daysAndNanos(LittleEndian.getInt(data, at), LittleEndian.getInt(data, at + 4) * 1_000_000L);
    }

    @Override
    protected Duration duration(int row) {
        int at = offset + (row << 3);
        return Duration.ofDays(LittleEndian.getInt(data, at)).plusMillis(LittleEndian.getInt(data, at + 4));
    }
}
