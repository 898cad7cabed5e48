package dev.sluice.jdbc.internal.arrow.accessor;

import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.arrow.Batches;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.testing.arrow.ArrowChunks;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLDataException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class NestedAccessorsTest {
    private static final Field INTS = ArrowChunks.list("l", field("element", ArrowChunks.INT));
    private static final Field STRUCTS = ArrowChunks.list("l",
            ArrowChunks.struct("element", field("a", ArrowChunks.INT), field("b", ArrowChunks.UTF8)));

    @Test
    void listsAreArraysOfTheElementClass() throws Exception {
        ColumnAccessor a = Columns.of(INTS, Arrays.asList(1, null, 3), List.of(), null);
        assertThat(a).isInstanceOf(ListAccessor.class);
        Array array = (Array) a.getObject(0);
        assertThat(array.getBaseTypeName()).isEqualTo("INT");
        assertThat(array.getBaseType()).isEqualTo(Types.INTEGER);
        assertThat(array.getArray()).isInstanceOf(Integer[].class).isEqualTo(new Integer[] {1, null, 3});
        assertThat((Object[]) array.getArray(2, 5)).containsExactly(null, 3);
        assertThat((Object[]) array.getArray(4, 1)).isEmpty();
        assertThatThrownBy(() -> array.getArray(0, 1)).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(array::getResultSet).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(array.toString()).isEqualTo("[1,null,3]");
        assertThat(a.getString(0)).isEqualTo("[1,null,3]");
        assertThat(a.getString(1)).isEqualTo("[]");
        assertThat(a.isNull(2)).isTrue();
        array.free();
        assertThatThrownBy(array::getArray).hasMessageContaining("freed");
    }

    @Test
    void listsAreJsonTextWhenComplexTypesAreNotObjects() throws Exception {
        ColumnAccessor a = Columns.with(null, Batches.TEXT, INTS, Arrays.asList(1, null, 3));
        assertThat(a.getObject(0)).isEqualTo("[1,null,3]");
        assertThat(a.getArray(0).getArray()).isEqualTo(new Integer[] {1, null, 3});
        assertThat(a.getObject(0, Array.class).getBaseTypeName()).isEqualTo("INT");
    }

    @Test
    void nestedListsOfStructs() throws Exception {
        Map<String, Object> second = new HashMap<>();
        second.put("a", 2);
        second.put("b", null);
        ColumnAccessor a = Columns.with(null, Batches.TEXT, STRUCTS, Arrays.asList(Map.of("a", 1, "b", "x\"y\n"), null, second));
        assertThat(a.getString(0)).isEqualTo("[{\"a\":1,\"b\":\"x\\\"y\\n\"},null,{\"a\":2,\"b\":null}]");
        Object[] structs = (Object[]) a.getArray(0).getArray();
        assertThat(structs).isInstanceOf(Struct[].class).hasSize(3);
        assertThat(((Struct) structs[0]).getAttributes()).containsExactly(1, "x\"y\n");
        assertThat(((Struct) structs[0]).getSQLTypeName()).isEqualTo("STRUCT<a: INT, b: STRING>");
        assertThat(structs[1]).isNull();
        assertThat(((Struct) structs[2]).getAttributes()).containsExactly(2, null);
        assertThat(a.getArray(0).getBaseTypeName()).isEqualTo("STRUCT");
        assertThat(a.getArray(0).getBaseType()).isEqualTo(Types.STRUCT);
    }

    @Test
    void largeAndFixedSizeLists() throws Exception {
        ColumnAccessor large = Columns.of(field("l", ArrowType.LargeList.INSTANCE, field("element", ArrowChunks.BIGINT)),
                List.of(1L, 2L));
        assertThat(large).isInstanceOf(LargeListAccessor.class);
        assertThat(large.getString(0)).isEqualTo("[1,2]");
        ColumnAccessor fixed = Columns.of(field("l", new ArrowType.FixedSizeList(2), field("element", ArrowChunks.UTF8)),
                List.of("a", "b"), null, List.of("c", "d"));
        assertThat(fixed).isInstanceOf(FixedSizeListAccessor.class);
        assertThat(fixed.getString(2)).isEqualTo("[\"c\",\"d\"]");
        assertThat(fixed.isNull(1)).isTrue();
        assertThat((Object[]) fixed.getArray(0).getArray()).containsExactly("a", "b");
    }

    @Test
    void mapsKeepWireOrder() throws Exception {
        Field m = ArrowChunks.map("m", ArrowChunks.UTF8, field("value", ArrowChunks.INT));
        Map<String, Integer> entries = new LinkedHashMap<>();
        entries.put("z", 1);
        entries.put("a", null);
        entries.put("m", 3);
        ColumnAccessor a = Columns.of(m, entries, Map.of(), null);
        assertThat(a).isInstanceOf(MapAccessor.class);
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) a.getObject(0);
        assertThat(map).isInstanceOf(LinkedHashMap.class).isEqualTo(entries);
        assertThat(map.keySet()).containsExactly("z", "a", "m");
        assertThat(a.getString(0)).isEqualTo("{\"z\":1,\"a\":null,\"m\":3}");
        assertThat(a.getString(1)).isEqualTo("{}");
        assertThat(a.isNull(2)).isTrue();
    }

    @Test
    void mapKeysOfOtherTypesAreQuotedInJson() throws Exception {
        Field m = ArrowChunks.map("m", ArrowChunks.INT, field("value", ArrowChunks.DATE));
        ColumnAccessor a = Columns.with(null, Batches.TEXT, m, Map.of(7, LocalDate.of(2020, 1, 2)));
        assertThat(a.getString(0)).isEqualTo("{\"7\":\"2020-01-02\"}");
        assertThat(a.getObject(0, Map.class)).isEqualTo(Map.of(7, java.sql.Date.valueOf("2020-01-02")));
    }

    @Test
    void structsUseTheManifestTypeText() throws Exception {
        Field s = ArrowChunks.struct("s", field("id", ArrowChunks.BIGINT), field("amount", ArrowChunks.decimal(10, 2)),
                field("raw", ArrowChunks.BINARY), field("at", ArrowChunks.timestamp("UTC")), field("d", ArrowChunks.DOUBLE));
        Map<String, Object> row = new HashMap<>();
        row.put("id", 5L);
        row.put("amount", new BigDecimal("12.50"));
        row.put("raw", new byte[] {1, 2, 3});
        row.put("at", Instant.parse("2021-06-15T19:34:56.789Z"));
        row.put("d", Double.NaN);
        String text = "STRUCT<id: BIGINT, amount: DECIMAL(10,2), raw: BINARY, at: TIMESTAMP, d: DOUBLE>";
        ColumnAccessor a = Columns.with(Columns.manifest("STRUCT", text), Batches.OBJECTS, s, row);
        Struct struct = (Struct) a.getObject(0);
        assertThat(struct.getSQLTypeName()).isEqualTo(text);
        Object[] attrs = struct.getAttributes();
        assertThat(attrs[0]).isEqualTo(5L);
        assertThat(attrs[1]).isEqualTo(new BigDecimal("12.50"));
        assertThat((byte[]) attrs[2]).containsExactly(1, 2, 3);
        assertThat(((Timestamp) attrs[3]).toInstant()).isEqualTo(Instant.parse("2021-06-15T19:34:56.789Z"));
        assertThat(a.getString(0)).isEqualTo(
                "{\"id\":5,\"amount\":12.50,\"raw\":\"AQID\",\"at\":\"2021-06-15 19:34:56.789\",\"d\":\"NaN\"}");
    }

    @Test
    void arraysOfDecimalsNameTheirBaseType() throws Exception {
        Field l = ArrowChunks.list("l", field("element", ArrowChunks.decimal(10, 2)));
        ColumnAccessor a = Columns.with(Columns.manifest("ARRAY", "ARRAY<DECIMAL(10,2)>"), Batches.OBJECTS, l,
                List.of(new BigDecimal("1.25")));
        Array array = a.getArray(0);
        assertThat(array.getBaseTypeName()).isEqualTo("DECIMAL");
        assertThat(array.getBaseType()).isEqualTo(Types.DECIMAL);
        assertThat(array.getArray()).isInstanceOf(BigDecimal[].class);
    }

    @Test
    void complexValuesSentAsJsonTextAreParsedByTheirManifestType() throws Exception {
        ColumnAccessor a = Columns.with(Columns.manifest("ARRAY", "ARRAY<STRUCT<a: INT>>"), Batches.OBJECTS,
                field("c", ArrowChunks.UTF8), "[{\"a\":1},{\"a\":null}]");
        assertThat(a).isInstanceOf(JsonTextAccessor.class);
        Object[] structs = (Object[]) ((Array) a.getObject(0)).getArray();
        assertThat(((Struct) structs[0]).getAttributes()).containsExactly(1);
        assertThat(a.getString(0)).isEqualTo("[{\"a\":1},{\"a\":null}]");
    }
}
