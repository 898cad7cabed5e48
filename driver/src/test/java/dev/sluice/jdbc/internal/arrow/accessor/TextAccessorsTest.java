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
