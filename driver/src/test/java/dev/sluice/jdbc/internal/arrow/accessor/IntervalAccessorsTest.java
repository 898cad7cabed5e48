package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.arrow.Batches;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Period;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class IntervalAccessorsTest {
    @Test
    void yearMonthIntervalsAsYearDashMonth() throws Exception {
        ColumnInfo manifest = new ColumnInfo("c", 0, "INTERVAL", "INTERVAL YEAR TO MONTH", -1, -1, "YEAR TO MONTH");
        ColumnAccessor a = Columns.with(manifest, Batches.OBJECTS, field("c", ArrowChunks.INTERVAL_YEAR_MONTH),
                14, -14, 0, Integer.MIN_VALUE);
        assertThat(a).isInstanceOf(YearMonthIntervalAccessor.class);
        assertThat(a.getString(0)).isEqualTo("1-2");
        assertThat(a.getObject(1)).isEqualTo("-1-2");
        assertThat(a.getString(2)).isEqualTo("0-0");
        assertThat(a.getString(3)).isEqualTo("-178956970-8");
        assertThat(a.getObject(0, Period.class)).isEqualTo(Period.of(1, 2, 0));
        assertThatThrownBy(() -> a.getObject(0, Duration.class)).isInstanceOf(SQLException.class);
    }

    @Test
    void dayTimeIntervalsFromSparkDurations() throws Exception {
        ColumnInfo manifest = new ColumnInfo("c", 0, "INTERVAL", "INTERVAL DAY TO SECOND", -1, -1, "DAY TO SECOND");
        Duration d = Duration.ofDays(3).plusHours(4).plusMinutes(5).plusSeconds(6).plusMillis(789);
        ColumnAccessor a = Columns.with(manifest, Batches.OBJECTS, field("c", ArrowChunks.DURATION_MICROS),
                d, d.negated(), Duration.ZERO, Long.MIN_VALUE, Duration.ofNanos(1000));
        assertThat(a).isInstanceOf(DurationAccessor.class);
        assertThat(a.getString(0)).isEqualTo("3 04:05:06.789000000");
        assertThat(a.getObject(1)).isEqualTo("-3 04:05:06.789000000");
        assertThat(a.getString(2)).isEqualTo("0 00:00:00.000000000");
        assertThat(a.getString(3)).isEqualTo("-106751991 04:00:54.775808000");
        assertThat(a.getString(4)).isEqualTo("0 00:00:00.000001000");
        assertThat(a.getObject(1, Duration.class)).isEqualTo(d.negated());
        assertThatThrownBy(() -> a.getObject(0, Period.class)).isInstanceOf(SQLException.class);
    }

    @Test
    void durationsInEveryUnitReadTheSameText() throws Exception {
        for (TimeUnit unit : TimeUnit.values()) {
            ColumnAccessor a = Columns.of(field("c", new ArrowType.Duration(unit)), Duration.ofSeconds(-90_061));
            assertThat(a.getString(0)).as(unit.name()).isEqualTo("-1 01:01:01.000000000");
        }
    }

    @Test
    void arrowDayTimeAndMonthDayNanoIntervals() throws Exception {
        ColumnAccessor dayTime = Columns.of(field("c", new ArrowType.Interval(IntervalUnit.DAY_TIME)),
                Duration.ofDays(2).plusMillis(1500), Duration.ofDays(-1).plusHours(1));
        assertThat(dayTime).isInstanceOf(DayTimeIntervalAccessor.class);
        assertThat(dayTime.getString(0)).isEqualTo("2 00:00:01.500000000");
        assertThat(dayTime.getString(1)).isEqualTo("-0 23:00:00.000000000");

        ColumnAccessor mdn = Columns.of(field("c", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)),
                new PeriodDuration(Period.ofMonths(13), Duration.ZERO),
                new PeriodDuration(Period.ofDays(1), Duration.ofNanos(5)),
                new PeriodDuration(Period.of(0, 2, 3), Duration.ofSeconds(4)));
        assertThat(mdn).isInstanceOf(MonthDayNanoIntervalAccessor.class);
        assertThat(mdn.getString(0)).isEqualTo("1-1");
        assertThat(mdn.getString(1)).isEqualTo("1 00:00:00.000000005");
        assertThat(mdn.getString(2)).isEqualTo("0-2 3 00:00:04.000000000");
        assertThat(mdn.getObject(1, Duration.class)).isEqualTo(Duration.ofDays(1).plusNanos(5));
    }
}
