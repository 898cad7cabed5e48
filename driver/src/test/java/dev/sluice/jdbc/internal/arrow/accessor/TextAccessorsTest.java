package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.arrow.Batches;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class TextAccessorsTest {
    private static final String UNICODE = "h\u00e9llo \u4e2d\u6587 \ud83d\ude00 \"q\"";

    @Test
    void utf8DecodesOnlyWhenAsked() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.UTF8), UNICODE, "", null, "42", "x");
        assertThat(a).isInstanceOf(Utf8Accessor.class);
        assertThat(a.getString(0)).isEqualTo(UNICODE);
        assertThat(a.getObject(0)).isEqualTo(UNICODE);
        assertThat(a.getBytes(0)).isEqualTo(UNICODE.getBytes(StandardCharsets.UTF_8));
        assertThat(a.getString(1)).isEmpty();
        assertThat(a.isNull(1)).isFalse();
        assertThat(a.isNull(2)).isTrue();
        assertThat(a.getInt(3)).isEqualTo(42);
        assertThatThrownBy(() -> a.getInt(4)).isInstanceOf(SQLDataException.class)
                .satisfies(e -> assertThat(((SQLDataException) e).getSQLState()).isEqualTo("22018"));
    }

    @Test
    void asciiRowsBesideMultiByteRowsReadExactly() throws Exception {
        // rows of every length from 0 to 20, some with a character of 2, 3 or 4 UTF-8 bytes at the start, in the
        // middle or at the end, some null: over several 64-row words of the row marks, with ASCII rows sharing an
        // 8-byte word with the multi-byte ones on both sides, and the batch ending in a short multi-byte row
        String[] extra = {"\u00e9", "\u4e2d", "\ud83d\ude00"};
        Object[] values = new Object[301];
        for (int i = 0; i < values.length; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < i % 21; k++) {
                b.append((char) ('a' + (i + k) % 26));
            }
            if (i % 7 == 3 && b.length() > 0) {
                b.insert((i / 7) % (b.length() + 1), extra[i % 3]);
            }
            values[i] = i % 11 == 5 ? null : b.toString();
        }
        // multi-byte rows back to back, each starting with its multi-byte character
        values[200] = "\u00e9abcdefghij";
        values[201] = "\u4e2d";
        values[202] = "\ud83d\ude00x";
        values[203] = "";
        values[204] = "\u00e9";
        values[values.length - 1] = "\u00e9";
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.UTF8), values);
        assertThat(a).isInstanceOf(Utf8Accessor.class);
        // the first read in the middle of the batch, then every row
        assertThat(a.getString(150)).isEqualTo(values[150]);
        for (int i = 0; i < values.length; i++) {
            assertThat(a.isNull(i)).isEqualTo(values[i] == null);
            if (values[i] != null) {
                assertThat(a.getString(i)).as("row %d", i).isEqualTo(values[i]);
            }
        }
    }

    @Test
    void largeUtf8ReadsTheSameText() throws Exception {
        ColumnAccessor a = Columns.of(field("c", ArrowType.LargeUtf8.INSTANCE), UNICODE, "", null);
        assertThat(a).isInstanceOf(LargeUtf8Accessor.class);
        assertThat(a.getString(0)).isEqualTo(UNICODE);
        assertThat(a.getString(1)).isEmpty();
        assertThat(a.isNull(2)).isTrue();
    }

    @Test
    void binaryIsHexAsTextAndBytesAsObject() throws Exception {
        byte[] b = {0, 1, (byte) 0xAB, (byte) 0xFF};
        ColumnAccessor a = Columns.of(field("c", ArrowChunks.BINARY), b, new byte[0], null);
        assertThat(a).isInstanceOf(BinaryAccessor.class);
        assertThat(a.getBytes(0)).isEqualTo(b);
        assertThat((byte[]) a.getObject(0)).isEqualTo(b);
        assertThat(a.getString(0)).isEqualTo("0001abff");
        assertThat(a.getBytes(1)).isEmpty();
        assertThat(a.isNull(2)).isTrue();
        assertThat(a.getBytes(0)).isNotSameAs(a.getBytes(0));

        ColumnAccessor large = Columns.of(field("c", ArrowType.LargeBinary.INSTANCE), b);
        assertThat(large).isInstanceOf(LargeBinaryAccessor.class);
        assertThat(large.getBytes(0)).isEqualTo(b);

        ColumnAccessor fixed = Columns.of(field("c", new ArrowType.FixedSizeBinary(4)), b, null, new byte[] {9, 8, 7, 6});
        assertThat(fixed).isInstanceOf(FixedSizeBinaryAccessor.class);
        assertThat(fixed.getBytes(2)).containsExactly(9, 8, 7, 6);
        assertThat(fixed.getString(0)).isEqualTo("0001abff");
    }

    @Test
    void manifestCharKeepsItsNameAndReadsAsText() throws Exception {
        ColumnAccessor a = Columns.with(Columns.manifest("CHAR", "CHAR(3)"), Batches.OBJECTS,
                field("c", ArrowChunks.UTF8), "abc");
        assertThat(((ArrowAccessor) a).sqlType().text()).isEqualTo("CHAR(3)");
        assertThat(a.getString(0)).isEqualTo("abc");
    }
}
