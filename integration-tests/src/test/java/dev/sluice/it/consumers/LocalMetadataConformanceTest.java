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

    /**
     * Names and patterns are written into the metadata SQL as string literals (and into the SHOW commands'
     * patterns): quotes, backslashes and {@code ${..}} in them are data, never SQL, on every path (SHOW,
     * information_schema of one catalog or of every catalog, Unity Catalog REST).
     */
    @Test
    void hostilePatternsAreDataNotSql() throws SQLException {
        String cat = TestSchema.CATALOG;
        String s = schema.name();
        // each would list t1 (or every table) if it reached the SQL as text
        for (String hostile : List.of("zz' OR table_name LIKE 't%", "zz\\' OR '1'='1", "t1' --", "t1\\",
                "${t1}", "zz%' OR 1=1 OR '", "zz'' OR ''='")) {
            assertThat(column(md.getTables(cat, s, hostile, null), "TABLE_NAME")).as(hostile).isEmpty();
            assertThat(column(md.getTables(null, s, hostile, null), "TABLE_NAME")).as(hostile).isEmpty();
            assertThat(column(md.getTables(cat, s, hostile, new String[] {"MANAGED"}), "TABLE_NAME")).as(hostile)
                    .isEmpty();
            assertThat(column(md.getColumns(null, s, hostile, null), "COLUMN_NAME")).as(hostile).isEmpty();
            assertThat(column(md.getColumns(cat, s, hostile, null), "COLUMN_NAME")).as(hostile).isEmpty();
            assertThat(column(md.getSchemas(null, hostile), "TABLE_SCHEM")).as(hostile).isEmpty();
            assertThat(column(md.getFunctions(cat, s, hostile), "FUNCTION_NAME")).as(hostile).isEmpty();
            assertThat(column(md.getExportedKeys(cat, s, hostile), "FK_NAME")).as(hostile).isEmpty();
        }
        // '%' and '_' keep their meaning, the escape makes '_' itself, on each path
        String pattern = "t%\\_2";
        assertThat(column(md.getTables(cat, s, pattern, null), "TABLE_NAME")).containsExactly("t_2");
        assertThat(column(md.getTables(null, s, pattern, null), "TABLE_NAME")).containsExactly("t_2");
        assertThat(column(md.getTables(cat, s, pattern, new String[] {"MANAGED"}), "TABLE_NAME"))
                .containsExactly("t_2");
        assertThat(column(md.getColumns(null, s, pattern, null), "COLUMN_NAME")).containsExactly("x");
        assertThat(column(md.getColumns(cat, s, "t_2", null), "COLUMN_NAME")).containsExactly("x", "y");
        assertThat(column(md.getColumns(cat, s, "t\\_2", null), "COLUMN_NAME")).containsExactly("x");
        assertThat(column(md.getTables(cat, s.substring(0, s.length() - 1) + "_", "t_", null), "TABLE_NAME"))
                .containsExactly("t1");
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

    /**
     * A call naming one table exactly reads Unity Catalog REST ({@code GET tables/{full_name}}); the same call
     * with a pattern, or over every catalog, reads information_schema. Both must give the same rows, for a table
     * with every column type, a default, a comment, a primary key and a foreign key (whose columns are listed in
     * another order than the referenced key's).
     */
    @Test
    void oneTableFromUnityCatalogRestAnswersAsInformationSchemaDoes() throws SQLException {
        try (TestSchema keys = TestSchema.create(warehouse, "metarest");
             Connection c = keys.dataSource().getConnection()) {
            keys.execute("CREATE TABLE " + keys.table("kp") + " (id BIGINT NOT NULL, code STRING NOT NULL,"
                            + " CONSTRAINT kp_pk PRIMARY KEY (id, code)) USING DELTA",
                    "CREATE TABLE " + keys.table("kc") + " (b BOOLEAN, ti TINYINT, si SMALLINT, i INT,"
                            + " l BIGINT NOT NULL DEFAULT 7, f FLOAT, d DOUBLE, m DECIMAL(12,2),"
                            + " s STRING COMMENT 'a comment', vc VARCHAR(10), ch CHAR(3), bin BINARY, dt DATE,"
                            + " ts TIMESTAMP, tsn TIMESTAMP_NTZ, arr ARRAY<INT>, mp MAP<STRING,INT>,"
                            + " st STRUCT<a: INT, b: STRING>, pcode STRING, pid BIGINT,"
                            + " CONSTRAINT kc_fk FOREIGN KEY (pcode, pid) REFERENCES " + keys.table("kp")
                            + " (code, id)) USING DELTA"
                            + " TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported')");
            DatabaseMetaData meta = c.getMetaData();
            String cat = TestSchema.CATALOG;
            String s = keys.name();

            List<List<Object>> columns = rows(meta.getColumns(cat, s, "kc", null));
            assertThat(columns).hasSize(20);
            assertThat(columns).isEqualTo(rowsOf(rows(meta.getColumns(cat, s, "k%", null)), 2, "kc"));
            assertThat(rows(meta.getColumns(cat, s, "kc", "s%")))
                    .isEqualTo(rowsOf(rows(meta.getColumns(cat, s, "k_", "s%")), 2, "kc"));
            List<Object> l = columns.get(4);
            assertThat(l.get(3)).isEqualTo("l");
            assertThat(l.get(12)).isEqualTo("7"); // COLUMN_DEF
            assertThat(columns.get(8).get(11)).isEqualTo("a comment"); // REMARKS
            assertThat(rows(meta.getColumns(cat, s, "KC", null))).isEmpty(); // names compare with case, as LIKE does

            List<List<Object>> primary = rows(meta.getPrimaryKeys(cat, s, "kp"));
            assertThat(primary).containsExactly(List.of(cat, s, "kp", "code", (short) 2, "kp_pk"),
                    List.of(cat, s, "kp", "id", (short) 1, "kp_pk"));
            assertThat(primary).isEqualTo(rows(meta.getPrimaryKeys(null, s, "kp")));

            List<List<Object>> imported = rows(meta.getImportedKeys(cat, s, "kc"));
            assertThat(imported).extracting(r -> r.get(3) + "<-" + r.get(7) + " " + r.get(8) + " " + r.get(12))
                    .containsExactly("code<-pcode 1 kp_pk", "id<-pid 2 kp_pk");
            assertThat(imported).isEqualTo(rows(meta.getImportedKeys(null, s, "kc")))
                    .isEqualTo(rows(meta.getExportedKeys(cat, s, "kp")))
                    .isEqualTo(rows(meta.getCrossReference(cat, s, "kp", cat, s, "kc")))
                    .isEqualTo(rows(meta.getCrossReference(null, s, "kp", null, s, "kc")));
            assertThat(rows(meta.getCrossReference(cat, s, "kc", cat, s, "kc"))).isEmpty();
        }
    }

    /**
     * getExportedKeys of a table Unity Catalog REST shows without a primary key (or not at all) answers without
     * SQL; a table with one still lists the keys of other schemas that reference it, as the views do.
     */
    @Test
    void exportedKeysOfATableWithoutPrimaryKeyAreNoneAndOtherSchemasStillReferenceOne() throws SQLException {
        try (TestSchema parent = TestSchema.create(warehouse, "metaxp");
             TestSchema child = TestSchema.create(warehouse, "metaxc");
             Connection c = parent.dataSource().getConnection()) {
            parent.execute("CREATE TABLE " + parent.table("pk") + " (id BIGINT NOT NULL,"
                            + " CONSTRAINT xp_pk PRIMARY KEY (id)) USING DELTA",
                    "CREATE TABLE " + parent.table("nopk") + " (id BIGINT) USING DELTA");
            child.execute("CREATE TABLE " + child.table("ref") + " (pid BIGINT,"
                    + " CONSTRAINT xr_fk FOREIGN KEY (pid) REFERENCES " + parent.table("pk") + " (id)) USING DELTA");
            DatabaseMetaData meta = c.getMetaData();
            String cat = TestSchema.CATALOG;
            assertThat(rows(meta.getExportedKeys(cat, parent.name(), "nopk"))).isEmpty();
            assertThat(rows(meta.getExportedKeys(cat, parent.name(), "missing"))).isEmpty();
            assertThat(rows(meta.getExportedKeys(cat, child.name(), "ref"))).isEmpty();
            List<List<Object>> exported = rows(meta.getExportedKeys(cat, parent.name(), "pk"));
            assertThat(exported).extracting(r -> r.get(1) + "." + r.get(2) + "." + r.get(3) + "<-" + r.get(5) + "."
                            + r.get(6) + "." + r.get(7) + " " + r.get(11) + " " + r.get(12))
                    .containsExactly(parent.name() + ".pk.id<-" + child.name() + ".ref.pid xr_fk xp_pk");
            assertThat(exported).isEqualTo(rows(meta.getImportedKeys(cat, child.name(), "ref")));
        }
    }

    private static List<List<Object>> rows(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (rs) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<Object>> rowsOf(List<List<Object>> rows, int index, Object value) {
        return rows.stream().filter(r -> value.equals(r.get(index))).toList();
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
