package dev.sluice.jdbc.internal.arrow;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.testing.arrow.ArrowChunks;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/**
 * Differential test: the driver's reader and arrow-java's reader must see exactly the same values in
 * the same bytes, for a randomized chunk of every common type with nulls, over several batches.
 */
class ArrowJavaCrossCheckTest {
    private static final List<Field> FIELDS = List.of(
            field("big", ArrowChunks.BIGINT), field("int", ArrowChunks.INT), field("small", ArrowChunks.SMALLINT),
            field("tiny", ArrowChunks.TINYINT), field("bool", ArrowChunks.BOOL), field("f", ArrowChunks.FLOAT),
            field("d", ArrowChunks.DOUBLE), field("dec", ArrowChunks.decimal(38, 10)), field("s", ArrowChunks.UTF8),
            field("bin", ArrowChunks.BINARY), field("date", ArrowChunks.DATE),
            field("ts", ArrowChunks.timestamp("UTC")), field("ntz", ArrowChunks.TIMESTAMP_NTZ),
            ArrowChunks.list("l", field("element", ArrowChunks.INT)),
            ArrowChunks.struct("st", field("a", ArrowChunks.INT), field("b", ArrowChunks.UTF8)),
            ArrowChunks.map("m", ArrowChunks.UTF8, field("value", ArrowChunks.BIGINT)));

    @Test
    void readsWhatArrowJavaReads() throws Exception {
        Random random = new Random(20_260_101L);
        ArrowChunks.Builder builder = ArrowChunks.builder(FIELDS);
        for (int batch = 0; batch < 4; batch++) {
            for (int row = 0; row < 200 + random.nextInt(300); row++) {
                builder.row(randomRow(random));
            }
            builder.endBatch();
        }
        byte[] ipc = builder.toBytes();
        List<RowBatch> ours = Batches.all(ipc, null, Batches.OBJECTS);
        List<Integer> theirRows = new ArrayList<>();
        ArrowChunks.readWithArrowJava(ipc, root -> {
            RowBatch b = ours.get(theirRows.size());
            assertThat(b.rowCount()).isEqualTo(root.getRowCount());
            for (int c = 0; c < FIELDS.size(); c++) {
                compareColumn(root.getVector(c), b.column(c), root.getRowCount());
            }
            theirRows.add(root.getRowCount());
        });
        assertThat(theirRows).hasSize(ours.size()).hasSize(4);
    }

    private static void compareColumn(FieldVector v, ColumnAccessor a, int rows) throws SQLException {
        for (int i = 0; i < rows; i++) {
            assertThat(a.isNull(i)).as("%s row %d null", v.getName(), i).isEqualTo(v.isNull(i));
            if (!v.isNull(i)) {
                compareValue(v, a, i);
            }
        }
    }

    private static void compareValue(FieldVector v, ColumnAccessor a, int i) throws SQLException {
        String what = v.getName() + " row " + i;
        if (v instanceof BaseIntVector) {
            assertThat(a.getLong(i)).as(what).isEqualTo(((BaseIntVector) v).getValueAsLong(i));
        } else if (v instanceof BitVector) {
            assertThat(a.getBoolean(i)).as(what).isEqualTo(((BitVector) v).get(i) == 1);
        } else if (v instanceof Float4Vector) {
            assertThat(a.getFloat(i)).as(what).isEqualTo(((Float4Vector) v).get(i));
        } else if (v instanceof Float8Vector) {
            assertThat(a.getDouble(i)).as(what).isEqualTo(((Float8Vector) v).get(i));
        } else if (v instanceof DecimalVector) {
            assertThat(a.getBigDecimal(i)).as(what).isEqualTo(((DecimalVector) v).getObject(i));
        } else if (v instanceof VarCharVector) {
            assertThat(a.getString(i)).as(what).isEqualTo(new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8));
        } else if (v instanceof VarBinaryVector) {
            assertThat(a.getBytes(i)).as(what).isEqualTo(((VarBinaryVector) v).get(i));
        } else if (v instanceof DateDayVector) {
            assertThat(a.getLocalDate(i)).as(what).isEqualTo(LocalDate.ofEpochDay(((DateDayVector) v).get(i)));
        } else if (v instanceof TimeStampMicroTZVector) {
            long micros = ((TimeStampMicroTZVector) v).get(i);
            assertThat(a.getInstant(i, ZoneOffset.UTC)).as(what)
                    .isEqualTo(Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000))
                            .plusNanos(Math.floorMod(micros, 1_000_000) * 1000L));
        } else if (v instanceof TimeStampMicroVector) {
            assertThat(a.getLocalDateTime(i)).as(what).isEqualTo(((TimeStampMicroVector) v).getObject(i));
        } else {
            compareNested(v, a, i, what);
        }
    }

    private static void compareNested(FieldVector v, ColumnAccessor a, int i, String what) throws SQLException {
        if (v instanceof MapVector) {
            List<?> entries = ((MapVector) v).getObject(i);
            Map<Object, Object> expected = new LinkedHashMap<>();
            for (Object e : entries) {
                Map<?, ?> kv = (Map<?, ?>) e;
                expected.put(kv.get("key").toString(), kv.get("value"));
            }
            assertThat(a.getObject(i)).as(what).isEqualTo(expected);
        } else if (v instanceof ListVector) {
            List<?> expected = ((ListVector) v).getObject(i);
            assertThat(Arrays.asList((Object[]) ((Array) a.getObject(i)).getArray())).as(what).isEqualTo(expected);
        } else if (v instanceof StructVector) {
            Map<?, ?> expected = ((StructVector) v).getObject(i);
            Object[] attributes = ((Struct) a.getObject(i)).getAttributes();
            Object b = expected.get("b");
            assertThat(attributes).as(what).containsExactly(expected.get("a"), b == null ? null : b.toString());
        } else {
            throw new AssertionError("no comparison for " + v.getClass());
        }
    }

    private static Object[] randomRow(Random r) {
        Object[] row = new Object[FIELDS.size()];
        row[0] = r.nextLong();
        row[1] = r.nextInt();
        row[2] = (short) r.nextInt();
        row[3] = (byte) r.nextInt();
        row[4] = r.nextBoolean();
        row[5] = r.nextFloat() * 1e6f - 5e5f;
        row[6] = r.nextGaussian() * 1e12;
        row[7] = new BigDecimal(new BigInteger(120, r), 10).multiply(BigDecimal.valueOf(r.nextBoolean() ? 1 : -1));
        row[8] = randomText(r);
        row[9] = randomBytes(r);
        row[10] = LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000);
        row[11] = Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000) * 1000L);
        row[12] = LocalDateTime.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
        row[13] = randomList(r);
        row[14] = Map.of("a", r.nextInt(), "b", randomText(r));
        Map<String, Long> m = new LinkedHashMap<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            m.put("k" + r.nextInt(1000), r.nextLong());
        }
        row[15] = m;
        for (int c = 0; c < row.length; c++) {
            if (r.nextInt(8) == 0) {
                row[c] = null;
            }
        }
        return row;
    }

    private static List<Integer> randomList(Random r) {
        List<Integer> l = new ArrayList<>();
        for (int k = r.nextInt(5); k > 0; k--) {
            l.add(r.nextInt(10) == 0 ? null : r.nextInt());
        }
        return l;
    }

    private static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int k = r.nextInt(12); k > 0; k--) {
            int kind = r.nextInt(4);
            sb.appendCodePoint(kind == 0 ? 'a' + r.nextInt(26) : kind == 1 ? 0xE9 : kind == 2 ? 0x4E2D : 0x1F600);
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(20)];
        r.nextBytes(b);
        return b;
    }
}
