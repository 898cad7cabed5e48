package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.types.SqlType;

/**
 * Base of the binary vectors (BINARY): getObject and getBytes copy the bytes, getString is lower-case hex
 * (as {@link Conversions#toString} renders byte[]), and inside JSON text the value is base64.
 */
public abstract class BytesAccessor extends VarWidthAccessor {
    protected BytesAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public Object getObject(int row) {
        return getBytes(row);
    }

    @Override
    public String getString(int row) {
        return Conversions.hex(getBytes(row));
    }

    @Override
    public void appendJson(int row, StringBuilder out) {
        JsonText.appendBase64(out, getBytes(row));
    }
}
