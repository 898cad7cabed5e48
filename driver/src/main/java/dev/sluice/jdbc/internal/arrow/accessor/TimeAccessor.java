package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Temporals;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Arrow Time vectors (TIME): units since midnight, 32-bit for seconds and milliseconds, 64-bit for
 * microseconds and nanoseconds. getObject is {@code java.sql.Time.valueOf(localTime)}; getLocalTime keeps
 * the full precision.
 */
public final class TimeAccessor extends ArrowAccessor {
    private final byte[] data;
    private final int offset;
    private final boolean wide;
    private final long nanosPerUnit;

    public TimeAccessor(ArrowBuffer validity, ArrowBuffer data, int bitWidth, short unit, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
        this.wide = bitWidth == 64;
        this.nanosPerUnit = 1_000_000_000L / TimeUnits.perSecond(unit);
    }

    @Override
    public LocalTime getLocalTime(int row) throws SQLException {
        long v = wide ? LittleEndian.getLong(data, offset + (row << 3)) : LittleEndian.getInt(data, offset + (row << 2));
        try {
            return LocalTime.ofNanoOfDay(Math.multiplyExact(v, nanosPerUnit));
        } catch (DateTimeException | ArithmeticException e) {
            throw datetimeOverflow(v, "time");
        }
    }

    @Override
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        return getLocalTime(row).atDate(LocalDate.EPOCH);
    }

    @Override
    public String getString(int row) throws SQLException {
        return Temporals.formatTime(getLocalTime(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return Time.valueOf(getLocalTime(row));
    }
}
