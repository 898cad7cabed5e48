package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.types.SqlType;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * Arrow FloatingPoint(SINGLE) vectors (FLOAT). Text and BigDecimal use the float's own shortest decimal
 * form ({@code 0.1}, not the widened double's {@code 0.10000000149011612}).
 */
public final class FloatAccessor extends FloatingAccessor {
    public FloatAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public float getFloat(int row) {
        return LittleEndian.getFloat(data, offset + (row << 2));
    }

    @Override
    public double getDouble(int row) {
        return getFloat(row);
    }

    @Override
    public BigDecimal getBigDecimal(int row) throws SQLException {
        float f = getFloat(row);
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            throw Conversions.outOfRange(f, "BigDecimal");
        }
        return new BigDecimal(Float.toString(f));
    }

    @Override
    public String getString(int row) {
        return Float.toString(getFloat(row));
    }

    @Override
    public Object getObject(int row) {
        return getFloat(row);
    }

    @Override
    public void appendJson(int row, StringBuilder out) {
        JsonText.appendFloat(out, getFloat(row));
    }
}
