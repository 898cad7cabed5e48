package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.types.SqlType;
import java.math.BigDecimal;
import java.sql.SQLException;

/** Arrow FloatingPoint(HALF) vectors: IEEE 754 binary16, widened to float (read as FLOAT). */
public final class HalfFloatAccessor extends FloatingAccessor {
    public HalfFloatAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, data, type);
    }

    @Override
    public float getFloat(int row) {
        return toFloat(LittleEndian.getShort(data, offset + (row << 1)));
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

    /** binary16 to float; Java 17 has no Float.float16ToFloat. */
    static float toFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
