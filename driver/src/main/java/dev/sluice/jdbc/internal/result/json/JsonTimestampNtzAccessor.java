package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.result.Temporals;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** TIMESTAMP_NTZ: a wall-clock value without offset; getInstant reads it in the zone asked for. */
public final class JsonTimestampNtzAccessor extends JsonAccessor {
    public JsonTimestampNtzAccessor(JsonRows rows, int column) {
        super(rows, column);
    }

    @Override
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        return Conversions.parseLocalDateTime(text(row));
    }

    @Override
    public LocalDate getLocalDate(int row) throws SQLException {
        return getLocalDateTime(row).toLocalDate();
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
