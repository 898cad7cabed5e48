package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;
import java.nio.charset.StandardCharsets;

/**
 * Base of the UTF-8 text vectors (STRING, CHAR, VARCHAR): bytes are decoded only when a String is
 * asked for; getBytes returns the UTF-8 bytes; numeric getters parse the text with the checked rules.
 */
public abstract class TextAccessor extends VarWidthAccessor {
    protected TextAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public String getString(int row) {
        int start = valueStart(row);
        return new String(data, start, valueEnd(row) - start, StandardCharsets.UTF_8);
    }

    @Override
    public Object getObject(int row) {
        return getString(row);
    }
}
