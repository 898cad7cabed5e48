package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import java.math.BigDecimal;
import java.sql.SQLDataException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class DecimalAccessorTest {
    private static final BigDecimal MAX_38 = new BigDecimal("99999999999999999999999999999999999999");

    @Test
    void readsTheFullPrecision38Range() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.decimal(38, 0)), MAX_38, MAX_38.negate(),
                BigDecimal.ZERO, new BigDecimal(Long.MAX_VALUE), new BigDecimal(Long.MIN_VALUE).subtract(BigDecimal.ONE));
        assertThat(a).isInstanceOf(DecimalAccessor.class);
        assertThat(a.getBigDecimal(0)).isEqualTo(MAX_38);
        assertThat(a.getBigDecimal(1)).isEqualTo(MAX_38.negate());
        assertThat(a.getObject(2)).isEqualTo(BigDecimal.ZERO);
        assertThat(a.getLong(3)).isEqualTo(Long.MAX_VALUE);
        assertThat(a.getString(4)).isEqualTo("-9223372036854775809");
        assertThatThrownBy(() -> a.getLong(0)).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> a.getLong(4)).isInstanceOf(SQLDataException.class);
        assertThat(a.getDouble(0)).isEqualTo(1e38);
    }

    @Test
    void keepsTheScaleOfTheType() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.decimal(18, 4)), new BigDecimal("-12.5000"),
                new BigDecimal("0.0001"), new BigDecimal("99999999999999.9999"), null);
        assertThat(a.getBigDecimal(0)).isEqualTo(new BigDecimal("-12.5000")).hasScaleOf(4);
        assertThat(a.getString(1)).isEqualTo("0.0001");
        assertThat(a.getInt(0)).isEqualTo(-12);
        assertThat(a.getLong(2)).isEqualTo(99999999999999L);
        assertThat(a.getBoolean(1)).isTrue();
        assertThat(a.isNull(3)).isTrue();
        assertThatThrownBy(() -> a.getShort(2)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void readsDecimal256() throws Exception {
        BigDecimal big = new BigDecimal("-" + "9".repeat(70) + ".123456");
        ColumnAccessor a = Columns.of(field("c", new ArrowType.Decimal(76, 6, 256)), big, new BigDecimal("1.000000"));
        assertThat(a.getBigDecimal(0)).isEqualTo(big);
        assertThat(a.getBigDecimal(1)).isEqualTo(new BigDecimal("1.000000"));
    }
}
