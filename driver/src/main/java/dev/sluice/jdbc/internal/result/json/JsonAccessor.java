package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.ColumnAccessor;

/**
 * Base of the accessors over one column of JSON_ARRAY rows, read from the chunk's {@link JsonRows}: a value's
 * {@code String} is only made when a getter asks. Integer and DOUBLE columns read into primitive arrays once per
 * chunk ({@link JsonIntegerAccessor}, {@link JsonFloatingAccessor}); other values are parsed on access.
 */
public abstract class JsonAccessor extends ColumnAccessor {
    private final JsonRows rows;
    private final int column;

    protected JsonAccessor(JsonRows rows, int column) {
        this.rows = rows;
        this.column = column;
    }

    /** The raw text of the value; null for SQL NULL (and for a row shorter than the schema). */
    protected final String text(int row) {
        return rows.text(row, column);
    }

    @Override
    public boolean isNull(int row) {
        return rows.isNull(row, column);
    }

    @Override
    public String getString(int row) throws java.sql.SQLException {
        return text(row);
    }
}
