package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Temporals;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Arrow Date vectors (DATE): DAY unit (int32 days since the epoch, Spark's choice) or MILLISECOND unit
 * (int64 milliseconds, floored to the day). getObject is {@code java.sql.Date.valueOf(localDate)}.
 */
public final class DateAccessor extends ArrowAccessor {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final byte[] data;
    private final int offset;
    private final boolean millis;

    /** @param millis true for DateUnit.MILLISECOND (int64), false for DateUnit.DAY (int32) */
    public DateAccessor(ArrowBuffer validity, ArrowBuffer data, boolean millis, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
        this.millis = millis;
    }

    @Override
    public LocalDate getLocalDate(int row) throws SQLException {
        long days = millis
                ? Math.floorDiv(LittleEndian.getLong(data, offset + (row << 3)), MILLIS_PER_DAY)
                : LittleEndian.getInt(data, offset + (row << 2));
        try {
            return LocalDate.ofEpochDay(days);
        } catch (DateTimeException e) {
            throw datetimeOverflow(days, "date");
        }
    }

    @Override
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        return getLocalDate(row).atStartOfDay();
    }

    @Override
    public String getString(int row) throws SQLException {
        return Temporals.formatDate(getLocalDate(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return java.sql.Date.valueOf(getLocalDate(row));
    }
}
