package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Conversions;
import java.sql.SQLException;

/**
 * BINARY: the server's base64 text, decoded on access (the official driver's reading). getString is
 * lower-case hex of the bytes, the same as for Arrow results.
 */
public final class JsonBinaryAccessor extends JsonAccessor {
    public JsonBinaryAccessor(JsonRows rows, int column) {
        super(rows, column);
    }

    @Override
    public byte[] getBytes(int row) throws SQLException {
        return JsonScalars.base64(text(row));
    }

    @Override
    public String getString(int row) throws SQLException {
        return Conversions.hex(getBytes(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return getBytes(row);
    }
}
