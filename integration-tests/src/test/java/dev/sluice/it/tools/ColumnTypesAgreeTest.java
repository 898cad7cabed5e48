package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.Properties;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * getColumns and the metadata of a result set over the same table say the same of every column: type code,
 * type name, size and scale, for scalars and for ARRAY, MAP and STRUCT, whichever way
 * EnableComplexDatatypeSupport presents complex values (VARCHAR JSON text by default, objects with 1); and
 * isNullable, from the Arrow schema, agrees with getColumns' IS_NULLABLE.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColumnTypesAgreeTest {
    private final LocalWarehouse warehouse;
    private ToolSchema schema;

    ColumnTypesAgreeTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void createTable() throws SQLException {
        schema = ToolSchema.create(warehouse, "types");
        schema.execute("CREATE TABLE every_type (id BIGINT NOT NULL, small SMALLINT, price DECIMAL(12,3),"
                + " ratio DOUBLE, name STRING, born DATE, seen TIMESTAMP, local TIMESTAMP_NTZ, ok BOOLEAN,"
                + " bytes BINARY, tags ARRAY<STRING>, attributes MAP<STRING, INT>,"
                + " address STRUCT<street: STRING, zip: INT>) USING DELTA");
        schema.execute("INSERT INTO every_type (id, name) VALUES (1, 'one')");
    }

    @AfterAll
    void dropSchema() throws SQLException {
        schema.close();
    }

    @ParameterizedTest(name = "EnableComplexDatatypeSupport={0}")
    @ValueSource(strings = {"0", "1"})
    void getColumnsDescribesEachColumnAsTheResultSetDoes(String complex) throws SQLException {
        try (Connection c = new SluiceDriver().connect(schema.url() + ";EnableComplexDatatypeSupport=" + complex,
                new Properties())) {
            List<String> fromGetColumns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns("main", schema.name(), "every_type", "%")) {
                while (rs.next()) {
                    fromGetColumns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
                            + rs.getString("TYPE_NAME") + " " + rs.getInt("COLUMN_SIZE") + " "
                            + rs.getInt("DECIMAL_DIGITS"));
                }
            }
            List<String> fromResult = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM every_type")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    fromResult.add(md.getColumnName(i) + " " + md.getColumnType(i) + " " + md.getColumnTypeName(i)
                            + " " + md.getPrecision(i) + " " + md.getScale(i));
                }
            }
            assertThat(fromGetColumns).hasSize(13).containsExactlyElementsOf(fromResult);
            int complexType = complex.equals("1") ? Types.ARRAY : Types.VARCHAR;
            assertThat(fromResult).contains("tags " + complexType + " ARRAY<STRING> 255 0",
                    "price " + Types.DECIMAL + " DECIMAL 12 3");
            try (ResultSet rs = c.getMetaData().getColumns("main", schema.name(), "every_type", "id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
                assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "EnableArrow={0}")
    @ValueSource(strings = {"0", "1"})
    void isNullableComesFromTheArrowSchemaAndAgreesWithGetColumns(String arrow) throws SQLException {
        try (Connection c = new SluiceDriver().connect(schema.url() + ";EnableArrow=" + arrow, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, 42 AS answer FROM every_type")) {
            ResultSetMetaData md = rs.getMetaData();
            if (arrow.equals("0")) {
                // JSON results carry no schema beyond the manifest, which does not say.
                for (int i = 1; i <= 3; i++) {
                    assertThat(md.isNullable(i)).isEqualTo(ResultSetMetaData.columnNullableUnknown);
                }
                return;
            }
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(md.isNullable(3)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1L);
            assertThat(rs.getString(2)).isEqualTo("one");
            assertThat(rs.next()).isFalse();
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            try (ResultSet cols = c.getMetaData().getColumns("main", schema.name(), "every_type", "%")) {
                assertThat(cols.next()).isTrue();
                assertThat(cols.getString("IS_NULLABLE")).isEqualTo("NO");
                assertThat(cols.getInt("NULLABLE")).isEqualTo(md.isNullable(1));
                assertThat(cols.next()).isTrue();
                assertThat(cols.next()).isTrue();
                assertThat(cols.next()).isTrue();
                assertThat(cols.next()).isTrue();
                assertThat(cols.getString("COLUMN_NAME")).isEqualTo("name");
                assertThat(cols.getString("IS_NULLABLE")).isEqualTo("YES");
                assertThat(cols.getInt("NULLABLE")).isEqualTo(md.isNullable(2));
            }
        }
    }
}
