package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.result.ColumnAccessor;

/** Type NULL (VOID): every value is SQL NULL whatever the row holds. */
public final class JsonNullAccessor extends ColumnAccessor {
    @Override
    public boolean isNull(int row) {
        return true;
    }

    @Override
    public Object getObject(int row) {
        return null;
    }
}
