package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import java.util.List;

/**
 * Base of the accessors over one column of JSON_ARRAY rows. Values stay the server's strings until a
 * getter asks; nothing is parsed or cached ahead of access.
 */
public abstract class JsonAccessor extends ColumnAccessor {
    private final List<String[]> rows;
    private final int column;

    protected JsonAccessor(List<String[]> rows, int column) {
        this.rows = rows;
        this.column = column;
    }

    /** The raw text of the value; null for SQL NULL (and for a row shorter than the schema). */
    protected final String text(int row) {
        String[] r = rows.get(row);
        return column < r.length ? r[column] : null;
    }

    @Override
    public boolean isNull(int row) {
        return text(row) == null;
    }

    @Override
    public String getString(int row) throws java.sql.SQLException {
        return text(row);
    }
}
