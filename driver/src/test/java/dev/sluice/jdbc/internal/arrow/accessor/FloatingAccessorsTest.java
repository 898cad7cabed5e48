package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import java.math.BigDecimal;
import java.sql.SQLDataException;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class FloatingAccessorsTest {
    @Test
    void doublesTruncateLikeACastAndRejectWhatDoesNotFit() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.DOUBLE), 3.9, -3.9, Double.NaN,
                Double.POSITIVE_INFINITY, 1e19, Double.MAX_VALUE, -0.0, null);
        assertThat(a).isInstanceOf(DoubleAccessor.class);
        assertThat(a.getInt(0)).isEqualTo(3);
        assertThat(a.getLong(1)).isEqualTo(-3);
        assertThat(a.getDouble(2)).isNaN();
        assertThat(a.getString(3)).isEqualTo("Infinity");
        assertThat(a.getObject(0)).isEqualTo(3.9);
        assertThatThrownBy(() -> a.getLong(2)).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> a.getLong(4)).isInstanceOf(SQLDataException.class).hasMessageContaining("1.0E19");
        assertThatThrownBy(() -> a.getFloat(5)).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> a.getBigDecimal(2)).isInstanceOf(SQLDataException.class);
        assertThat(a.getFloat(3)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(a.getBigDecimal(0)).isEqualTo(new BigDecimal("3.9"));
        assertThat(a.getString(6)).isEqualTo("-0.0");
        assertThat(a.isNull(7)).isTrue();
    }

    @Test
    void longRangeEdgesAreExact() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.DOUBLE), -9.223372036854775808E18, 9.223372036854775807E18,
                2147483647.9, 2147483648.0);
        assertThat(a.getLong(0)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> a.getLong(1)).isInstanceOf(SQLDataException.class);
        assertThat(a.getInt(2)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> a.getInt(3)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void floatsKeepTheirShortestDecimalForm() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.FLOAT), 0.1f, Float.MAX_VALUE, Float.NaN);
        assertThat(a).isInstanceOf(FloatAccessor.class);
        assertThat(a.getFloat(0)).isEqualTo(0.1f);
        assertThat(a.getObject(0)).isEqualTo(0.1f);
        assertThat(a.getString(0)).isEqualTo("0.1");
        assertThat(a.getBigDecimal(0)).isEqualTo(new BigDecimal("0.1"));
        assertThat(a.getDouble(0)).isEqualTo((double) 0.1f);
        assertThat(a.getFloat(1)).isEqualTo(Float.MAX_VALUE);
        assertThatThrownBy(() -> a.getBigDecimal(2)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void halfFloatsWidenExactly() throws Exception {
        ColumnAccessor a = Columns.of(field("c", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
                1.0f, -2.0f, 65504f, 0.5f, Float.POSITIVE_INFINITY, Float.NaN, 5.9604645E-8f);
        assertThat(a).isInstanceOf(HalfFloatAccessor.class);
        assertThat(a.getFloat(0)).isEqualTo(1.0f);
        assertThat(a.getFloat(1)).isEqualTo(-2.0f);
        assertThat(a.getFloat(2)).isEqualTo(65504f);
        assertThat(a.getObject(3)).isEqualTo(0.5f);
        assertThat(a.getFloat(4)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(a.getFloat(5)).isNaN();
        assertThat(a.getFloat(6)).isEqualTo(5.9604645E-8f);
    }

    @Test
    void halfFloatConversionCoversSubnormalsAndSigns() {
        assertThat(HalfFloatAccessor.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloatAccessor.toFloat((short) 0x8001)).isEqualTo(-0x1p-24f);
        assertThat(HalfFloatAccessor.toFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(HalfFloatAccessor.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float.floatToIntBits(HalfFloatAccessor.toFloat((short) 0x8000))).isEqualTo(0x80000000);
    }
}
