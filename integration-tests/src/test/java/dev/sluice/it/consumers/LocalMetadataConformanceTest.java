package dev.sluice.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DatabaseMetaData as a browsing tool (DBeaver, an IDE) uses it, against the local warehouse: the metadata
 * SQL runs on real Spark, search patterns keep their escapes, every catalog is listed once, and columns are
 * numbered from 1 whatever the server's base and the column filter.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalMetadataConformanceTest {
    private final LocalWarehouse warehouse;
    private TestSchema schema;
    private Connection connection;
    private DatabaseMetaData md;

    LocalMetadataConformanceTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void createObjects() throws SQLException {
        schema = TestSchema.create(warehouse, "meta");
        schema.execute(
                "CREATE TABLE " + schema.table("t1") + " (id BIGINT NOT NULL, a_b STRING COMMENT 'c', axb INT)",
                "CREATE TABLE " + schema.table("t_2") + " (x DOUBLE)",
                "CREATE TABLE " + schema.table("tx2") + " (y DATE)",
                "CREATE VIEW " + schema.table("v1") + " AS SELECT id FROM " + schema.table("t1"));
        connection = schema.dataSource().getConnection();
        md = connection.getMetaData();
    }

    @AfterAll
    void dropObjects() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        schema.close();
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(name));
            }
        }
        return values;
    }

    @Test
    void catalogsAndSchemasAreListedOnce() throws SQLException {
        assertThat(column(md.getCatalogs(), "TABLE_CAT")).contains(TestSchema.CATALOG).doesNotHaveDuplicates();
        assertThat(column(md.getSchemas(TestSchema.CATALOG, schema.name()), "TABLE_CATALOG"))
                .containsExactly(TestSchema.CATALOG);
        assertThat(column(md.getSchemas(null, schema.name()), "TABLE_CATALOG")).containsExactly(TestSchema.CATALOG);
    }

    @Test
    void tablePatternsHonourTheEscape() throws SQLException {
        String escape = md.getSearchStringEscape();
        assertThat(column(md.getTables(TestSchema.CATALOG, schema.name(), "t" + escape + "_2", null), "TABLE_NAME"))
                .containsExactly("t_2");
        assertThat(column(md.getTables(TestSchema.CATALOG, schema.name(), "t_2", null), "TABLE_NAME"))
                .containsExactly("t_2", "tx2");
    }

    @Test
    void tablesOfEveryCatalogWithJdbcTypes() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, schema.name(), "%", null)) {
            while (rs.next()) {
                rows.add(rs.getString("TABLE_TYPE") + " " + rs.getString("TABLE_CAT") + "."
                        + rs.getString("TABLE_NAME"));
            }
        }
        assertThat(rows).containsExactly("TABLE main.t1", "TABLE main.t_2", "TABLE main.tx2", "VIEW main.v1");
        assertThat(column(md.getTables(TestSchema.CATALOG, schema.name(), "%", new String[] {"VIEW"}), "TABLE_NAME"))
                .containsExactly("v1");
    }

    @Test
    void columnsAreNumberedFromOneEvenWhenFiltered() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = md.getColumns(TestSchema.CATALOG, schema.name(), "t1", "%")) {
            while (rs.next()) {
                rows.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
                        + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME") + " " + rs.getInt("NULLABLE")
                        + " " + rs.getString("IS_NULLABLE") + " " + rs.getString("REMARKS"));
            }
        }
        assertThat(rows).containsExactly(
                "1 id " + Types.BIGINT + " BIGINT " + DatabaseMetaData.columnNoNulls + " NO null",
                "2 a_b " + Types.VARCHAR + " STRING " + DatabaseMetaData.columnNullable + " YES c",
                "3 axb " + Types.INTEGER + " INT " + DatabaseMetaData.columnNullable + " YES null");
        try (ResultSet rs = md.getColumns(TestSchema.CATALOG, schema.name(), "t1", "a\\_b")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("a_b");
            assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(2);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void keysAndFunctionsAnswerEvenWhereTheServerHasNoViewsForThem() throws SQLException {
        assertThat(column(md.getPrimaryKeys(TestSchema.CATALOG, schema.name(), "t1"), "COLUMN_NAME")).isEmpty();
        assertThat(column(md.getImportedKeys(TestSchema.CATALOG, schema.name(), "t1"), "FK_NAME")).isEmpty();
        assertThat(column(md.getExportedKeys(TestSchema.CATALOG, schema.name(), "t1"), "FK_NAME")).isEmpty();
        assertThat(column(md.getFunctions(TestSchema.CATALOG, schema.name(), "%"), "FUNCTION_NAME")).isEmpty();
    }

    @Test
    void serverFacts() throws SQLException {
        assertThat(md.getDatabaseProductName()).startsWith("SparkSQL");
        assertThat(md.getDatabaseProductVersion()).matches("\\d+\\.\\d+.*");
        assertThat(md.getDatabaseMajorVersion()).isGreaterThanOrEqualTo(3);
        assertThat(md.getUserName()).isNotBlank();
        assertThat(md.getURL()).doesNotContain(warehouse.token());
        assertThat(column(md.getTypeInfo(), "TYPE_NAME")).contains("BIGINT", "STRING", "DECIMAL");
    }
}
