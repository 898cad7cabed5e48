package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;

/** Arrow Null vectors (SQL VOID, the type of a bare NULL): every value is NULL. */
public final class NullAccessor extends ArrowAccessor {
    public NullAccessor(SqlType type) {
        super(null, type);
    }

    @Override
    public boolean isNull(int row) {
        return true;
    }

    @Override
    public Object getObject(int row) {
        return null;
    }
}
