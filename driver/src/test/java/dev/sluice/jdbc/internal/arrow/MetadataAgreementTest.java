package dev.sluice.jdbc.internal.arrow;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.JsonRowBatch;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.jdbc.internal.types.ColumnType;
import dev.sluice.jdbc.internal.types.TypeTable;
import dev.sluice.testing.arrow.ArrowChunks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/**
 * What ResultSetMetaData promises ({@code getColumnClassName}, through the type table) is what
 * {@code getObject} returns, for every type, from Arrow and from JSON, with complex types as objects
 * and as text.
 */
class MetadataAgreementTest {
    private static final List<ColumnInfo> MANIFEST = List.of(
            col(0, "BOOLEAN", "BOOLEAN"), col(1, "BYTE", "TINYINT"), col(2, "SHORT", "SMALLINT"), col(3, "INT", "INT"),
            col(4, "LONG", "BIGINT"), col(5, "FLOAT", "FLOAT"), col(6, "DOUBLE", "DOUBLE"),
            col(7, "DECIMAL", "DECIMAL(10,2)"), col(8, "STRING", "STRING"), col(9, "BINARY", "BINARY"),
            col(10, "DATE", "DATE"), col(11, "TIMESTAMP", "TIMESTAMP"), col(12, "TIMESTAMP_NTZ", "TIMESTAMP_NTZ"),
            new ColumnInfo("c13", 13, "INTERVAL", "INTERVAL DAY TO SECOND", -1, -1, "DAY TO SECOND"),
            col(14, "ARRAY", "ARRAY<INT>"), col(15, "MAP", "MAP<STRING, INT>"), col(16, "STRUCT", "STRUCT<a: INT>"),
            col(17, "VARIANT", "VARIANT"), col(18, "NULL", "VOID"));

    private static final List<Field> FIELDS = List.of(
            field("c0", ArrowChunks.BOOL), field("c1", ArrowChunks.TINYINT), field("c2", ArrowChunks.SMALLINT),
            field("c3", ArrowChunks.INT), field("c4", ArrowChunks.BIGINT), field("c5", ArrowChunks.FLOAT),
            field("c6", ArrowChunks.DOUBLE), field("c7", ArrowChunks.decimal(10, 2)), field("c8", ArrowChunks.UTF8),
            field("c9", ArrowChunks.BINARY), field("c10", ArrowChunks.DATE), field("c11", ArrowChunks.timestamp("UTC")),
            field("c12", ArrowChunks.TIMESTAMP_NTZ), field("c13", ArrowChunks.DURATION_MICROS),
            ArrowChunks.list("c14", field("element", ArrowChunks.INT)),
            ArrowChunks.map("c15", ArrowChunks.UTF8, field("value", ArrowChunks.INT)),
            ArrowChunks.struct("c16", field("a", ArrowChunks.INT)), field("c17", ArrowChunks.UTF8),
            field("c18", ArrowChunks.NULL));

    private static final Object[] ARROW_ROW = {true, (byte) 1, (short) 2, 3, 4L, 5f, 6d, new BigDecimal("7.00"), "8",
        new byte[] {9}, LocalDate.of(2010, 10, 10), Instant.EPOCH, LocalDateTime.of(2012, 12, 12, 12, 12),
        Duration.ofSeconds(13), List.of(14), Map.of("k", 15), Map.of("a", 16), "{\"v\":17}", null};

    private static final String[] JSON_ROW = {"true", "1", "2", "3", "4", "5.0", "6.0", "7.00", "8", "CQ==",
        "2010-10-10", "1970-01-01T00:00:00.000Z", "2012-12-12T12:12:00", "0 00:00:13.000000000", "[14]",
        "{\"k\":15}", "{\"a\":16}", "{\"v\":17}", null};

    private static ColumnInfo col(int i, String typeName, String typeText) {
        return new ColumnInfo("c" + i, i, typeName, typeText, -1, -1, null);
    }

    @Test
    void arrowValuesHaveTheAdvertisedClass() throws Exception {
        for (boolean objects : new boolean[] {true, false}) {
            ResultOptions options = Batches.session(java.time.ZoneOffset.UTC, objects);
            byte[] chunk = ArrowChunks.builder(FIELDS).row(ARROW_ROW).toBytes();
            check(Batches.only(chunk, MANIFEST, options), objects);
        }
    }

    @Test
    void jsonValuesHaveTheAdvertisedClass() throws Exception {
        for (boolean objects : new boolean[] {true, false}) {
            List<String[]> rows = new ArrayList<>();
            rows.add(JSON_ROW);
            check(new JsonRowBatch(JsonRows.of(rows), MANIFEST, Batches.session(java.time.ZoneOffset.UTC, objects)), objects);
        }
    }

    private static void check(RowBatch batch, boolean objects) throws Exception {
        for (int c = 0; c < MANIFEST.size(); c++) {
            ColumnType type = TypeTable.describe(MANIFEST.get(c), 255, objects);
            if (batch.column(c).isNull(0)) {
                assertThat(type.typeName()).isEqualTo("VOID");
                continue;
            }
            Object value = batch.column(c).getObject(0);
            Class<?> advertised = Class.forName(type.className(), false, ClassLoader.getPlatformClassLoader());
            assertThat(value).as("column %d (%s), objects=%s", c, type.typeName(), objects).isInstanceOf(advertised);
        }
    }
}
