package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metadata layouts against the JDBC javadoc of each DatabaseMetaData method: column names, order and
 * types (String is VARCHAR, int INTEGER, short SMALLINT, long BIGINT, boolean BOOLEAN), read through the
 * ResultSetMetaData a caller sees.
 */
class MetaLayoutTest {
    private static final Map<String, Integer> TYPES = Map.of("String", Types.VARCHAR, "int", Types.INTEGER,
            "short", Types.SMALLINT, "long", Types.BIGINT, "boolean", Types.BOOLEAN);
    private static final Map<String, String> CLASSES = Map.of("String", "java.lang.String", "int",
            "java.lang.Integer", "short", "java.lang.Short", "long", "java.lang.Long", "boolean", "java.lang.Boolean");

    /** Asserts the layout, given as "NAME javaType" pairs copied from the javadoc. */
    private static void assertLayout(MetaLayout layout, String... expected) throws SQLException {
        try (ResultSet rs = layout.resultSet(List.of(), 255)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> actual = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                actual.add(md.getColumnName(i) + " " + md.getColumnType(i) + " " + md.getColumnClassName(i));
                assertThat(md.getColumnLabel(i)).isEqualTo(md.getColumnName(i));
                assertThat(md.getPrecision(i)).isNotNegative();
                assertThat(md.getScale(i)).isNotNegative();
                assertThat(md.getColumnDisplaySize(i)).isNotNegative();
            }
            List<String> wanted = new ArrayList<>();
            for (String e : expected) {
                String[] parts = e.split(" ");
                wanted.add(parts[0] + " " + TYPES.get(parts[1]) + " " + CLASSES.get(parts[1]));
            }
            assertThat(actual).containsExactlyElementsOf(wanted);
        }
    }

    @Test
    void catalogsSchemasAndTableTypes() throws SQLException {
        assertLayout(MetaLayout.CATALOGS, "TABLE_CAT String");
        assertLayout(MetaLayout.SCHEMAS, "TABLE_SCHEM String", "TABLE_CATALOG String");
        assertLayout(MetaLayout.TABLE_TYPES, "TABLE_TYPE String");
    }

    @Test
    void tables() throws SQLException {
        assertLayout(MetaLayout.TABLES, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "TABLE_TYPE String", "REMARKS String", "TYPE_CAT String", "TYPE_SCHEM String", "TYPE_NAME String",
                "SELF_REFERENCING_COL_NAME String", "REF_GENERATION String");
    }

    @Test
    void columns() throws SQLException {
        assertLayout(MetaLayout.COLUMNS, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "COLUMN_NAME String", "DATA_TYPE int", "TYPE_NAME String", "COLUMN_SIZE int", "BUFFER_LENGTH int",
                "DECIMAL_DIGITS int", "NUM_PREC_RADIX int", "NULLABLE int", "REMARKS String", "COLUMN_DEF String",
                "SQL_DATA_TYPE int", "SQL_DATETIME_SUB int", "CHAR_OCTET_LENGTH int", "ORDINAL_POSITION int",
                "IS_NULLABLE String", "SCOPE_CATALOG String", "SCOPE_SCHEMA String", "SCOPE_TABLE String",
                "SOURCE_DATA_TYPE short", "IS_AUTOINCREMENT String", "IS_GENERATEDCOLUMN String");
    }

    @Test
    void typeInfo() throws SQLException {
        assertLayout(MetaLayout.TYPE_INFO, "TYPE_NAME String", "DATA_TYPE int", "PRECISION int",
                "LITERAL_PREFIX String", "LITERAL_SUFFIX String", "CREATE_PARAMS String", "NULLABLE short",
                "CASE_SENSITIVE boolean", "SEARCHABLE short", "UNSIGNED_ATTRIBUTE boolean", "FIXED_PREC_SCALE boolean",
                "AUTO_INCREMENT boolean", "LOCAL_TYPE_NAME String", "MINIMUM_SCALE short", "MAXIMUM_SCALE short",
                "SQL_DATA_TYPE int", "SQL_DATETIME_SUB int", "NUM_PREC_RADIX int");
    }

    @Test
    void keys() throws SQLException {
        assertLayout(MetaLayout.PRIMARY_KEYS, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "COLUMN_NAME String", "KEY_SEQ short", "PK_NAME String");
        assertLayout(MetaLayout.KEYS, "PKTABLE_CAT String", "PKTABLE_SCHEM String", "PKTABLE_NAME String",
                "PKCOLUMN_NAME String", "FKTABLE_CAT String", "FKTABLE_SCHEM String", "FKTABLE_NAME String",
                "FKCOLUMN_NAME String", "KEY_SEQ short", "UPDATE_RULE short", "DELETE_RULE short", "FK_NAME String",
                "PK_NAME String", "DEFERRABILITY short");
        assertLayout(MetaLayout.INDEX_INFO, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "NON_UNIQUE boolean", "INDEX_QUALIFIER String", "INDEX_NAME String", "TYPE short",
                "ORDINAL_POSITION short", "COLUMN_NAME String", "ASC_OR_DESC String", "CARDINALITY long",
                "PAGES long", "FILTER_CONDITION String");
        assertLayout(MetaLayout.ROW_IDENTIFIERS, "SCOPE short", "COLUMN_NAME String", "DATA_TYPE int",
                "TYPE_NAME String", "COLUMN_SIZE int", "BUFFER_LENGTH int", "DECIMAL_DIGITS short",
                "PSEUDO_COLUMN short");
    }

    @Test
    void proceduresAndFunctions() throws SQLException {
        assertLayout(MetaLayout.PROCEDURES, "PROCEDURE_CAT String", "PROCEDURE_SCHEM String",
                "PROCEDURE_NAME String", "RESERVED1 String", "RESERVED2 String", "RESERVED3 String", "REMARKS String",
                "PROCEDURE_TYPE short", "SPECIFIC_NAME String");
        assertLayout(MetaLayout.PROCEDURE_COLUMNS, "PROCEDURE_CAT String", "PROCEDURE_SCHEM String",
                "PROCEDURE_NAME String", "COLUMN_NAME String", "COLUMN_TYPE short", "DATA_TYPE int",
                "TYPE_NAME String", "PRECISION int", "LENGTH int", "SCALE short", "RADIX short", "NULLABLE short",
                "REMARKS String", "COLUMN_DEF String", "SQL_DATA_TYPE int", "SQL_DATETIME_SUB int",
                "CHAR_OCTET_LENGTH int", "ORDINAL_POSITION int", "IS_NULLABLE String", "SPECIFIC_NAME String");
        assertLayout(MetaLayout.FUNCTIONS, "FUNCTION_CAT String", "FUNCTION_SCHEM String", "FUNCTION_NAME String",
                "REMARKS String", "FUNCTION_TYPE short", "SPECIFIC_NAME String");
        assertLayout(MetaLayout.FUNCTION_COLUMNS, "FUNCTION_CAT String", "FUNCTION_SCHEM String",
                "FUNCTION_NAME String", "COLUMN_NAME String", "COLUMN_TYPE short", "DATA_TYPE int",
                "TYPE_NAME String", "PRECISION int", "LENGTH int", "SCALE short", "RADIX short", "NULLABLE short",
                "REMARKS String", "CHAR_OCTET_LENGTH int", "ORDINAL_POSITION int", "IS_NULLABLE String",
                "SPECIFIC_NAME String");
    }

    @Test
    void typesAndHierarchies() throws SQLException {
        assertLayout(MetaLayout.UDTS, "TYPE_CAT String", "TYPE_SCHEM String", "TYPE_NAME String",
                "CLASS_NAME String", "DATA_TYPE int", "REMARKS String", "BASE_TYPE short");
        assertLayout(MetaLayout.SUPER_TYPES, "TYPE_CAT String", "TYPE_SCHEM String", "TYPE_NAME String",
                "SUPERTYPE_CAT String", "SUPERTYPE_SCHEM String", "SUPERTYPE_NAME String");
        assertLayout(MetaLayout.SUPER_TABLES, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "SUPERTABLE_NAME String");
        assertLayout(MetaLayout.ATTRIBUTES, "TYPE_CAT String", "TYPE_SCHEM String", "TYPE_NAME String",
                "ATTR_NAME String", "DATA_TYPE int", "ATTR_TYPE_NAME String", "ATTR_SIZE int", "DECIMAL_DIGITS int",
                "NUM_PREC_RADIX int", "NULLABLE int", "REMARKS String", "ATTR_DEF String", "SQL_DATA_TYPE int",
                "SQL_DATETIME_SUB int", "CHAR_OCTET_LENGTH int", "ORDINAL_POSITION int", "IS_NULLABLE String",
                "SCOPE_CATALOG String", "SCOPE_SCHEMA String", "SCOPE_TABLE String", "SOURCE_DATA_TYPE short");
    }

    @Test
    void privilegesPseudoColumnsAndClientInfo() throws SQLException {
        assertLayout(MetaLayout.COLUMN_PRIVILEGES, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "COLUMN_NAME String", "GRANTOR String", "GRANTEE String", "PRIVILEGE String", "IS_GRANTABLE String");
        assertLayout(MetaLayout.TABLE_PRIVILEGES, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "GRANTOR String", "GRANTEE String", "PRIVILEGE String", "IS_GRANTABLE String");
        assertLayout(MetaLayout.PSEUDO_COLUMNS, "TABLE_CAT String", "TABLE_SCHEM String", "TABLE_NAME String",
                "COLUMN_NAME String", "DATA_TYPE int", "COLUMN_SIZE int", "DECIMAL_DIGITS int",
                "NUM_PREC_RADIX int", "COLUMN_USAGE String", "REMARKS String", "CHAR_OCTET_LENGTH int",
                "IS_NULLABLE String");
        assertLayout(MetaLayout.CLIENT_INFO_PROPERTIES, "NAME String", "MAX_LEN int", "DEFAULT_VALUE String",
                "DESCRIPTION String");
    }

    @Test
    void resultIsForwardOnlyReadOnlyWithoutStatementAndReadableByName() throws SQLException {
        List<Object[]> rows = List.<Object[]>of(new Object[] {"s1", "c1"});
        try (ResultSet rs = MetaLayout.SCHEMAS.resultSet(rows, 255)) {
            assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
            assertThat(rs.getStatement()).isNull();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_CATALOG")).isEqualTo("c1");
            assertThat(rs.getString("table_schem")).isEqualTo("s1");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void sortsByTheNamedColumnsWithNullsFirst() throws SQLException {
        List<Object[]> rows = List.of(
                new Object[] {"b", "x", "t", "TABLE", null, null, null, null, null, null},
                new Object[] {"a", "y", "t", "VIEW", null, null, null, null, null, null},
                new Object[] {null, "z", "t", "TABLE", null, null, null, null, null, null},
                new Object[] {"a", "x", "u", "TABLE", null, null, null, null, null, null},
                new Object[] {"a", "x", "t", "TABLE", null, null, null, null, null, null});
        List<String> order = new ArrayList<>();
        try (ResultSet rs = MetaLayout.TABLES.resultSet(rows, 255, "TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM",
                "TABLE_NAME")) {
            while (rs.next()) {
                order.add(rs.getString(4) + ":" + rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3));
            }
        }
        assertThat(order).containsExactly("TABLE:null.z.t", "TABLE:a.x.t", "TABLE:a.x.u", "TABLE:b.x.t",
                "VIEW:a.y.t");
    }

    @Test
    void sortsNumbersAsNumbers() throws SQLException {
        List<Object[]> rows = List.of(new Object[] {"c", 10}, new Object[] {"a", 9}, new Object[] {"b", 100});
        MetaLayout layout = MetaLayout.of("NAME STRING", "N INT");
        List<Integer> order = new ArrayList<>();
        try (ResultSet rs = layout.resultSet(rows, 255, "N")) {
            while (rs.next()) {
                order.add(rs.getInt(2));
            }
        }
        assertThat(order).containsExactly(9, 10, 100);
    }

    @Test
    void refusesRowsThatDoNotFitTheLayout() {
        assertThatThrownBy(() -> MetaLayout.PRIMARY_KEYS.resultSet(
                List.<Object[]>of(new Object[] {"c", "s", "t", "col", 1, "pk"}), 255))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("KEY_SEQ holds a java.lang.Integer, expected java.lang.Short");
        assertThatThrownBy(() -> MetaLayout.CATALOGS.resultSet(List.<Object[]>of(new Object[] {"a", "b"}), 255))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("2 values for 1 columns");
    }

    @Test
    void indexFindsColumnsByName() {
        assertThat(MetaLayout.COLUMNS.index("TABLE_CAT")).isZero();
        assertThat(MetaLayout.COLUMNS.index("ORDINAL_POSITION")).isEqualTo(16);
        assertThat(MetaLayout.COLUMNS.width()).isEqualTo(24);
        assertThatThrownBy(() -> MetaLayout.COLUMNS.index("NOPE")).isInstanceOf(IllegalArgumentException.class);
    }
}
