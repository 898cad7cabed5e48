package dev.sluice.jdbc.internal.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.client.JsonRows;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowBatchTest {
    private static final ResultOptions OBJECTS = new ResultOptions(ZoneOffset.UTC, true);
    private static final ResultOptions TEXT = new ResultOptions(ZoneOffset.UTC, false);

    /** A one-column batch of the given type holding {@code values} (null = SQL NULL). */
    private static ColumnAccessor column(String typeName, String typeText, ResultOptions options, String... values) {
        List<String[]> rows = new ArrayList<>();
        for (String v : values) {
            rows.add(new String[] {v});
        }
        JsonRowBatch batch = new JsonRowBatch(JsonRows.of(rows), List.of(new ColumnInfo("c", 0, typeName, typeText, -1, -1, null)),
                options);
        assertThat(batch.rowCount()).isEqualTo(values.length);
        assertThat(batch.columnCount()).isEqualTo(1);
        return batch.column(0);
    }

    private static ColumnAccessor column(String typeName, String typeText, String... values) {
        return column(typeName, typeText, OBJECTS, values);
    }

    @Test
    void integersParseOnAccessIntoTheirOwnBoxes() throws Exception {
        ColumnAccessor l = column("LONG", "BIGINT", "9223372036854775807", null, "-5", "x");
        assertThat(l.getLong(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(l.getObject(2)).isEqualTo(-5L);
        assertThat(l.isNull(1)).isTrue();
        assertThatThrownBy(() -> l.getInt(0)).isInstanceOf(SQLDataException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
        assertThatThrownBy(() -> l.getLong(3)).isInstanceOf(SQLDataException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22018"));
        assertThat(column("INT", "INT", "7").getObject(0)).isEqualTo(7);
        assertThat(column("SHORT", "SMALLINT", "-7").getObject(0)).isEqualTo((short) -7);
        assertThat(column("BYTE", "TINYINT", "7").getObject(0)).isEqualTo((byte) 7);
        assertThatThrownBy(() -> column("BYTE", "TINYINT", "300").getObject(0)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void booleansFloatsAndDecimals() throws Exception {
        ColumnAccessor b = column("BOOLEAN", "BOOLEAN", "true", "FALSE");
        assertThat(b.getObject(0)).isEqualTo(true);
        assertThat(b.getBoolean(1)).isFalse();
        assertThat(b.getInt(0)).isEqualTo(1);
        ColumnAccessor d = column("DOUBLE", "DOUBLE", "1.5", "NaN", "-Infinity", "1E10");
        assertThat(d.getObject(0)).isEqualTo(1.5);
        assertThat(d.getDouble(1)).isNaN();
        assertThat(d.getString(3)).isEqualTo("1.0E10");
        assertThatThrownBy(() -> d.getLong(2)).isInstanceOf(SQLDataException.class);
        ColumnAccessor f = column("FLOAT", "FLOAT", "0.1");
        assertThat(f.getObject(0)).isEqualTo(0.1f);
        assertThat(f.getBigDecimal(0)).isEqualTo(new BigDecimal("0.1"));
        ColumnAccessor dec = column("DECIMAL", "DECIMAL(10,2)", "1.5", "-12345678.90");
        assertThat(dec.getObject(0)).isEqualTo(new BigDecimal("1.50"));
        assertThat(dec.getString(1)).isEqualTo("-12345678.90");
        assertThat(dec.getInt(1)).isEqualTo(-12345678);
    }

    @Test
    void stringsBinaryAndIntervals() throws Exception {
        ColumnAccessor s = column("STRING", "STRING", "h\u00e9 \ud83d\ude00", "");
        assertThat(s.getString(0)).isEqualTo("h\u00e9 \ud83d\ude00");
        assertThat(s.getObject(1)).isEqualTo("");
        ColumnAccessor bin = column("BINARY", "BINARY", "AQID/w==", "not base64!");
        assertThat(bin.getBytes(0)).containsExactly(1, 2, 3, 255);
        assertThat(bin.getString(0)).isEqualTo("010203ff");
        assertThatThrownBy(() -> bin.getBytes(1)).isInstanceOf(SQLDataException.class);
        ColumnAccessor i = column("INTERVAL", "INTERVAL DAY TO SECOND", "1 02:03:04.000000000");
        assertThat(i.getObject(0)).isEqualTo("1 02:03:04.000000000");
        assertThat(column("VARIANT", "VARIANT", "{\"a\":1}").getObject(0)).isEqualTo("{\"a\":1}");
        assertThat(column("USER_DEFINED_TYPE", "GEOMETRY", "POINT(1 2)").getObject(0)).isEqualTo("POINT(1 2)");
        ColumnAccessor nothing = column("NULL", "VOID", (String) null);
        assertThat(nothing.isNull(0)).isTrue();
    }

    @Test
    void datesAndTimestamps() throws Exception {
        ColumnAccessor d = column("DATE", "DATE", "2021-01-01", "not a date");
        assertThat(d.getObject(0)).isEqualTo(java.sql.Date.valueOf("2021-01-01"));
        assertThat(d.getLocalDate(0)).isEqualTo(LocalDate.of(2021, 1, 1));
        assertThatThrownBy(() -> d.getObject(1)).isInstanceOf(SQLDataException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22007"));

        ColumnAccessor ts = column("TIMESTAMP", "TIMESTAMP", "2021-06-15T12:34:56.789-07:00", "2021-01-01T10:00:00.000Z");
        Instant instant = Instant.parse("2021-06-15T19:34:56.789Z");
        assertThat(ts.isInstant()).isTrue();
        assertThat(ts.getInstant(0, ZoneOffset.UTC)).isEqualTo(instant);
        assertThat(((Timestamp) ts.getObject(0)).toInstant()).isEqualTo(instant);
        assertThat(ts.getString(0)).isEqualTo("2021-06-15 12:34:56.789");
        assertThat(ts.getLocalDateTime(0)).isEqualTo(LocalDateTime.of(2021, 6, 15, 12, 34, 56, 789_000_000));
        assertThat(ts.getObject(0, OffsetDateTime.class)).isEqualTo(OffsetDateTime.parse("2021-06-15T12:34:56.789-07:00"));
        assertThat(ts.getString(1)).isEqualTo("2021-01-01 10:00:00");

        ColumnAccessor ntz = column("TIMESTAMP_NTZ", "TIMESTAMP_NTZ", "2021-06-15T12:34:56.789");
        assertThat(ntz.isInstant()).isFalse();
        assertThat(ntz.getObject(0)).isEqualTo(Timestamp.valueOf("2021-06-15 12:34:56.789"));
        assertThat(ntz.getInstant(0, ZoneOffset.ofHours(2))).isEqualTo(Instant.parse("2021-06-15T10:34:56.789Z"));
    }

    @Test
    void complexTypesParseGuidedByTheTypeText() throws Exception {
        ColumnAccessor a = column("ARRAY", "ARRAY<INT>", "[1,2,null]");
        Array array = (Array) a.getObject(0);
        assertThat(array.getArray()).isEqualTo(new Integer[] {1, 2, null});
        assertThat(a.getString(0)).isEqualTo("[1,2,null]");

        ColumnAccessor m = column("MAP", "MAP<INT, DATE>", "{\"2\":\"2020-01-02\",\"1\":null}");
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) m.getObject(0);
        assertThat(map.keySet()).containsExactly(2, 1);
        assertThat(map.get(2)).isEqualTo(java.sql.Date.valueOf("2020-01-02"));

        ColumnAccessor s = column("STRUCT", "STRUCT<a: INT, b: STRING, t: TIMESTAMP, v: VARIANT>",
                "{\"b\":\"x\",\"a\":\"5\",\"t\":\"2021-01-01T00:00:00Z\",\"v\":{\"k\":[1]},\"extra\":[1,2]}");
        Struct struct = (Struct) s.getObject(0);
        assertThat(struct.getSQLTypeName()).isEqualTo("STRUCT<a: INT, b: STRING, t: TIMESTAMP, v: VARIANT>");
        Object[] attrs = struct.getAttributes();
        assertThat(attrs[0]).isEqualTo(5);
        assertThat(attrs[1]).isEqualTo("x");
        assertThat(((Timestamp) attrs[2]).toInstant()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(attrs[3]).isEqualTo("{\"k\":[1]}");

        ColumnAccessor nested = column("ARRAY", "ARRAY<STRUCT<n: ARRAY<BIGINT>>>", "[{\"n\":[1,2]},{\"n\":null}]");
        Object[] outer = (Object[]) ((Array) nested.getObject(0)).getArray();
        Array inner = (Array) ((Struct) outer[0]).getAttributes()[0];
        assertThat(inner.getArray()).isEqualTo(new Long[] {1L, 2L});
        assertThat(((Struct) outer[1]).getAttributes()).containsExactly((Object) null);
    }

    @Test
    void complexTypesStayTextUnlessAskedForObjects() throws Exception {
        ColumnAccessor a = column("ARRAY", "ARRAY<STRING>", TEXT, "[\"a\",\"b\"]");
        assertThat(a.getObject(0)).isEqualTo("[\"a\",\"b\"]");
        assertThat((Object[]) a.getArray(0).getArray()).containsExactly("a", "b");
        assertThat(a.getObject(0, Array.class).getBaseTypeName()).isEqualTo("STRING");
    }

    @Test
    void malformedComplexTextIsACastError() {
        ColumnAccessor a = column("ARRAY", "ARRAY<INT>", "{\"a\":1}", "[1,", "[\"x\"]");
        for (int row = 0; row < 3; row++) {
            int r = row;
            assertThatThrownBy(() -> a.getObject(r)).isInstanceOf(SQLDataException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22018"));
        }
    }

    @Test
    void shortRowsReadAsNull() {
        JsonRowBatch batch = new JsonRowBatch(JsonRows.of(List.<String[]>of(new String[0])),
                List.of(new ColumnInfo("c", 0, "INT", "INT", -1, -1, null)), OBJECTS);
        assertThat(batch.column(0).isNull(0)).isTrue();
    }
}
