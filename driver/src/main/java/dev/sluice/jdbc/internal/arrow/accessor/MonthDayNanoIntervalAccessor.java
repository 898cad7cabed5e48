package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Intervals;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Period;

/**
 * Arrow Interval(MONTH_DAY_NANO) vectors: int32 months, int32 days, int64 nanoseconds. Text is
 * {@code Y-M} when only months are set, {@code D HH:MM:SS.nnnnnnnnn} when no months are, and both
 * joined by a space otherwise.
 */
public final class MonthDayNanoIntervalAccessor extends IntervalAccessor {
    public MonthDayNanoIntervalAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public String getString(int row) {
        int at = offset + (row << 4);
        int months = LittleEndian.getInt(data, at);
        int days = LittleEndian.getInt(data, at + 4);
        long nanos = LittleEndian.getLong(data, at + 8);
        if (days == 0 && nanos == 0) {
            return Intervals.yearMonth(months);
        }
        String dayTime = Intervals.daysAndNanos(days, nanos);
        return months == 0 ? dayTime : Intervals.yearMonth(months) + " " + dayTime;
    }

    @Override
    protected Duration duration(int row) throws SQLException {
        int at = offset + (row << 4);
        if (LittleEndian.getInt(data, at) != 0) {
            return super.duration(row);
        }
        return Duration.ofDays(LittleEndian.getInt(data, at + 4)).plusNanos(LittleEndian.getLong(data, at + 8));
    }

    @Override
    protected Period period(int row) throws SQLException {
        int at = offset + (row << 4);
        if (LittleEndian.getLong(data, at + 8) != 0) {
            return super.period(row);
        }
        return Period.of(0, LittleEndian.getInt(data, at), LittleEndian.getInt(data, at + 4));
    }
}
