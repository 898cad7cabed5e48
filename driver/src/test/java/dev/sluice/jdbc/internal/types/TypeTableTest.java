package dev.sluice.jdbc.internal.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import org.junit.jupiter.api.Test;

class TypeTableTest {
    private static ColumnType describe(String typeName, String typeText) {
        return TypeTable.describe(new ColumnInfo("c", 0, typeName, typeText, -1, -1, null), 255);
    }

    @Test
    void numbers() {
        assertThat(describe("LONG", "BIGINT")).isEqualTo(new ColumnType(Types.BIGINT, "BIGINT", "java.lang.Long", 19, 0,
                20, true, false, ResultSetMetaData.columnNullableUnknown, SqlType.of(SqlKind.BIGINT, "BIGINT")));
        assertThat(describe("INT", "INT").jdbcType()).isEqualTo(Types.INTEGER);
        assertThat(describe("SHORT", "SMALLINT").className()).isEqualTo("java.lang.Short");
        assertThat(describe("BYTE", "TINYINT").typeName()).isEqualTo("TINYINT");
        ColumnType f = describe("FLOAT", "FLOAT");
        assertThat(f.jdbcType()).isEqualTo(Types.REAL);
        assertThat(f.typeName()).isEqualTo("FLOAT");
        assertThat(describe("DOUBLE", "DOUBLE").className()).isEqualTo("java.lang.Double");
        assertThat(describe("BOOLEAN", "BOOLEAN").signed()).isFalse();
    }

    @Test
    void decimalsTakePrecisionFromTheManifest() {
        ColumnType d = TypeTable.describe(new ColumnInfo("c", 0, "DECIMAL", "DECIMAL(18,2)", 18, 2, null), 255);
        assertThat(d.jdbcType()).isEqualTo(Types.DECIMAL);
        assertThat(d.precision()).isEqualTo(18);
        assertThat(d.scale()).isEqualTo(2);
        assertThat(d.displaySize()).isEqualTo(20);
        assertThat(d.className()).isEqualTo("java.math.BigDecimal");
        ColumnType fromText = describe("DECIMAL", "DECIMAL(5,0)");
        assertThat(fromText.precision()).isEqualTo(5);
        assertThat(fromText.displaySize()).isEqualTo(6);
    }

    @Test
    void textUsesTheDefaultStringLength() {
        ColumnType s = TypeTable.describe(new ColumnInfo("c", 0, "STRING", "STRING", -1, -1, null), 1000);
        assertThat(s.jdbcType()).isEqualTo(Types.VARCHAR);
        assertThat(s.precision()).isEqualTo(1000);
        assertThat(s.displaySize()).isEqualTo(1000);
        assertThat(s.caseSensitive()).isTrue();
        assertThat(describe("STRING", "VARCHAR(10)").precision()).isEqualTo(10);
        assertThat(describe("CHAR", "CHAR(3)").jdbcType()).isEqualTo(Types.CHAR);
        ColumnType b = describe("BINARY", "BINARY");
        assertThat(b.jdbcType()).isEqualTo(Types.BINARY);
        assertThat(b.className()).isEqualTo("[B");
    }

    @Test
    void datetimes() {
        ColumnType ts = describe("TIMESTAMP", "TIMESTAMP");
        ColumnType ntz = describe("TIMESTAMP_NTZ", "TIMESTAMP_NTZ");
        assertThat(ts.jdbcType()).isEqualTo(Types.TIMESTAMP).isEqualTo(ntz.jdbcType());
        assertThat(ts.typeName()).isEqualTo("TIMESTAMP");
        assertThat(ntz.typeName()).isEqualTo("TIMESTAMP_NTZ");
        assertThat(ts.className()).isEqualTo("java.sql.Timestamp");
        assertThat(ts.scale()).isEqualTo(6);
        assertThat(describe("DATE", "DATE").className()).isEqualTo("java.sql.Date");
    }

    @Test
    void intervalsTakeTheirQualifierFromTheManifest() {
        ColumnType i = TypeTable.describe(new ColumnInfo("c", 0, "INTERVAL", "INTERVAL", -1, -1, "DAY TO SECOND"), 255);
        assertThat(i.typeName()).isEqualTo("INTERVAL DAY TO SECOND");
        assertThat(i.jdbcType()).isEqualTo(Types.VARCHAR);
        assertThat(i.className()).isEqualTo("java.lang.String");
        assertThat(i.displaySize()).isEqualTo(29);
        ColumnType ym = describe("INTERVAL", "INTERVAL YEAR TO MONTH");
        assertThat(ym.sqlType().kind()).isEqualTo(SqlKind.INTERVAL_YEAR_MONTH);
        assertThat(ym.displaySize()).isEqualTo(12);
    }

    @Test
    void complexTypesAsObjectsOrText() {
        ColumnType array = describe("ARRAY", "ARRAY<INT>");
        assertThat(array.jdbcType()).isEqualTo(Types.ARRAY);
        assertThat(array.typeName()).isEqualTo("ARRAY");
        assertThat(array.className()).isEqualTo("java.sql.Array");
        assertThat(array.sqlType().elementType().kind()).isEqualTo(SqlKind.INT);
        assertThat(describe("STRUCT", "STRUCT<a: INT>").jdbcType()).isEqualTo(Types.STRUCT);
        ColumnType map = describe("MAP", "MAP<STRING, INT>");
        assertThat(map.jdbcType()).isEqualTo(Types.JAVA_OBJECT);
        assertThat(map.className()).isEqualTo("java.util.Map");
        ColumnType asText = TypeTable.describe(new ColumnInfo("c", 0, "ARRAY", "ARRAY<INT>", -1, -1, null), 255, false);
        assertThat(asText.jdbcType()).isEqualTo(Types.VARCHAR);
        assertThat(asText.typeName()).isEqualTo("ARRAY");
        assertThat(asText.className()).isEqualTo("java.lang.String");
    }

    @Test
    void variantVoidAndUnknownTypes() {
        ColumnType v = describe("VARIANT", "VARIANT");
        assertThat(v.jdbcType()).isEqualTo(Types.VARCHAR);
        assertThat(v.typeName()).isEqualTo("VARIANT");
        ColumnType n = describe("NULL", "VOID");
        assertThat(n.jdbcType()).isEqualTo(Types.NULL);
        assertThat(n.typeName()).isEqualTo("VOID");
        ColumnType u = describe("USER_DEFINED_TYPE", "GEOMETRY(4326)");
        assertThat(u.jdbcType()).isEqualTo(Types.VARCHAR);
        assertThat(u.typeName()).isEqualTo("GEOMETRY");
        assertThat(describe("TIMESTAMP_NTZ", null).typeName()).isEqualTo("TIMESTAMP_NTZ");
        assertThat(describe(null, null).typeName()).isEqualTo("STRING");
    }

    @Test
    void sizesAreNeverNegative() {
        for (String text : new String[] {"DECIMAL(-3,-9)", "STRING", "VARCHAR(0)", "BINARY", "ARRAY<INT>", "???"}) {
            ColumnType t = TypeTable.describe(new ColumnInfo("c", 0, "X", text, -7, -7, null), -5);
            assertThat(t.precision()).as(text).isNotNegative();
            assertThat(t.scale()).as(text).isNotNegative();
            assertThat(t.displaySize()).as(text).isNotNegative();
        }
    }
}
