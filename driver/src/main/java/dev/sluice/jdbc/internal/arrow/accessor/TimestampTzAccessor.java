package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
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
import java.util.Calendar;
import java.util.Objects;

/**
 * Arrow Timestamp vectors read as instants (TIMESTAMP): values count units since the epoch in UTC. The
 * wall clock (getString, getLocalDateTime) is shown in the vector's time zone, or in the session zone
 * when the manifest says TIMESTAMP but the vector carries no zone.
 */
public final class TimestampTzAccessor extends ArrowAccessor {
    private final byte[] data;
    private final int offset;
    private final long unitsPerSecond;
    private final long nanosPerUnit;
    private final ZoneId zone;

    public TimestampTzAccessor(ArrowBuffer validity, ArrowBuffer data, short unit, ZoneId zone, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
        this.unitsPerSecond = TimeUnits.perSecond(unit);
        this.nanosPerUnit = 1_000_000_000L / unitsPerSecond;
        this.zone = Objects.requireNonNull(zone, "zone is null");
    }

    private Instant instant(int row) throws SQLException {
        long v = LittleEndian.getLong(data, offset + (row << 3));
        try {
            return Instant.ofEpochSecond(Math.floorDiv(v, unitsPerSecond), Math.floorMod(v, unitsPerSecond) * nanosPerUnit);
        } catch (DateTimeException e) {
            throw datetimeOverflow(v, "timestamp");
        }
    }

    @Override
    public boolean isInstant() {
        return true;
    }

    @Override
    public ZoneId sessionZone() {
        return zone;
    }

    @Override
    public Instant getInstant(int row, ZoneId zoneForLocal) throws SQLException {
        return instant(row);
    }

    @Override
    public Timestamp getTimestamp(int row, Calendar cal) throws SQLException {
        Instant i = instant(row);
        try {
            return Timestamp.from(i);
        } catch (IllegalArgumentException e) {
            throw Conversions.outOfRange(i, "java.sql.Timestamp");
        }
    }

    @Override
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        return LocalDateTime.ofInstant(instant(row), zone);
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
    public String getString(int row) throws SQLException {
        return Temporals.formatTimestamp(getLocalDateTime(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return getTimestamp(row, null);
    }
}
