package dev.sluice.jdbc.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level {@code data_array} scanner: what it takes must read exactly as the general parser reads it, and
 * whatever it does not take must still come out of {@link SeaJson} as before (the parser's rendering or its error).
 */
class DataArrayScannerTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonRows scanned(String dataArray) {
        return DataArrayScanner.scan(utf8(dataArray), 0);
    }

    private static List<String[]> viaSeaJson(byte[] dataArray) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(utf8("{\"row_count\":1,\"data_array\" : "));
        body.write(dataArray);
        body.write(utf8(",\"next_chunk_index\":7}"));
        ResultData data = SeaJson.readResultData(body.toByteArray());
        assertThat(data.nextChunkIndex()).as("the fields after the array are read").isEqualTo(7);
        return List.copyOf(data.dataArray());
    }

    private static List<String[]> viaSeaJson(String dataArray) throws IOException {
        return viaSeaJson(utf8(dataArray));
    }

    @Test
    void escapesAndUnicodeDecodeAsJsonSays() throws IOException {
        String json = "[[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u20AC\\ud83d\\ude00\"],"
                + " [\"日本語 ü \uD83D\uDE00\", \"\"], [null, \"null\"]]";
        JsonRows rows = scanned(json);
        assertThat(rows).as("strings and nulls are the scanner's").isNotNull();
        List<String[]> expected = List.of(new String[] {"a\"b\\c/d\b\f\n\r\t", "Aé€\uD83D\uDE00"},
                new String[] {"日本語 ü \uD83D\uDE00", ""}, new String[] {null, "null"});
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(viaSeaJson(json)).containsExactlyElementsOf(expected);
    }

    @Test
    void aStatementResponseReadsOnAfterItsRows() throws IOException {
        // the rows inside "result", then more of "result" and the manifest after it: the parser resumes past the
        // scanned array on the same nesting
        StatementResponse response = SeaJson.readStatementResponse(utf8("{\"statement_id\":\"s1\",\"status\":"
                + "{\"state\":\"SUCCEEDED\"},\"result\":{\"chunk_index\":0,\"data_array\":[[\"1\",\"\\u00e9\"],[null,"
                + "\"[x]\"]],\"next_chunk_index\":1,\"next_chunk_internal_link\":\"/api/2.0/sql/statements/s1/result/"
                + "chunks/1\"},\"manifest\":{\"format\":\"JSON_ARRAY\",\"total_chunk_count\":2,\"schema\":{"
                + "\"columns\":[{\"name\":\"a\",\"type_name\":\"INT\"},{\"name\":\"b\",\"type_name\":\"STRING\"}]}}}"));
        assertThat(response.result().dataArray()).containsExactly(new String[] {"1", "é"}, new String[] {null, "[x]"});
        assertThat(response.result().nextChunkIndex()).isEqualTo(1);
        assertThat(response.result().nextChunkInternalLink()).endsWith("/chunks/1");
        assertThat(response.manifest().totalChunkCount()).isEqualTo(2);
        assertThat(response.manifest().columns()).hasSize(2);
        assertThatThrownBy(() -> SeaJson.readStatementResponse(utf8("{\"statement_id\":\"s\",\"status\":{},"
                + "\"result\":{\"data_array\":[[\"1\"]],}}")))
                .as("bad JSON after the rows is still reported").isInstanceOf(IOException.class);
    }

    @Test
    void whitespaceEmptyRowsAndRaggedRows() throws IOException {
        String json = " [ \n[ ] ,\t[\"x\" ,null\r\n] , [\"1\",\"2\",\"3\"] ] ";
        JsonRows rows = scanned(json.strip());
        assertThat(rows).isNotNull();
        assertThat(rows.rowCount()).isEqualTo(3);
        assertThat(rows.get(0)).isEmpty();
        assertThat(rows.get(1)).containsExactly("x", null);
        assertThat(rows.get(2)).containsExactly("1", "2", "3");
        assertThat(rows.isNull(1, 2)).as("past the end of a short row").isTrue();
        assertThat(scanned("[]")).isEmpty();
        assertThat(viaSeaJson(json)).hasSize(3);
    }

    @Test
    void otherValuesAreLeftToTheParserAndReadAsBefore() throws IOException {
        // numbers, booleans and nested values are not JSON_ARRAY's form, but the parser still renders them
        for (String json : List.of("[[1, \"a\"]]", "[[true]]", "[[\"a\", [1, 2]]]", "[[{\"k\": \"v\"}]]", "[\"a\"]")) {
            assertThat(scanned(json)).as(json).isNull();
        }
        assertThat(viaSeaJson("[[1, \"a\", -2.5e3, true, [1, \"x\"], {\"k\" : null}]]").get(0))
                .containsExactly("1", "a", "-2.5e3", "true", "[1,\"x\"]", "{\"k\":null}");
    }

    @Test
    void malformedArraysAreTheParsersToReport() {
        for (String json : List.of("[[\"a\",]]", "[[\"a\"],]", "[[\"a\"]", "[[\"a\" \"b\"]]", "[[\"a\\x\"]]",
                "[[\"a\u0001\"]]", "[[nul]]", "[[nullx]]", "[[\"\\u12\"]]", "[[\"abc")) {
            assertThat(scanned(json)).as(json).isNull();
            assertThatThrownBy(() -> viaSeaJson(json)).as(json).isInstanceOf(IOException.class);
        }
    }

    @Test
    void badUtf8IsLeftToTheParser() {
        byte[][] bad = {
            {(byte) 0xC3},                           // truncated
            {(byte) 0xC0, (byte) 0x80},              // overlong
            {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            {(byte) 0x80},                           // a continuation byte alone
            {(byte) 0xE2, (byte) 0x82, (byte) 0x41}, // a broken continuation
        };
        for (byte[] value : bad) {
            byte[] json = concat(utf8("[[\"ok\",\"x"), value, utf8("\"]]"));
            assertThat(DataArrayScanner.scan(json, 0)).as(Arrays.toString(value)).isNull();
            try {
                // jackson-core is lenient with some of these (overlong forms, encoded surrogates): then its reading
                assertThat(viaSeaJson(json)).as(Arrays.toString(value)).hasSize(1);
            } catch (IOException rejected) {
                assertThat(rejected).hasMessageStartingWith("malformed JSON");
            }
        }
    }

    @Test
    void aLoneSurrogateEscapeIsLeftToTheParser() throws IOException {
        for (String json : List.of("[[\"\\ud83d\"]]", "[[\"\\ude00x\"]]", "[[\"\\ud83d\\u0041\"]]")) {
            assertThat(scanned(json)).as(json).isNull();
            // held as UTF-8, which has no form for it: the parser's value comes back with '?' in its place
            assertThat(viaSeaJson(json)).hasSize(1);
        }
    }

    @Test
    void randomStringsReadBackExactly() throws IOException {
        Random random = new Random(7);
        StringBuilder json = new StringBuilder("[");
        String[][] expected = new String[3000][];
        for (int r = 0; r < expected.length; r++) {
            expected[r] = new String[1 + random.nextInt(4)];
            json.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < expected[r].length; c++) {
                String value = random.nextInt(10) == 0 ? null : randomText(random);
                expected[r][c] = value;
                json.append(c == 0 ? "" : ",").append(value == null ? "null" : quote(value, random));
            }
            json.append(']');
        }
        JsonRows rows = scanned(json.append(']').toString());
        assertThat(rows).isNotNull().containsExactly(expected);
    }

    @Test
    void theWordTestFindsTheFirstSpecialByte() {
        Random random = new Random(3);
        int[] pool = {'a', '~', ' ', '!', '#', '[', ']', '"', '\\', 0x00, 0x1F, 0x7F, 0x80, 0x9F, 0xA0, 0xC3, 0xFF,
            0x21, 0x5B, 0x5D};
        for (int n = 0; n < 200_000; n++) {
            long word = 0;
            int first = 8;
            for (int k = 0; k < 8; k++) {
                int b = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : random.nextInt(256);
                word |= (long) b << (8 * k);
                if (first == 8 && (b == '"' || b == '\\' || b < 0x20 || b >= 0x80)) {
                    first = k;
                }
            }
            long special = DataArrayScanner.special(word);
            assertThat(special == 0 ? 8 : Long.numberOfTrailingZeros(special) >>> 3)
                    .as("%016x", word).isEqualTo(first);
        }
    }

    private static String randomText(Random random) {
        int[] pool = {'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', 0x01, 0x7F, 0xE9, 0x3B1, 0x20AC, 0xFFFD, 0x1F600};
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(random.nextInt(20) == 0 ? 3000 : 12);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return s.toString();
    }

    /** The value as a JSON string, escaping what must be and, at random, other characters too. */
    private static String quote(String value, Random random) {
        StringBuilder q = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                q.append('\\').appendCodePoint(cp);
            } else if (cp < 0x20 || random.nextInt(8) == 0) {
                // a supplementary character as its two escaped surrogates
                for (char ch : Character.toChars(cp)) {
                    q.append(String.format("\\u%04x", (int) ch));
                }
            } else {
                q.appendCodePoint(cp);
            }
        });
        return q.append('"').toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
