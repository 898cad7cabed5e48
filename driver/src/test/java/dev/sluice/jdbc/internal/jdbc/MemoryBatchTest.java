package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBatchTest {

    private static List<Object[]> rows(Object[]... rows) {
        return new ArrayList<>(List.of(rows));
    }

    @Test
    void countsRowsAndColumns() {
        MemoryBatch b = new MemoryBatch(2, rows(new Object[] {"a", 1}, new Object[] {"b", 2}, new Object[] {null, 3}));
        assertThat(b.rowCount()).isEqualTo(3);
        assertThat(b.columnCount()).isEqualTo(2);
        assertThat(new MemoryBatch(4, List.of()).rowCount()).isZero();
    }

    @Test
    void refusesRowsOfAnotherWidth() {
        assertThatThrownBy(() -> new MemoryBatch(2, rows(new Object[] {"a", 1}, new Object[] {"b"})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> new MemoryBatch(1, Collections.singletonList(null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullsAreReportedPerRowAndColumn() {
        MemoryBatch b = new MemoryBatch(2, rows(new Object[] {null, 1}, new Object[] {"x", null}));
        assertThat(b.column(0).isNull(0)).isTrue();
        assertThat(b.column(1).isNull(0)).isFalse();
        assertThat(b.column(0).isNull(1)).isFalse();
        assertThat(b.column(1).isNull(1)).isTrue();
    }

    @Test
    void answersTheHeldTypesDirectly() throws SQLException {
        String text = new String("catalog");
        MemoryBatch b = new MemoryBatch(5, rows(new Object[] {text, 42, (short) 7, 9_000_000_000L, true}));
        assertThat(b.column(0).getString(0)).isSameAs(text);
        assertThat(b.column(1).getInt(0)).isEqualTo(42);
        assertThat(b.column(1).getLong(0)).isEqualTo(42L);
        assertThat(b.column(2).getShort(0)).isEqualTo((short) 7);
        assertThat(b.column(2).getInt(0)).isEqualTo(7);
        assertThat(b.column(2).getLong(0)).isEqualTo(7L);
        assertThat(b.column(3).getLong(0)).isEqualTo(9_000_000_000L);
        assertThat(b.column(4).getBoolean(0)).isTrue();
    }

    @Test
    void getObjectReturnsTheHeldInstanceWithItsClass() throws SQLException {
        Object[] row = {"s", 1, (short) 2, 3L, Boolean.FALSE};
        MemoryBatch b = new MemoryBatch(5, rows(row));
        for (int c = 0; c < row.length; c++) {
            assertThat(b.column(c).getObject(0)).isSameAs(row[c]);
        }
        assertThat(b.column(2).getObject(0)).isInstanceOf(Short.class);
    }

    @Test
    void otherPairingsConvertWithTheCheckedRules() throws SQLException {
        ColumnAccessor ints = new MemoryBatch(1, rows(new Object[] {70_000})).column(0);
        assertThat(ints.getString(0)).isEqualTo("70000");
        assertThat(ints.getDouble(0)).isEqualTo(70_000d);
        assertThat(ints.getBigDecimal(0)).isEqualByComparingTo(new BigDecimal(70_000));
        assertThat(ints.getObject(0, Long.class)).isEqualTo(70_000L);
        assertThatThrownBy(() -> ints.getShort(0)).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");

        ColumnAccessor longs = new MemoryBatch(1, rows(new Object[] {1L << 40})).column(0);
        assertThatThrownBy(() -> longs.getInt(0)).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");

        ColumnAccessor texts = new MemoryBatch(1, rows(new Object[] {"12"}, new Object[] {"maybe"})).column(0);
        assertThat(texts.getInt(0)).isEqualTo(12);
        assertThatThrownBy(() -> texts.getBoolean(1)).isInstanceOf(SQLException.class);

        ColumnAccessor bools = new MemoryBatch(1, rows(new Object[] {true})).column(0);
        assertThat(bools.getString(0)).isEqualTo("true");
        assertThat(bools.getInt(0)).isEqualTo(1);
    }

    @Test
    void eachColumnReadsItsOwnElement() throws SQLException {
        MemoryBatch b = new MemoryBatch(3, rows(new Object[] {"a", "b", "c"}, new Object[] {"d", "e", "f"}));
        assertThat(b.column(2).getString(1)).isEqualTo("f");
        assertThat(b.column(0).getString(1)).isEqualTo("d");
        assertThat(b.column(1).getString(0)).isEqualTo("b");
    }
}
