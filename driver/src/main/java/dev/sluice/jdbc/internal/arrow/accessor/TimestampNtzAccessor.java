package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Temporals;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Arrow Timestamp vectors read as wall-clock values (TIMESTAMP_NTZ): the stored count of units is the
 * wall clock written as if in UTC, so no zone ever shifts it. getObject is
 * {@code Timestamp.valueOf(localDateTime)}; getInstant reads the wall clock in the zone asked for.
 */
public final class TimestampNtzAccessor extends ArrowAccessor {
    private final byte[] data;
    private final int offset;
    private final long unitsPerSecond;
    private final long nanosPerUnit;

    public TimestampNtzAccessor(ArrowBuffer validity, ArrowBuffer data, short unit, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
        this.unitsPerSecond = TimeUnits.perSecond(unit);
        this.nanosPerUnit = 1_000_000_000L / unitsPerSecond;
    }

    @Override
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        long v = LittleEndian.getLong(data, offset + (row << 3));
        try {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(v, unitsPerSecond),
                    (int) (Math.floorMod(v, unitsPerSecond) * nanosPerUnit), ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw datetimeOverflow(v, "timestamp");
        }
    }

    @Override
    public LocalDate getLocalDate(int row) throws SQLException {
        return getLocalDateTime(row).toLocalDate();
    }

    @Override
    public LocalTime getLocalTime(int row) throws SQLException {
        return getLocalDateTime(row).toLocalTime();
    }

    @Override
    public Instant getInstant(int row, ZoneId zoneForLocal) throws SQLException {
        return getLocalDateTime(row).atZone(zoneForLocal).toInstant();
    }

    @Override
    public String getString(int row) throws SQLException {
        return Temporals.formatTimestamp(getLocalDateTime(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return Timestamp.valueOf(getLocalDateTime(row));
    }
}
