package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import org.junit.jupiter.api.Test;

class BoolAndNullAccessorsTest {
    @Test
    void booleansAcrossByteBoundaries() throws Exception {
        Object[] values = new Object[19];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 5 == 0 ? null : i % 3 == 0;
        }
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.BOOL), values);
        assertThat(a).isInstanceOf(BoolAccessor.class);
        for (int i = 0; i < values.length; i++) {
            assertThat(a.isNull(i)).as("row %d", i).isEqualTo(values[i] == null);
            if (values[i] != null) {
                assertThat(a.getBoolean(i)).as("row %d", i).isEqualTo(values[i]);
                assertThat(a.getObject(i)).isEqualTo(values[i]);
                assertThat(a.getInt(i)).isEqualTo((Boolean) values[i] ? 1 : 0);
                assertThat(a.getString(i)).isEqualTo(values[i].toString());
            }
        }
    }

    @Test
    void nullColumnsAreAlwaysNull() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.NULL), null, null, null);
        assertThat(a).isInstanceOf(NullAccessor.class);
        assertThat(a.isNull(0)).isTrue();
        assertThat(a.isNull(2)).isTrue();
        assertThat(a.getObject(1)).isNull();
    }
}
