package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Temporals;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** DATE: {@code yyyy-MM-dd}; getObject is {@code java.sql.Date.valueOf(localDate)}. */
public final class JsonDateAccessor extends JsonAccessor {
    public JsonDateAccessor(JsonRows rows, int column) {
        super(rows, column);
    }

    @Override
    public LocalDate getLocalDate(int row) throws SQLException {
        return JsonScalars.date(text(row));
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
