package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.types.ColumnType;
import dev.sluice.jdbc.internal.types.TypeParser;
import dev.sluice.jdbc.internal.types.TypeTable;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaTypeInfoTest {

    /** The rows as a caller reads them through getTypeInfo's result set, keyed by TYPE_NAME. */
    private static Map<String, Map<String, Object>> rowsByName() throws SQLException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        try (ResultSet rs = MetaLayout.TYPE_INFO.resultSet(MetaTypeInfo.rows(), 255, "DATA_TYPE")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                rows.put(rs.getString("TYPE_NAME"), row);
            }
        }
        return rows;
    }

    @Test
    void listsEveryDatabricksColumnType() throws SQLException {
        assertThat(rowsByName().keySet()).containsExactlyInAnyOrder("TINYINT", "SMALLINT", "INT", "BIGINT",
                "FLOAT", "DOUBLE", "DECIMAL", "STRING", "VARCHAR", "CHAR", "BINARY", "BOOLEAN", "DATE", "TIMESTAMP",
                "TIMESTAMP_NTZ", "INTERVAL YEAR TO MONTH", "INTERVAL DAY TO SECOND", "VARIANT", "ARRAY", "MAP",
                "STRUCT", "VOID");
    }

    @Test
    void orderedByDataTypeWithTheCanonicalNameFirst() throws SQLException {
        List<Integer> dataTypes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : rowsByName().entrySet()) {
            dataTypes.add((Integer) e.getValue().get("DATA_TYPE"));
            names.add(e.getKey());
        }
        assertThat(dataTypes).isSorted();
        assertThat(names.indexOf("STRING")).isLessThan(names.indexOf("VARCHAR"));
        assertThat(names.indexOf("TIMESTAMP")).isLessThan(names.indexOf("TIMESTAMP_NTZ"));
    }

    @Test
    void agreesWithTheTypeTableThatDescribesColumns() throws SQLException {
        // complex types are declared with their element types; the row names the bare type
        Map<String, String> declared = Map.of("ARRAY", "ARRAY<INT>", "MAP", "MAP<STRING, INT>", "STRUCT",
                "STRUCT<a: INT>");
        for (Map.Entry<String, Map<String, Object>> e : rowsByName().entrySet()) {
            String text = declared.getOrDefault(e.getKey(), e.getKey());
            ColumnType t = TypeTable.describe(TypeParser.parse(text), 255, true);
            assertThat(e.getValue().get("DATA_TYPE")).as(e.getKey()).isEqualTo(t.jdbcType());
            assertThat(t.typeName()).as(e.getKey()).isEqualTo(e.getKey());
        }
    }

    @Test
    void numbersHaveDecimalPrecisionRadixTenAndAreSigned() throws SQLException {
        Map<String, Map<String, Object>> rows = rowsByName();
        Map<String, Integer> digits = Map.of("TINYINT", 3, "SMALLINT", 5, "INT", 10, "BIGINT", 19, "FLOAT", 7,
                "DOUBLE", 15, "DECIMAL", 38);
        digits.forEach((name, precision) -> {
            Map<String, Object> row = rows.get(name);
            assertThat(row.get("PRECISION")).as(name).isEqualTo(precision);
            assertThat(row.get("NUM_PREC_RADIX")).as(name).isEqualTo(10);
            assertThat(row.get("UNSIGNED_ATTRIBUTE")).as(name).isEqualTo(false);
            assertThat(row.get("LITERAL_PREFIX")).as(name).isNull();
            assertThat(row.get("SEARCHABLE")).as(name).isEqualTo((short) DatabaseMetaData.typePredBasic);
        });
        assertThat(rows.get("STRING").get("NUM_PREC_RADIX")).isNull();
    }

    @Test
    void decimalTakesPrecisionAndScaleFromZeroToThirtyEight() throws SQLException {
        Map<String, Object> decimal = rowsByName().get("DECIMAL");
        assertThat(decimal.get("DATA_TYPE")).isEqualTo(Types.DECIMAL);
        assertThat(decimal.get("CREATE_PARAMS")).isEqualTo("precision,scale");
        assertThat(decimal.get("MINIMUM_SCALE")).isEqualTo((short) 0);
        assertThat(decimal.get("MAXIMUM_SCALE")).isEqualTo((short) 38);
        assertThat(decimal.get("FIXED_PREC_SCALE")).isEqualTo(false);
    }

    @Test
    void literalsAreWrittenTheWayDatabricksReadsThem() throws SQLException {
        Map<String, Map<String, Object>> rows = rowsByName();
        assertThat(literal(rows, "STRING")).isEqualTo("'x'");
        assertThat(literal(rows, "CHAR")).isEqualTo("'x'");
        assertThat(literal(rows, "BINARY")).isEqualTo("X'x'");
        assertThat(literal(rows, "DATE")).isEqualTo("DATE 'x'");
        assertThat(literal(rows, "TIMESTAMP")).isEqualTo("TIMESTAMP 'x'");
        assertThat(literal(rows, "TIMESTAMP_NTZ")).isEqualTo("TIMESTAMP_NTZ 'x'");
        assertThat(literal(rows, "INTERVAL DAY TO SECOND")).isEqualTo("INTERVAL 'x' DAY TO SECOND");
        assertThat(rows.get("BOOLEAN").get("LITERAL_PREFIX")).isNull();
    }

    private static String literal(Map<String, Map<String, Object>> rows, String type) {
        Map<String, Object> row = rows.get(type);
        return row.get("LITERAL_PREFIX") + "x" + row.get("LITERAL_SUFFIX");
    }

    @Test
    void onlyTextIsCaseSensitiveAndLikeSearchable() throws SQLException {
        for (Map.Entry<String, Map<String, Object>> e : rowsByName().entrySet()) {
            boolean text = List.of("STRING", "VARCHAR", "CHAR").contains(e.getKey());
            assertThat(e.getValue().get("CASE_SENSITIVE")).as(e.getKey()).isEqualTo(text);
            assertThat(e.getValue().get("SEARCHABLE").equals((short) DatabaseMetaData.typeSearchable))
                    .as(e.getKey()).isEqualTo(text);
        }
        assertThat(rowsByName().get("MAP").get("SEARCHABLE")).isEqualTo((short) DatabaseMetaData.typePredNone);
    }

    @Test
    void everyTypeIsNullableNeverAutoIncrementAndHasNoNegativeSize() throws SQLException {
        for (Map.Entry<String, Map<String, Object>> e : rowsByName().entrySet()) {
            Map<String, Object> row = e.getValue();
            assertThat(row.get("NULLABLE")).as(e.getKey()).isEqualTo((short) DatabaseMetaData.typeNullable);
            assertThat(row.get("AUTO_INCREMENT")).as(e.getKey()).isEqualTo(false);
            assertThat(row.get("UNSIGNED_ATTRIBUTE")).as(e.getKey()).isEqualTo(false);
            assertThat((Integer) row.get("PRECISION")).as(e.getKey()).isNotNegative();
            assertThat((Short) row.get("MINIMUM_SCALE")).as(e.getKey()).isNotNegative();
            assertThat((Short) row.get("MAXIMUM_SCALE")).as(e.getKey())
                    .isGreaterThanOrEqualTo((Short) row.get("MINIMUM_SCALE"));
            assertThat(row.get("LOCAL_TYPE_NAME")).as(e.getKey()).isEqualTo(e.getKey());
        }
    }
}
