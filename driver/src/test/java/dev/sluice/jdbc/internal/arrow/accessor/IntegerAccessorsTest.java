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

class IntegerAccessorsTest {
    @Test
    void bigintReadsBoundariesWithoutBoxingAndChecksNarrowing() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.BIGINT), Long.MIN_VALUE, Long.MAX_VALUE, 0L, null, 42L);
        assertThat(a).isInstanceOf(BigIntAccessor.class);
        assertThat(a.getLong(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(a.getLong(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(a.getString(1)).isEqualTo("9223372036854775807");
        assertThat(a.getBigDecimal(0)).isEqualTo(new BigDecimal("-9223372036854775808"));
        assertThat(a.getObject(4)).isEqualTo(42L);
        assertThat(a.getInt(4)).isEqualTo(42);
        assertThat(a.getShort(4)).isEqualTo((short) 42);
        assertThat(a.getByte(4)).isEqualTo((byte) 42);
        assertThat(a.getDouble(4)).isEqualTo(42.0);
        assertThat(a.getBoolean(2)).isFalse();
        assertThat(a.getBoolean(4)).isTrue();
        assertThat(a.isNull(3)).isTrue();
        assertThat(a.isNull(2)).isFalse();
        assertThatThrownBy(() -> a.getInt(1)).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("9223372036854775807").hasMessageContaining("out of range for int")
                .satisfies(e -> assertThat(((SQLDataException) e).getSQLState()).isEqualTo("22003"));
        assertThatThrownBy(() -> a.getShort(0)).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> a.getByte(1)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void intSmallintAndTinyintReturnTheirOwnBoxes() throws Exception {
        ColumnAccessor i = Columns.of(field("c", ArrowChunks.INT), Integer.MIN_VALUE, Integer.MAX_VALUE, 300);
        assertThat(i).isInstanceOf(IntAccessor.class);
        assertThat(i.getObject(0)).isEqualTo(Integer.MIN_VALUE);
        assertThat(i.getLong(1)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> i.getByte(2)).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> i.getShort(0)).isInstanceOf(SQLDataException.class);

        ColumnAccessor s = Columns.of(field("c", ArrowChunks.SMALLINT), Short.MIN_VALUE, Short.MAX_VALUE, -1);
        assertThat(s).isInstanceOf(SmallIntAccessor.class);
        assertThat(s.getObject(0)).isEqualTo(Short.MIN_VALUE);
        assertThat(s.getInt(1)).isEqualTo(32767);
        assertThat(s.getString(2)).isEqualTo("-1");

        ColumnAccessor t = Columns.of(field("c", ArrowChunks.TINYINT), Byte.MIN_VALUE, Byte.MAX_VALUE);
        assertThat(t).isInstanceOf(TinyIntAccessor.class);
        assertThat(t.getObject(0)).isEqualTo(Byte.MIN_VALUE);
        assertThat(t.getByte(1)).isEqualTo(Byte.MAX_VALUE);
        assertThat(t.getBigDecimal(0)).isEqualTo(BigDecimal.valueOf(-128));
    }

    @Test
    void unsignedIntegersKeepTheirValueInAWiderType() throws Exception {
        ColumnAccessor u8 = Columns.of(field("c", new ArrowType.Int(8, false)), 255);
        assertThat(u8.getObject(0)).isEqualTo((short) 255);
        assertThatThrownBy(() -> u8.getByte(0)).isInstanceOf(SQLDataException.class);
        ColumnAccessor u16 = Columns.of(field("c", new ArrowType.Int(16, false)), 65535);
        assertThat(u16.getObject(0)).isEqualTo(65535);
        ColumnAccessor u32 = Columns.of(field("c", new ArrowType.Int(32, false)), -1);
        assertThat(u32.getObject(0)).isEqualTo(4294967295L);
        assertThat(u32.getString(0)).isEqualTo("4294967295");

        ColumnAccessor u64 = Columns.of(field("c", new ArrowType.Int(64, false)), -1L, 5L);
        assertThat(u64).isInstanceOf(UInt64Accessor.class);
        assertThat(u64.getObject(0)).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(u64.getString(0)).isEqualTo("18446744073709551615");
        assertThat(u64.getLong(1)).isEqualTo(5L);
        assertThatThrownBy(() -> u64.getLong(0)).isInstanceOf(SQLDataException.class).hasMessageContaining("out of range");
    }

    @Test
    void textRequestsOnIntegersAreRejectedAsConversions() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.BIGINT), 7L);
        assertThatThrownBy(() -> a.getBytes(0)).hasMessageContaining("cannot convert")
                .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("07006"));
        assertThat(a.getObject(0, Integer.class)).isEqualTo(7);
        assertThat(a.getObject(0, String.class)).isEqualTo("7");
    }
}
