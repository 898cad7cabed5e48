package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Base of the accessors over one Arrow vector of one record batch. Holds the validity bitmap (absent
 * when the batch says the vector has no nulls, so {@link #isNull} is then a field test) and the
 * column's effective SQL type, and adds what nested values need: JSON rendering and object values.
 */
public abstract class ArrowAccessor extends ColumnAccessor {
    private final byte[] validity;
    private final int validityOffset;
    private final SqlType type;

    /**
     * @param validity the validity bitmap, or null when no value is null
     * @param type the column's SQL type (from the manifest where it spoke, otherwise derived from Arrow)
     */
    protected ArrowAccessor(ArrowBuffer validity, SqlType type) {
        this.validity = validity == null ? null : validity.array();
        this.validityOffset = validity == null ? 0 : validity.offset();
        this.type = Objects.requireNonNull(type, "type is null");
    }

    @Override
    public boolean isNull(int row) {
        return validity != null && (validity[validityOffset + (row >>> 3)] & (1 << (row & 7))) == 0;
    }

    /** The SQL type of the values, used for Array base types and Struct type names. */
    public final SqlType sqlType() {
        return type;
    }

    /**
     * Appends the JSON form of the non-null value at {@code row}, as it appears inside the JSON text of an
     * enclosing ARRAY/MAP/STRUCT. Text types are quoted; numbers and booleans are bare.
     */
    public void appendJson(int row, StringBuilder out) throws SQLException {
        JsonText.appendQuoted(out, getString(row));
    }

    /**
     * The value as an element of an enclosing complex value: like {@link #getObject(int)}, except that
     * ARRAY/MAP/STRUCT are always objects even when top-level complex values are read as JSON text.
     */
    public Object getNestedObject(int row) throws SQLException {
        return getObject(row);
    }

    /** 22008: a datetime value outside what Java's time types can hold. */
    protected static SQLException datetimeOverflow(long raw, String what) {
        return Errors.of("22008", "the " + what + " value " + raw + " is outside the supported datetime range", null);
    }
}
