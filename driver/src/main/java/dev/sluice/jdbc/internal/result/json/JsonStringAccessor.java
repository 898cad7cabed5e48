package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import java.nio.charset.StandardCharsets;

/**
 * STRING, CHAR, VARCHAR, INTERVAL (text as the server gives it), VARIANT (its JSON text) and types the
 * driver does not know: getString and getObject are the text; other getters convert it with the checked
 * rules.
 */
public final class JsonStringAccessor extends JsonAccessor {
    public JsonStringAccessor(JsonRows rows, int column) {
        super(rows, column);
    }

    @Override
    public Object getObject(int row) {
        return text(row);
    }

    @Override
    public byte[] getBytes(int row) {
        return text(row).getBytes(StandardCharsets.UTF_8);
    }
}
