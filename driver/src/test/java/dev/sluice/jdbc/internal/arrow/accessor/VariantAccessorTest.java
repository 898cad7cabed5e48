package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static dev.sluice.testing.arrow.ArrowChunks.notNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.arrow.Batches;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

/** VARIANT values in the Parquet/Spark binary encoding, rendered as the JSON text Spark shows. */
class VariantAccessorTest {
    private static final byte[] KEYS = metadata("a", "b", "arr");

    @Test
    void objectsArraysAndPrimitives() throws Exception {
        byte[] obj = object(1, 1, false, new int[] {0, 1}, i8(1), shortString("x"));
        assertThat(json(obj, KEYS)).isEqualTo("{\"a\":1,\"b\":\"x\"}");
        byte[] arr = array(1, false, i8(1), primitive(0), primitive(1), primitive(2), shortString("s"));
        assertThat(json(arr, KEYS)).isEqualTo("[1,null,true,false,\"s\"]");
        byte[] nested = object(1, 1, false, new int[] {2}, array(1, false, object(1, 1, false, new int[] {0}, i64(-5))));
        assertThat(json(nested, KEYS)).isEqualTo("{\"arr\":[{\"a\":-5}]}");
    }

    @Test
    void wideHeadersAndLongStrings() throws Exception {
        String text = "line\n\"quoted\" " + "\u00e9".repeat(40);
        byte[] obj = object(2, 2, true, new int[] {0, 1}, longString(text), i16(-300));
        assertThat(json(obj, KEYS)).isEqualTo("{\"a\":\"line\\n\\\"quoted\\\" " + "\u00e9".repeat(40) + "\",\"b\":-300}");
        assertThat(json(array(4, true, i32(7)), KEYS)).isEqualTo("[7]");
    }

    @Test
    void numbersDatesTimestampsAndBinary() throws Exception {
        assertThat(json(primitive(8, 2, le(1500, 4)), KEYS)).isEqualTo("15");
        assertThat(json(primitive(9, 3, le(-500, 8)), KEYS)).isEqualTo("-0.5");
        byte[] big = new BigInteger("123456789012345678901234567890").toByteArray();
        assertThat(json(primitive(10, 5, reverse(pad16(big))), KEYS)).isEqualTo("1234567890123456789012345.6789");
        assertThat(json(primitive(7, le(Double.doubleToLongBits(1.5), 8)), KEYS)).isEqualTo("1.5");
        assertThat(json(primitive(14, le(Float.floatToIntBits(0.25f), 4)), KEYS)).isEqualTo("0.25");
        long day = LocalDate.of(2021, 6, 15).toEpochDay();
        assertThat(json(primitive(11, le(day, 4)), KEYS)).isEqualTo("\"2021-06-15\"");
        long micros = Instant.parse("2021-06-15T19:34:56.789Z").toEpochMilli() * 1000;
        assertThat(json(primitive(12, le(micros, 8)), KEYS)).isEqualTo("\"2021-06-15 19:34:56.789+00:00\"");
        assertThat(json(primitive(13, le(micros, 8)), KEYS)).isEqualTo("\"2021-06-15 19:34:56.789\"");
        assertThat(json(primitive(15, concat(le(3, 4), new byte[] {1, 2, 3})), KEYS)).isEqualTo("\"AQID\"");
        byte[] uuid = new byte[16];
        uuid[15] = 1;
        assertThat(json(primitive(20, uuid), KEYS)).isEqualTo("\"00000000-0000-0000-0000-000000000001\"");
    }

    @Test
    void timestampsUseTheSessionZone() throws Exception {
        long micros = Instant.parse("2021-06-15T19:34:56Z").toEpochMilli() * 1000;
        ColumnAccessor a = Columns.with(null, Batches.session(ZoneId.of("America/Los_Angeles"), true),
                ArrowChunks.variant("v"), row(primitive(12, le(micros, 8)), KEYS));
        assertThat(a.getString(0)).isEqualTo("\"2021-06-15 12:34:56-07:00\"");
    }

    @Test
    void manifestVariantMakesAnUnmarkedStructAVariant() throws Exception {
        Field plain = ArrowChunks.struct("v", notNull("value", ArrowChunks.BINARY), notNull("metadata", ArrowChunks.BINARY));
        byte[] obj = object(1, 1, false, new int[] {0}, i8(3));
        ColumnAccessor a = Columns.with(Columns.manifest("VARIANT", "VARIANT"), Batches.OBJECTS, plain, row(obj, KEYS), null);
        assertThat(a).isInstanceOf(VariantAccessor.class);
        assertThat(a.getObject(0)).isEqualTo("{\"a\":3}");
        assertThat(a.isNull(1)).isTrue();
        ColumnAccessor unmarked = Columns.of(plain, row(obj, KEYS));
        assertThat(unmarked).isInstanceOf(StructAccessor.class);
    }

    @Test
    void variantTextIsEmbeddedAsJsonInsideStructs() throws Exception {
        Field s = ArrowChunks.struct("s", field("id", ArrowChunks.INT), field("v", ArrowChunks.UTF8));
        ColumnAccessor a = Columns.with(Columns.manifest("STRUCT", "STRUCT<id: INT, v: VARIANT>"), Batches.TEXT, s,
                Map.of("id", 1, "v", "{\"k\":[1,2]}"));
        assertThat(a.getString(0)).isEqualTo("{\"id\":1,\"v\":{\"k\":[1,2]}}");
        ColumnAccessor top = Columns.with(Columns.manifest("VARIANT", "VARIANT"), Batches.OBJECTS,
                field("v", ArrowChunks.UTF8), "[1,\"a\"]");
        assertThat(top.getObject(0)).isEqualTo("[1,\"a\"]");
    }

    @Test
    void malformedVariantsAreDataExceptions() {
        assertMalformed(object(1, 1, false, new int[] {0, 1}, i8(1)), KEYS);
        assertMalformed(object(1, 1, false, new int[] {9}, i8(1)), KEYS);
        assertMalformed(primitive(31), KEYS);
        assertMalformed(primitive(16, le(100, 4)), KEYS);
        assertMalformed(i8(1), new byte[] {0x02, 0});
        assertMalformed(new byte[0], KEYS);
    }

    private static void assertMalformed(byte[] value, byte[] metadata) {
        assertThatThrownBy(() -> json(value, metadata)).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("malformed VARIANT");
    }

    private static String json(byte[] value, byte[] metadata) throws Exception {
        return Columns.of(ArrowChunks.variant("v"), row(value, metadata)).getString(0);
    }

    private static Map<String, Object> row(byte[] value, byte[] metadata) {
        return Map.of("value", value, "metadata", metadata);
    }

    /** Metadata with 1-byte offsets, keys unsorted. */
    static byte[] metadata(String... keys) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01);
        out.write(keys.length);
        out.write(0);
        for (String k : keys) {
            strings.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            out.write(strings.size());
        }
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    static byte[] primitive(int type, byte[]... payload) {
        return concat(new byte[] {(byte) (type << 2)}, concat(payload));
    }

    static byte[] primitive(int type, int scale, byte[] unscaled) {
        return concat(new byte[] {(byte) (type << 2), (byte) scale}, unscaled);
    }

    static byte[] i8(int v) {
        return primitive(3, new byte[] {(byte) v});
    }

    static byte[] i16(int v) {
        return primitive(4, le(v, 2));
    }

    static byte[] i32(int v) {
        return primitive(5, le(v, 4));
    }

    static byte[] i64(long v) {
        return primitive(6, le(v, 8));
    }

    static byte[] shortString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) (b.length << 2 | 1)}, b);
    }

    static byte[] longString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return primitive(16, le(b.length, 4), b);
    }

    static byte[] object(int offsetSize, int idSize, boolean large, int[] ids, byte[]... values) {
        int header = (large ? 1 << 4 : 0) | (idSize - 1) << 2 | (offsetSize - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header << 2 | 2);
        out.writeBytes(le(ids.length, large ? 4 : 1));
        for (int id : ids) {
            out.writeBytes(le(id, idSize));
        }
        writeOffsetsAndValues(out, offsetSize, values);
        return out.toByteArray();
    }

    static byte[] array(int offsetSize, boolean large, byte[]... values) {
        int header = (large ? 1 << 2 : 0) | (offsetSize - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header << 2 | 3);
        out.writeBytes(le(values.length, large ? 4 : 1));
        writeOffsetsAndValues(out, offsetSize, values);
        return out.toByteArray();
    }

    private static void writeOffsetsAndValues(ByteArrayOutputStream out, int offsetSize, byte[]... values) {
        int at = 0;
        out.writeBytes(le(0, offsetSize));
        for (byte[] v : values) {
            at += v.length;
            out.writeBytes(le(at, offsetSize));
        }
        for (byte[] v : values) {
            out.writeBytes(v);
        }
    }

    static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] pad16(byte[] bigEndian) {
        byte[] out = new byte[16];
        System.arraycopy(bigEndian, 0, out, 16 - bigEndian.length, bigEndian.length);
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
