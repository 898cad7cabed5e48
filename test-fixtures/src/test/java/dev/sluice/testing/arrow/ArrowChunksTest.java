package dev.sluice.testing.arrow;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/** What the builder writes, arrow-java reads back, including nested values, nulls and framing options. */
class ArrowChunksTest {
    private static final List<Field> FIELDS = List.of(
            field("id", ArrowChunks.BIGINT), field("s", ArrowChunks.UTF8), field("d", ArrowChunks.decimal(10, 2)),
            field("day", ArrowChunks.DATE), field("at", ArrowChunks.timestamp("UTC")),
            field("ntz", ArrowChunks.TIMESTAMP_NTZ), field("dur", ArrowChunks.DURATION_MICROS),
            field("ym", ArrowChunks.INTERVAL_YEAR_MONTH),
            ArrowChunks.list("l", ArrowChunks.struct("element", field("a", ArrowChunks.INT))),
            ArrowChunks.map("m", ArrowChunks.UTF8, field("value", ArrowChunks.DOUBLE)));

    @Test
    void writesEveryValueArrowJavaReadsBack() {
        Map<String, Object> nullA = new HashMap<>();
        nullA.put("a", null);
        Object[] row = {7L, "h\u00e9", new BigDecimal("1.25"), LocalDate.of(2020, 2, 29),
            Instant.parse("2021-06-15T19:34:56.789Z"), LocalDateTime.of(2021, 6, 15, 12, 0), Duration.ofMillis(1500),
            Period.ofMonths(14), Arrays.asList(Map.of("a", 1), null, nullA), Map.of("k", 2.5)};
        Object[] nulls = new Object[FIELDS.size()];
        byte[] chunk = ArrowChunks.builder(FIELDS).row(row).row(nulls).toBytes();
        List<List<Object>> read = new ArrayList<>();
        ArrowChunks.readWithArrowJava(chunk, root -> {
            for (int r = 0; r < root.getRowCount(); r++) {
                List<Object> values = new ArrayList<>();
                for (FieldVector v : root.getFieldVectors()) {
                    values.add(v.isNull(r) ? null : v);
                }
                read.add(values);
            }
            assertThat(root.getVector("s").getObject(0).toString()).isEqualTo("h\u00e9");
            assertThat(root.getVector("d").getObject(0)).isEqualTo(new BigDecimal("1.25"));
            assertThat(((DateDayVector) root.getVector("day")).get(0)).isEqualTo((int) LocalDate.of(2020, 2, 29).toEpochDay());
            assertThat(((TimeStampMicroTZVector) root.getVector("at")).get(0)).isEqualTo(1623785696789000L);
            assertThat(root.getVector("ntz").getObject(0)).isEqualTo(LocalDateTime.of(2021, 6, 15, 12, 0));
            assertThat(((DurationVector) root.getVector("dur")).getObject(0)).isEqualTo(Duration.ofMillis(1500));
            assertThat(((IntervalYearVector) root.getVector("ym")).get(0)).isEqualTo(14);
            assertThat(root.getVector("l").getObject(0).toString()).isEqualTo("[{\"a\":1},null,{}]");
            assertThat(root.getVector("m").getObject(0).toString()).isEqualTo("[{\"key\":\"k\",\"value\":2.5}]");
        });
        assertThat(read).hasSize(2);
        assertThat(read.get(1)).containsOnlyNulls();
        assertThat(read.get(0)).doesNotContainNull();
    }

    @Test
    void framingOptionsChangeTheBytesNotTheData() {
        ArrowChunks.Builder b = ArrowChunks.builder(field("s", ArrowChunks.UTF8)).row("x".repeat(500)).row("y");
        byte[] plain = b.toBytes();
        byte[] legacy = ArrowChunks.builder(field("s", ArrowChunks.UTF8)).row("x".repeat(500)).row("y")
                .legacyFraming().toBytes();
        byte[] compressed = ArrowChunks.builder(field("s", ArrowChunks.UTF8)).row("x".repeat(500)).row("y")
                .compressBuffers().toBytes();
        assertThat(plain).startsWith(0xFF, 0xFF, 0xFF, 0xFF);
        assertThat(legacy[0]).isNotEqualTo((byte) 0xFF);
        assertThat(compressed.length).isLessThan(plain.length);
        for (byte[] chunk : List.of(plain, legacy, compressed)) {
            List<String> values = new ArrayList<>();
            ArrowChunks.readWithArrowJava(chunk, root -> {
                for (int i = 0; i < root.getRowCount(); i++) {
                    values.add(new String(((org.apache.arrow.vector.VarCharVector) root.getVector(0)).get(i),
                            StandardCharsets.UTF_8));
                }
            });
            assertThat(values).containsExactly("x".repeat(500), "y");
        }
    }

    @Test
    void dictionaryColumnsReadAsTheirIndices() {
        byte[] chunk = ArrowChunks.builder(ArrowChunks.dictionaryEncoded("c", ArrowChunks.UTF8, 3))
                .dictionary(3, List.of("a", "b")).row(1).row(0).toBytes();
        List<Object> indices = new ArrayList<>();
        ArrowChunks.readWithArrowJava(chunk, root -> {
            indices.add(root.getVector(0).getObject(0));
            indices.add(root.getVector(0).getObject(1));
        });
        assertThat(indices).containsExactly(1, 0);
    }
}
