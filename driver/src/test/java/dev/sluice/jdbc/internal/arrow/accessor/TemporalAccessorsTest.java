package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.arrow.Batches;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class TemporalAccessorsTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Instant INSTANT = Instant.parse("2021-06-15T19:34:56.789Z");

    @Test
    void datesInDaysAndMilliseconds() throws Exception {
        LocalDate d = LocalDate.of(1900, 2, 28);
        ColumnAccessor days = Columns.of(field("c", ArrowChunks.DATE), d, LocalDate.of(9999, 12, 31), null);
        assertThat(days).isInstanceOf(DateAccessor.class);
        assertThat(days.getLocalDate(0)).isEqualTo(d);
        assertThat(days.getString(0)).isEqualTo("1900-02-28");
        assertThat(days.getObject(0)).isEqualTo(java.sql.Date.valueOf(d));
        assertThat(days.getTimestamp(0, null)).isEqualTo(Timestamp.valueOf(d.atStartOfDay()));
        assertThat(days.getString(1)).isEqualTo("9999-12-31");
        assertThat(days.isNull(2)).isTrue();
        assertThat(days.isInstant()).isFalse();

        ColumnAccessor millis = Columns.of(field("c", new ArrowType.Date(DateUnit.MILLISECOND)), d);
        assertThat(millis.getLocalDate(0)).isEqualTo(d);
    }

    @Test
    void zonedTimestampsAreInstantsShownInTheVectorZone() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.timestamp(LA.getId())), INSTANT,
                Instant.parse("1969-12-31T23:59:59.999999Z"), null);
        assertThat(a).isInstanceOf(TimestampTzAccessor.class);
        assertThat(a.isInstant()).isTrue();
        assertThat(a.sessionZone()).isEqualTo(LA);
        assertThat(a.getInstant(0, ZoneOffset.UTC)).isEqualTo(INSTANT);
        assertThat(a.getTimestamp(0, null).toInstant()).isEqualTo(INSTANT);
        assertThat(((Timestamp) a.getObject(0)).toInstant()).isEqualTo(INSTANT);
        assertThat(a.getString(0)).isEqualTo("2021-06-15 12:34:56.789");
        assertThat(a.getLocalDateTime(0)).isEqualTo(LocalDateTime.of(2021, 6, 15, 12, 34, 56, 789_000_000));
        assertThat(a.getObject(0, OffsetDateTime.class)).isEqualTo(INSTANT.atZone(LA).toOffsetDateTime());
        assertThat(a.getObject(0, Instant.class)).isEqualTo(INSTANT);
        assertThat(a.getInstant(1, ZoneOffset.UTC)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(a.getString(1)).isEqualTo("1969-12-31 15:59:59.999999");
    }

    @Test
    void zonelessTimestampsAreWallClocks() throws Exception {
        LocalDateTime wall = LocalDateTime.of(2021, 6, 15, 12, 0);
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.TIMESTAMP_NTZ), wall, LocalDateTime.of(1, 1, 1, 0, 0, 0, 1000));
        assertThat(a).isInstanceOf(TimestampNtzAccessor.class);
        assertThat(a.isInstant()).isFalse();
        assertThat(a.getLocalDateTime(0)).isEqualTo(wall);
        assertThat(a.getString(0)).isEqualTo("2021-06-15 12:00:00");
        assertThat(a.getObject(0)).isEqualTo(Timestamp.valueOf(wall));
        assertThat(a.getInstant(0, LA)).isEqualTo(wall.atZone(LA).toInstant());
        assertThat(a.getInstant(0, ZoneOffset.UTC)).isEqualTo(wall.toInstant(ZoneOffset.UTC));
        assertThat(a.getString(1)).isEqualTo("0001-01-01 00:00:00.000001");
    }

    @Test
    void manifestTimestampMakesAZonelessVectorAnInstantInTheSessionZone() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        long micros = INSTANT.getEpochSecond() * 1_000_000 + INSTANT.getNano() / 1000;
        ColumnAccessor a = Columns.with(Columns.manifest("TIMESTAMP", "TIMESTAMP"), Batches.session(tokyo, true),
                field("c", ArrowChunks.TIMESTAMP_NTZ), micros);
        assertThat(a.isInstant()).isTrue();
        assertThat(a.sessionZone()).isEqualTo(tokyo);
        assertThat(a.getInstant(0, ZoneOffset.UTC)).isEqualTo(INSTANT);
        assertThat(a.getString(0)).isEqualTo("2021-06-16 04:34:56.789");
    }

    @Test
    void manifestTimestampNtzWinsOverAVectorZone() throws Exception {
        ColumnAccessor a = Columns.with(Columns.manifest("TIMESTAMP_NTZ", "TIMESTAMP_NTZ"), Batches.OBJECTS,
                field("c", ArrowChunks.timestamp("UTC")), INSTANT);
        assertThat(a.isInstant()).isFalse();
        assertThat(a.getString(0)).isEqualTo("2021-06-15 19:34:56.789");
    }

    @Test
    void everyTimestampUnit() throws Exception {
        for (TimeUnit unit : TimeUnit.values()) {
            ColumnAccessor a = Columns.of(field("c", new ArrowType.Timestamp(unit, "UTC")),
                    Instant.parse("2000-01-02T03:04:05Z"), Instant.parse("1960-01-01T00:00:00Z"));
            assertThat(a.getString(0)).as(unit.name()).isEqualTo("2000-01-02 03:04:05");
            assertThat(a.getInstant(1, ZoneOffset.UTC)).as(unit.name()).isEqualTo(Instant.parse("1960-01-01T00:00:00Z"));
        }
        ColumnAccessor nanos = Columns.of(field("c", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)), 1_000_000_001L);
        assertThat(nanos.getString(0)).isEqualTo("1970-01-01 00:00:01.000000001");
    }

    @Test
    void timesOfDay() throws Exception {
        LocalTime t = LocalTime.of(23, 59, 58, 123_456_000);
        ColumnAccessor micros = Columns.of(field("c", new ArrowType.Time(TimeUnit.MICROSECOND, 64)), t);
        assertThat(micros).isInstanceOf(TimeAccessor.class);
        assertThat(micros.getLocalTime(0)).isEqualTo(t);
        assertThat(micros.getString(0)).isEqualTo("23:59:58.123456");
        assertThat(micros.getObject(0)).isEqualTo(Time.valueOf(t));
        ColumnAccessor seconds = Columns.of(field("c", new ArrowType.Time(TimeUnit.SECOND, 32)), LocalTime.of(1, 2, 3));
        assertThat(seconds.getString(0)).isEqualTo("01:02:03");
    }
}
