package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Intervals;
import dev.sluice.jdbc.internal.types.SqlType;
import java.time.Period;

/** Arrow Interval(YEAR_MONTH) vectors (INTERVAL YEAR TO MONTH family): int32 months, text {@code Y-M}. */
public final class YearMonthIntervalAccessor extends IntervalAccessor {
    public YearMonthIntervalAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    private int months(int row) {
        return LittleEndian.getInt(data, offset + (row << 2));
    }

    @Override
    public String getString(int row) {
        return Intervals.yearMonth(months(row));
    }

    @Override
    protected Period period(int row) {
        return Period.ofMonths(months(row)).normalized();
    }
}
