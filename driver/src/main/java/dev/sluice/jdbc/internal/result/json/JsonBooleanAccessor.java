package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Conversions;
import java.sql.SQLException;

/** BOOLEAN: {@code "true"}/{@code "false"} (any case); numeric getters answer 1 and 0. */
public final class JsonBooleanAccessor extends JsonAccessor {
    public JsonBooleanAccessor(JsonRows rows, int column) {
        super(rows, column);
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        return Conversions.toBoolean(text(row));
    }

    @Override
    public byte getByte(int row) throws SQLException {
        return (byte) (getBoolean(row) ? 1 : 0);
    }

    @Override
    public short getShort(int row) throws SQLException {
        return getByte(row);
    }

    @Override
    public int getInt(int row) throws SQLException {
        return getByte(row);
    }

    @Override
    public long getLong(int row) throws SQLException {
        return getByte(row);
    }

    @Override
    public String getString(int row) throws SQLException {
        return getBoolean(row) ? "true" : "false";
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return getBoolean(row);
    }
}
