package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Temporals;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;

/**
 * TIMESTAMP: an instant written with the server's session offset ({@code 2021-06-15T12:34:56.789-07:00}).
 * The wall clock (getString, getLocalDateTime) is the one in the text, i.e. the server session's,
 * as Arrow results show it in the vector's (session) zone; text without an offset is read in the
 * connection's session zone. {@code getObject(i, OffsetDateTime.class)} keeps the text's offset.
 */
public final class JsonTimestampAccessor extends JsonAccessor {
    private final ZoneId sessionZone;

    public JsonTimestampAccessor(JsonRows rows, int column, ZoneId sessionZone) {
        super(rows, column);
        this.sessionZone = sessionZone;
    }

    private OffsetDateTime value(int row) throws SQLException {
        return JsonScalars.offsetDateTime(text(row), sessionZone);
    }

    @Override
    public boolean isInstant() {
        return true;
    }

    @Override
    public ZoneId sessionZone() {
        return sessionZone;
    }

    @Override
    public Instant getInstant(int row, ZoneId zoneForLocal) throws SQLException {
        return value(row).toInstant();
    }

    @Override
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        return value(row).toLocalDateTime();
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
    public Timestamp getTimestamp(int row, Calendar cal) throws SQLException {
        return Timestamp.from(value(row).toInstant());
    }

    @Override
    public String getString(int row) throws SQLException {
        return Temporals.formatTimestamp(getLocalDateTime(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return getTimestamp(row, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        if (type == OffsetDateTime.class) {
            return (T) value(row);
        }
        if (type == ZonedDateTime.class) {
            return (T) value(row).toZonedDateTime();
        }
        return super.getObject(row, type);
    }
}
