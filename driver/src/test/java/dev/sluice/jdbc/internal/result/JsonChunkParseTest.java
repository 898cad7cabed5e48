package dev.sluice.jdbc.internal.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.client.SeaJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@code data_array} parse into {@link JsonRows} and the primitive columns built from it: the
 * edge cases of the wire text must read exactly as the per-value parse of the accessors did.
 */
class JsonChunkParseTest {
    private static final ResultOptions OPTIONS = new ResultOptions(ZoneOffset.UTC, true);

    private static JsonRows parse(String dataArray) throws IOException {
        return SeaJson.readResultData(("{\"data_array\":" + dataArray + "}").getBytes(StandardCharsets.UTF_8))
                .dataArray();
    }

    private static JsonRowBatch batch(String dataArray, String... typeNames) throws IOException {
        ColumnInfo[] columns = new ColumnInfo[typeNames.length];
        for (int i = 0; i < typeNames.length; i++) {
            String name = typeNames[i];
            String text = name.equals("LONG") ? "BIGINT" : name;
            columns[i] = new ColumnInfo("c" + i, i, name.startsWith("DECIMAL") ? "DECIMAL" : name, text,
                    name.startsWith("DECIMAL") ? 38 : -1, name.startsWith("DECIMAL") ? 2 : -1, null);
        }
        return new JsonRowBatch(parse(dataArray), List.of(columns), OPTIONS);
    }

    @Test
    void escapedAndNonAsciiStringsDecodeExactly() throws Exception {
        JsonRowBatch b = batch("[[\"a\\\"b\\\\c\\n\\t\\/\"],[\"\\u00e9t\\u00E9 \\ud83d\\ude00\"],[\"日本語 ü\"],[\"\"]]",
                "STRING");
        assertThat(b.column(0).getString(0)).isEqualTo("a\"b\\c\n\t/");
        assertThat(b.column(0).getString(1)).isEqualTo("été \uD83D\uDE00");
        assertThat(b.column(0).getString(2)).isEqualTo("日本語 ü");
        assertThat(b.column(0).getBytes(2)).isEqualTo("日本語 ü".getBytes(StandardCharsets.UTF_8));
        assertThat(b.column(0).isNull(3)).isFalse();
        assertThat(b.column(0).getString(3)).isEmpty();
    }

    @Test
    void nullsAcrossBitmapWordsAndShortRows() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < 200; r++) {
            json.append(r == 0 ? "" : ",").append(r % 7 == 3 ? "[null,null]" : "[\"" + r + "\",\"s" + r + "\"]");
        }
        json.append(",[\"200\"],[]]");
        JsonRowBatch b = batch(json.toString(), "LONG", "STRING");
        assertThat(b.rowCount()).isEqualTo(202);
        for (int r = 0; r < 200; r++) {
            assertThat(b.column(0).isNull(r)).isEqualTo(r % 7 == 3);
            assertThat(b.column(1).isNull(r)).isEqualTo(r % 7 == 3);
            if (r % 7 != 3) {
                assertThat(b.column(0).getLong(r)).isEqualTo(r);
                assertThat(b.column(1).getString(r)).isEqualTo("s" + r);
            }
        }
        assertThat(b.column(0).getLong(200)).isEqualTo(200);
        assertThat(b.column(1).isNull(200)).isTrue();
        assertThat(b.column(0).isNull(201)).isTrue();
        assertThat(b.column(1).isNull(201)).isTrue();
    }

    @Test
    void aChunkLargerThanTheBuilderSegmentsReadsBackExactly() throws Exception {
        // 60 000 rows of values of uneven length, one value longer than a text segment (128 KiB) and nulls:
        // values and offsets cross segment borders at every possible place
        StringBuilder json = new StringBuilder("[");
        String longValue = "x".repeat(140_000) + "é";
        for (int r = 0; r < 60_000; r++) {
            String s = r == 31_337 ? longValue : "s".repeat(r % 13) + r;
            json.append(r == 0 ? "" : ",").append("[\"").append(r).append("\",")
                    .append(r % 11 == 5 ? "null" : "\"" + s + "\"").append(",\"").append(r * 0.25).append("\"]");
        }
        JsonRows rows = parse(json.append(']').toString());
        JsonRowBatch b = new JsonRowBatch(rows, List.of(new ColumnInfo("a", 0, "LONG", "BIGINT", -1, -1, null),
                new ColumnInfo("b", 1, "STRING", "STRING", -1, -1, null),
                new ColumnInfo("c", 2, "DOUBLE", "DOUBLE", -1, -1, null)), OPTIONS);
        assertThat(b.rowCount()).isEqualTo(60_000);
        int textLength = 0;
        for (int r = 0; r < 60_000; r++) {
            String s = r == 31_337 ? longValue : "s".repeat(r % 13) + r;
            assertThat(b.column(0).getLong(r)).isEqualTo(r);
            assertThat(b.column(1).getString(r)).isEqualTo(r % 11 == 5 ? null : s);
            assertThat(b.column(2).getDouble(r)).isEqualTo(r * 0.25);
            textLength += Long.toString(r).length() + (r % 11 == 5 ? 0 : s.getBytes(StandardCharsets.UTF_8).length)
                    + Double.toString(r * 0.25).length();
        }
        assertThat(rows.bytes()).as("the UTF-8 text is held at its exact size").hasSize(textLength);
    }

    @Test
    void emptyChunkHasNoRows() throws Exception {
        JsonRowBatch b = batch("[]", "LONG", "DOUBLE", "STRING");
        assertThat(b.rowCount()).isZero();
        assertThat(parse("[]").heapBytes()).isPositive();
    }

    @Test
    void hugeIntegersAndDecimalsStayExact() throws Exception {
        JsonRowBatch b = batch("[[\"9223372036854775807\",\"123456789012345678901234567890123456.78\"],"
                + "[\"-9223372036854775808\",\"-0.5\"],[\"+007\",\"1\"]]", "LONG", "DECIMAL(38,2)");
        assertThat(b.column(0).getLong(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(b.column(0).getLong(1)).isEqualTo(Long.MIN_VALUE);
        assertThat(b.column(0).getLong(2)).isEqualTo(7);
        assertThat(b.column(1).getBigDecimal(0)).isEqualTo(new BigDecimal("123456789012345678901234567890123456.78"));
        assertThat(b.column(1).getBigDecimal(1)).isEqualTo(new BigDecimal("-0.50"));
        assertThat(b.column(1).getBigDecimal(2)).isEqualTo(new BigDecimal("1.00"));

        JsonRowBatch over = batch("[[\"5\"],[\"9223372036854775808\"]]", "LONG");
        assertThat(over.column(0).getLong(0)).isEqualTo(5);
        assertThatThrownBy(() -> over.column(0).getLong(1)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void doublesAsDatabricksWritesThem() throws Exception {
        JsonRowBatch b = batch("[[\"-0.0\"],[\"NaN\"],[\"Infinity\"],[\"-Infinity\"],[\"1.0E-5\"],[\"1e400\"],"
                + "[\"4.9E-324\"],[\"+1.5\"],[\"0.1\"],[null]]", "DOUBLE");
        assertThat(Double.doubleToRawLongBits(b.column(0).getDouble(0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(b.column(0).getDouble(1)).isNaN();
        assertThat(b.column(0).getDouble(2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(b.column(0).getDouble(3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(b.column(0).getDouble(4)).isEqualTo(1.0E-5);
        assertThat(b.column(0).getDouble(5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(b.column(0).getDouble(6)).isEqualTo(Double.MIN_VALUE);
        assertThat(b.column(0).getDouble(7)).isEqualTo(1.5);
        assertThat(b.column(0).getString(8)).isEqualTo("0.1");
        assertThat(b.column(0).isNull(9)).isTrue();
        JsonRowBatch f = batch("[[\"NaN\"],[\"-Infinity\"],[\"-0.0\"]]", "FLOAT");
        assertThat(f.column(0).getFloat(0)).isNaN();
        assertThat(f.column(0).getFloat(1)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(f.column(0).getFloat(2))).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    /** 1 to 16 digits (15 is the most the exact fast path takes) with the point anywhere, either sign. */
    private static String shortDecimal(Random random) {
        int digits = 1 + random.nextInt(16);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
        int point = random.nextInt(digits + 1);
        for (int d = 0; d < digits; d++) {
            if (d == point && d > 0) {
                text.append('.');
            }
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    @Test
    void doublesMatchTheJdkParseBitForBit() throws Exception {
        Random random = new Random(12);
        StringBuilder json = new StringBuilder("[");
        double[] expected = new double[2000];
        for (int i = 0; i < expected.length; i++) {
            String text = switch (i % 5) {
                case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
                case 1 -> Double.toString(random.nextDouble() * 1e6);
                case 2 -> (random.nextInt(2_000_000) - 1_000_000) / 100 + "." + random.nextInt(100);
                case 3 -> shortDecimal(random);
                default -> random.nextLong() + "." + Math.abs(random.nextLong()) + "e" + (random.nextInt(40) - 20);
            };
            expected[i] = Double.parseDouble(text);
            json.append(i == 0 ? "" : ",").append("[\"").append(text).append("\"]");
        }
        JsonRowBatch b = batch(json.append(']').toString(), "DOUBLE");
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(b.column(0).getDouble(i)))
                    .as("row %d", i).isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    @Test
    void badNumbersFailOnlyWhenRead() throws Exception {
        JsonRowBatch b = batch("[[\"1\",\"2.5\"],[\"x\",\"abc\"]]", "LONG", "DOUBLE");
        assertThat(b.column(0).getLong(0)).isEqualTo(1);
        assertThat(b.column(1).getDouble(0)).isEqualTo(2.5);
        assertThatThrownBy(() -> b.column(0).getLong(1)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22018"));
        assertThatThrownBy(() -> b.column(1).getDouble(1)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22018"));
    }

    @Test
    void anOpenedChunkHoldsAtMostThreeBytesPerJsonByteWhateverItsShape() throws Exception {
        // mixed rows, a column of one-character integers, all nulls, one-character and two-character doubles
        // (".1" is not a float), short rows under a wide schema, and a non-Latin-1 string column
        assertHeldBound(rowsOf(10_000, r -> "\"" + r * 7919L + "\",\"name-" + r + (r % 16 == 0 ? "é" : "")
                + "\",\"" + r % 1000 + "." + r % 100 + "\""), "LONG", "STRING", "DOUBLE");
        assertHeldBound(rowsOf(10_000, r -> "\"" + r % 10 + "\",\"" + (r + 3) % 10 + "\""), "LONG", "INT");
        assertHeldBound(rowsOf(10_000, r -> "null,null,null"), "LONG", "STRING", "DOUBLE");
        assertHeldBound(rowsOf(10_000, r -> "\"" + r % 10 + "\",\"." + r % 10 + "\""), "DOUBLE", "DOUBLE");
        assertHeldBound(rowsOf(10_000, r -> "\"" + r % 10 + "\""), "LONG", "LONG", "DOUBLE", "DOUBLE");
        assertHeldBound(rowsOf(10_000, r -> "\"" + (r % 16 == 0 ? "\u20ac" : "e") + "\",\"." + r % 10 + "\",\""
                + (3_000_000_000L + r % 10) + "\""), "STRING", "DOUBLE", "LONG");
        // and the values still read as the text says
        JsonRowBatch b = batch(rowsOf(3, r -> "\"" + r + "\",\"." + (r + 1) + "\",\"" + (3_000_000_000L + r) + "\""),
                "LONG", "DOUBLE", "LONG");
        assertThat(b.column(0).getLong(2)).isEqualTo(2);
        assertThat(b.column(1).getDouble(2)).isEqualTo(0.3);
        assertThat(b.column(2).getLong(1)).isEqualTo(3_000_000_001L);
    }

    private static String rowsOf(int count, java.util.function.IntFunction<String> row) {
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < count; r++) {
            json.append(r == 0 ? "[" : ",[").append(row.apply(r)).append(']');
        }
        return json.append(']').toString();
    }

    private static void assertHeldBound(String dataArray, String... typeNames) throws IOException {
        JsonRows rows = parse(dataArray);
        long before = rows.heapBytes();
        ColumnInfo[] columns = new ColumnInfo[typeNames.length];
        for (int i = 0; i < typeNames.length; i++) {
            String text = typeNames[i].equals("LONG") ? "BIGINT" : typeNames[i];
            columns[i] = new ColumnInfo("c" + i, i, typeNames[i], text, -1, -1, null);
        }
        new JsonRowBatch(rows, List.of(columns), OPTIONS);
        long json = dataArray.getBytes(StandardCharsets.UTF_8).length;
        assertThat(rows.heapBytes()).as("held bytes of %s", List.of(typeNames)).isGreaterThanOrEqualTo(before)
                .isLessThanOrEqualTo(3L * json);
    }
}
