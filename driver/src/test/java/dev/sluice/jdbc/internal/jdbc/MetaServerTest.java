package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.ScriptedWarehouseExtension;
import dev.sluice.testing.sea.SqlError;
import dev.sluice.testing.sea.StatementRequest;
import dev.sluice.testing.sea.StatementScript;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metadata SQL the driver sends (exact text and bound values) and how it maps the rows it gets back,
 * against a scripted server.
 */
class MetaServerTest {
    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    static final String SCHEMATA = "SELECT catalog_name, schema_name FROM `%s`.information_schema.schemata"
            + " WHERE catalog_name = ? AND schema_name LIKE ?";
    static final String TABLES = "SELECT table_catalog, table_schema, table_name, table_type, comment FROM"
            + " `%s`.information_schema.tables WHERE table_catalog = ? AND table_schema LIKE ? AND table_name LIKE ?";
    static final String COLUMNS = "SELECT table_catalog, table_schema, table_name, column_name, ordinal_position,"
            + " is_nullable, full_data_type, data_type, comment, column_default, is_identity, is_generated FROM"
            + " `%s`.information_schema.columns WHERE table_catalog = ? AND table_schema LIKE ? AND table_name LIKE ?";
    static final String PRIMARY_KEYS = "SELECT k.table_catalog, k.table_schema, k.table_name, k.column_name,"
            + " k.constraint_name, k.ordinal_position FROM `main`.information_schema.table_constraints AS t JOIN"
            + " `main`.information_schema.key_column_usage AS k ON k.constraint_catalog = t.constraint_catalog"
            + " AND k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name"
            + " WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_catalog = ? AND t.table_schema = ?"
            + " AND t.table_name = ?";
    static final String FOREIGN_KEYS = "SELECT p.table_catalog, p.table_schema, p.table_name, p.column_name,"
            + " f.table_catalog, f.table_schema, f.table_name, f.column_name, f.ordinal_position,"
            + " r.update_rule, r.delete_rule, r.constraint_name, r.unique_constraint_name"
            + " FROM `main`.information_schema.referential_constraints AS r"
            + " JOIN %s AS f ON f.constraint_catalog = r.constraint_catalog"
            + " AND f.constraint_schema = r.constraint_schema AND f.constraint_name = r.constraint_name"
            + " JOIN %s AS p"
            + " ON p.constraint_catalog = r.unique_constraint_catalog"
            + " AND p.constraint_schema = r.unique_constraint_schema AND p.constraint_name = r.unique_constraint_name"
            + " AND p.ordinal_position = f.position_in_unique_constraint";
    static final String KEY_COLUMNS = "`main`.information_schema.key_column_usage";

    /** The foreign keys query with each side's {@code key_column_usage} narrowed to the table given (or not). */
    static String foreignKeys(String foreignSchema, String foreignTable, String primarySchema, String primaryTable) {
        return FOREIGN_KEYS.formatted(keyColumns(foreignSchema, foreignTable), keyColumns(primarySchema, primaryTable));
    }

    private static String keyColumns(String schema, String table) {
        return table == null ? KEY_COLUMNS : "(SELECT * FROM " + KEY_COLUMNS + " WHERE table_catalog = 'main'"
                + " AND table_schema = '" + schema + "' AND table_name = '" + table + "')";
    }

    static final String USERS_KEY = fill(PRIMARY_KEYS, "main", "features", "users");
    static final String ORDERS_KEY = fill(PRIMARY_KEYS, "main", "s", "orders");

    private static final List<Column> TABLE_COLUMNS = Column.list("table_catalog STRING", "table_schema STRING",
            "table_name STRING", "table_type STRING", "comment STRING");
    private static final List<Column> COLUMN_COLUMNS = Column.list("table_catalog STRING", "table_schema STRING",
            "table_name STRING", "column_name STRING", "position INT", "is_nullable STRING",
            "full_data_type STRING", "data_type STRING", "comment STRING", "column_default STRING",
            "is_identity STRING", "is_generated STRING");

    private static Connection open(ScriptedWarehouse warehouse) throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl("wh1") + ";EnableArrow=0", new Properties());
    }

    /** The metadata of a connection, built as {@code SluiceConnection.getMetaData()} builds it. */
    static DatabaseMetaData metaData(Connection c) throws SQLException {
        return new SluiceDatabaseMetaData(c.unwrap(SluiceConnection.class));
    }

    private static void catalogs(ScriptedWarehouse warehouse, String... names) {
        List<List<String>> rows = new ArrayList<>();
        for (String n : names) {
            rows.add(Result.row(n));
        }
        warehouse.script(StatementScript.forSql("SHOW CATALOGS")
                .succeeds(Result.jsonRows(Column.list("catalog STRING"), rows)));
    }

    private static List<String> statements(ScriptedWarehouse warehouse) {
        return warehouse.statementRequests().stream().map(StatementRequest::statement).toList();
    }

    /**
     * {@code template} with each {@code ?} replaced by the next value as a string literal, as the driver writes
     * names and patterns into its metadata SQL; a {@code LIKE ?} whose value is {@code %} is left out, as the
     * driver leaves it out.
     */
    static String fill(String template, String... values) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        boolean dropped = false;
        for (String v : values) {
            int q = template.indexOf('?', from);
            String head = template.substring(from, q);
            if (v.equals("%") && head.endsWith(" LIKE ")) {
                int and = head.lastIndexOf(" AND ");
                int where = head.lastIndexOf(" WHERE ");
                int cut = Math.max(and, where);
                out.append(head, 0, cut);
                dropped = where > and;
            } else {
                if (dropped && head.startsWith(" AND ")) {
                    head = " WHERE " + head.substring(" AND ".length());
                }
                out.append(head).append(SqlLiterals.quoted(v));
                dropped = false;
            }
            from = q + 1;
        }
        String tail = template.substring(from);
        if (dropped && tail.startsWith(" AND ")) {
            tail = " WHERE " + tail.substring(" AND ".length());
        }
        assertThat(tail).doesNotContain("?");
        return out.append(tail).toString();
    }

    /** Every statement the driver sent carried its names in the text: none was sent with parameters. */
    private static void noParameters(ScriptedWarehouse warehouse) {
        assertThat(warehouse.statementRequests()).allSatisfy(r -> assertThat(r.parameters()).isEmpty());
    }

    /**
     * Every row as a list of getObject values, checking on the way that each value's class is the one
     * ResultSetMetaData promises.
     */
    static List<List<Object>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<List<Object>> rows = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v != null) {
                        assertThat(v.getClass().getName()).as(md.getColumnName(i)).isEqualTo(md.getColumnClassName(i));
                    }
                    row.add(v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void catalogsComeFromShowCatalogsSorted(ScriptedWarehouse warehouse) throws SQLException {
        catalogs(warehouse, "main", "hive_metastore", "analytics");
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getCatalogs()))
                    .containsExactly(List.of("analytics"), List.of("hive_metastore"), List.of("main"));
        }
        assertThat(statements(warehouse)).containsExactly("SHOW CATALOGS");
    }

    @Test
    void everyCatalogsSchemasAreOneShowSchemasInAllCatalogsWithTheJdbcPatternMatchedInTheDriver(
            ScriptedWarehouse warehouse) throws SQLException {
        // the server's pattern admits more ('.' is any character, case is ignored): the driver narrows
        String show = "SHOW SCHEMAS IN ALL CATALOGS LIKE 's.l*'";
        warehouse.script(StatementScript.forSql(show).succeeds(Result.jsonRows(
                Column.list("databaseName STRING", "catalog STRING"),
                List.of(Result.row("sales", "main"), Result.row("sales", "beta"), Result.row("sold", "beta"),
                        Result.row("S_LT", "main"), Result.row("sXlt", "main")))));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getSchemas(null, "s\\_l%")))
                    .containsExactly(List.of("S_LT", "main"));
        }
        assertThat(statements(warehouse)).containsExactly(show);
    }

    @Test
    void everyCatalogIsOneQueryOfTheSystemViewsWhereTheServerLacksShowSchemasInAllCatalogs(
            ScriptedWarehouse warehouse) throws SQLException {
        String show = "SHOW SCHEMAS IN ALL CATALOGS LIKE 'sal*'";
        warehouse.script(StatementScript.forSql(show).fails(SqlError.of("PARSE_SYNTAX_ERROR",
                "[PARSE_SYNTAX_ERROR] Syntax error at or near 'ALL'.", "42601")));
        String all = "SELECT catalog_name, schema_name FROM system.information_schema.schemata"
                + " WHERE schema_name LIKE 'sal%'";
        warehouse.script(StatementScript.forSql(all).succeeds(Result.jsonRows(
                Column.list("catalog_name STRING", "schema_name STRING"),
                List.of(Result.row("main", "sales"), Result.row("beta", "sales")))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            for (int i = 0; i < 2; i++) {
                assertThat(read(md.getSchemas(null, "sal%")))
                        .containsExactly(List.of("sales", "beta"), List.of("sales", "main"));
            }
        }
        // the server's grammar does not change: the SHOW command is not tried again on this connection
        assertThat(statements(warehouse)).containsExactly(show, all, all);
        noParameters(warehouse);
    }

    @Test
    void withoutSystemViewsEachCatalogIsReadAndThoseWithoutInformationSchemaSkipped(ScriptedWarehouse warehouse)
            throws SQLException {
        String show = "SHOW SCHEMAS IN ALL CATALOGS LIKE 's.*'";
        String all = "SELECT catalog_name, schema_name FROM system.information_schema.schemata"
                + " WHERE schema_name LIKE 's\\\\_%'";
        String main = fill(SCHEMATA.formatted("main"), "main", "s\\_%");
        String hive = fill(SCHEMATA.formatted("hive_metastore"), "hive_metastore", "s\\_%");
        warehouse.script(StatementScript.forSql(show).fails(SqlError.of("PARSE_SYNTAX_ERROR",
                "[PARSE_SYNTAX_ERROR] Syntax error at or near 'ALL'.", "42601")));
        warehouse.script(StatementScript.forSql(all).fails(SqlError.of("TABLE_OR_VIEW_NOT_FOUND",
                "The table or view `system`.`information_schema`.`schemata` cannot be found.", "42P01")));
        catalogs(warehouse, "main", "hive_metastore");
        warehouse.script(StatementScript.forSql(main).succeeds(Result.jsonRows(
                Column.list("catalog_name STRING", "schema_name STRING"),
                List.of(Result.row("main", "sales"), Result.row("main", "default")))));
        warehouse.script(StatementScript.forSql(hive).fails(SqlError.of(
                "TABLE_OR_VIEW_NOT_FOUND", "The table or view `hive_metastore`.`information_schema`.`schemata`"
                        + " cannot be found.", "42P01")));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(read(md.getSchemas(null, "s\\_%")))
                    .containsExactly(List.of("default", "main"), List.of("sales", "main"));
            // the connection remembers: the second call goes to the catalogs straight away
            assertThat(read(md.getSchemas(null, "s\\_%"))).hasSize(2);
        }
        // ... and skips the catalog without an information_schema
        assertThat(statements(warehouse)).containsExactly(show, all, "SHOW CATALOGS", main, hive, "SHOW CATALOGS",
                main);
    }

    @Test
    void anEmptyCatalogOrSchemaMeansNoneAndAsksNothing(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(read(md.getSchemas("", null))).isEmpty();
            assertThat(read(md.getTables("", null, null, null))).isEmpty();
            assertThat(read(md.getTables("main", "", null, null))).isEmpty();
            assertThat(read(md.getColumns("main", "", null, null))).isEmpty();
            assertThat(read(md.getPrimaryKeys("", "s", "t"))).isEmpty();
            assertThat(read(md.getFunctions("", null, null))).isEmpty();
        }
        assertThat(statements(warehouse)).isEmpty();
    }

    @Test
    void oneCatalogsSchemasComeFromShowSchemasWithTheJdbcPatternMatchedInTheDriver(ScriptedWarehouse warehouse)
            throws SQLException {
        String sql = "SHOW SCHEMAS IN `main`";
        warehouse.script(StatementScript.forSql(sql).succeeds(Result.jsonRows(
                Column.list("databaseName STRING"), List.of(Result.row("sales"), Result.row("sa_x"),
                        Result.row("other")))));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getSchemas("main", null))).containsExactly(List.of("other", "main"),
                    List.of("sa_x", "main"), List.of("sales", "main"));
            // _ escaped matches only itself; names match ignoring case, as Unity Catalog's names do
            assertThat(read(metaData(c).getSchemas("main", "SA\\_%"))).containsExactly(List.of("sa_x", "main"));
        }
        assertThat(statements(warehouse)).containsExactly(sql, sql);
    }

    private static final List<Column> SHOW_TABLES_COLUMNS = Column.list("namespace STRING", "tableName STRING",
            "isTemporary BOOLEAN", "information STRING", "catalogName STRING", "tableType STRING", "remarks STRING");

    private static List<String> shown(String schema, String table, String type, String remarks) {
        return Result.row(schema, table, "false", null, "main", type, remarks);
    }

    @Test
    void tablesComeFromShowTablesInCatalogWithTheJdbcPatternsMatchedInTheDriverWithCase(ScriptedWarehouse warehouse)
            throws SQLException {
        // the server's patterns admit more (any character for '_', case ignored): the driver narrows as LIKE does
        String show = "SHOW TABLES IN CATALOG `main` SCHEMA LIKE 's.les' LIKE 'ord*'";
        warehouse.script(StatementScript.forSql(show).succeeds(Result.jsonRows(SHOW_TABLES_COLUMNS,
                List.of(shown("sales", "orders", "TABLE", "all orders"), shown("sales", "ORDERS2", "TABLE", null),
                        shown("sa_les", "ordinals", "VIEW", null), shown("s_les", "ord", "VIEW", null)))));
        String all = "SHOW TABLES IN ALL CATALOGS";
        warehouse.script(StatementScript.forSql(all).succeeds(Result.jsonRows(SHOW_TABLES_COLUMNS,
                List.of(shown("sales", "orders", "TABLE", "all orders"), shown("ops", "v", "VIEW", null)))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            // sorted by type first, as JDBC orders getTables
            assertThat(read(md.getTables("main", "s_les", "ord%", null))).containsExactly(
                    tableRow("sales", "orders", "TABLE", "all orders"), tableRow("s_les", "ord", "VIEW", null));
            assertThat(names(md.getTables(null, null, "%", new String[] {"view"}))).containsExactly("v");
        }
        assertThat(statements(warehouse)).containsExactly(show, all);
    }

    @Test
    void tablesMapDatabricksTypesAndFilterOnEitherSpelling(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.forSql("SHOW TABLES IN CATALOG `main`").succeeds(Result.jsonRows(
                SHOW_TABLES_COLUMNS, List.of(shown("sales", "orders", "TABLE", "all orders"),
                        shown("sales", "big_view", "VIEW", null), shown("sales", "ext", "TABLE", null),
                        shown("sales", "mv", "MATERIALIZED_VIEW", null), shown("ops", "audit", "TABLE", null)))));
        // a Databricks type in the filter (MANAGED) is spelt by the view only
        String tables = fill(TABLES.formatted("main"), "main", "%", "%");
        warehouse.script(StatementScript.forSql(tables).succeeds(Result.jsonRows(TABLE_COLUMNS,
                List.of(Result.row("main", "sales", "orders", "MANAGED", "all orders"),
                        Result.row("main", "sales", "big_view", "VIEW", null),
                        Result.row("main", "sales", "ext", "EXTERNAL", null),
                        Result.row("main", "sales", "mv", "MATERIALIZED_VIEW", null),
                        Result.row("main", "ops", "audit", "MANAGED", null)))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(read(md.getTables("main", "%", "%", null))).containsExactly(
                    tableRow("ops", "audit", "TABLE", null), tableRow("sales", "ext", "TABLE", null),
                    tableRow("sales", "orders", "TABLE", "all orders"), tableRow("sales", "big_view", "VIEW", null),
                    tableRow("sales", "mv", "VIEW", null));
            assertThat(names(md.getTables("main", "%", "%", new String[] {"VIEW"})))
                    .containsExactly("big_view", "mv");
            assertThat(names(md.getTables("main", "%", "%", new String[] {"managed"})))
                    .containsExactly("audit", "orders");
            assertThat(names(md.getTables("main", "%", "%", new String[] {"TABLE", "VIEW"}))).hasSize(5);
            assertThat(names(md.getTables("main", "%", "%", new String[0]))).isEmpty();
        }
        assertThat(statements(warehouse)).containsOnly("SHOW TABLES IN CATALOG `main`", tables);
    }

    private static List<Object> tableRow(String schema, String name, String type, String remarks) {
        return Arrays.asList("main", schema, name, type, remarks, null, null, null, null, null);
    }

    private static List<String> names(ResultSet rs) throws SQLException {
        List<String> names = new ArrayList<>();
        for (List<Object> row : read(rs)) {
            names.add((String) row.get(2));
        }
        return names;
    }

    @Test
    void tablePatternsTravelVerbatimWithTheirEscapesAsLiterals(ScriptedWarehouse warehouse) throws SQLException {
        String sql = "SELECT table_catalog, table_schema, table_name, table_type, comment FROM"
                + " `m``a'in`.information_schema.tables WHERE table_catalog = 'm`a\\'in'"
                + " AND table_schema LIKE 'my\\\\_schema' AND table_name LIKE 'o\\'rders%\\\\\\u0024{x}'";
        warehouse.script(StatementScript.forSql(sql).succeeds(Result.empty(TABLE_COLUMNS)));
        // in SHOW's pattern every character but letters and digits is any character
        String show = "SHOW TABLES IN CATALOG `m``a'in` SCHEMA LIKE 'my.schema' LIKE 'o.rders*..x.'";
        warehouse.script(StatementScript.forSql(show).succeeds(Result.empty(SHOW_TABLES_COLUMNS)));
        try (Connection c = open(warehouse)) {
            read(metaData(c).getTables("m`a'in", "my\\_schema", "o'rders%\\${x}", new String[] {"MANAGED"}));
            read(metaData(c).getTables("m`a'in", "my\\_schema", "o'rders%\\${x}", null));
        }
        assertThat(statements(warehouse)).containsExactly(sql, show);
        noParameters(warehouse);
    }

    @Test
    void columnsAreDescribedByTheTypeTableAndNumberedFromOne(ScriptedWarehouse warehouse) throws SQLException {
        String columns = fill(COLUMNS.formatted("main"), "main", "sales", "orders");
        warehouse.script(StatementScript.forSql(columns).succeeds(Result.jsonRows(COLUMN_COLUMNS,
                List.of(Result.row("main", "sales", "orders", "amount", "3", "YES", "decimal(10,2)", "DECIMAL",
                                "net amount", null, "NO", "NEVER"),
                        Result.row("main", "sales", "orders", "id", "1", "NO", "bigint", "BIGINT", null, null,
                                "YES", "ALWAYS"),
                        Result.row("main", "sales", "orders", "tags", "4", "YES", "array<string>", "ARRAY", null,
                                null, "NO", "NEVER"),
                        Result.row("main", "sales", "orders", "note", "2", "YES", "string", "STRING", null,
                                "'none'", "NO", "NEVER")))));
        List<List<Object>> rows;
        try (Connection c = open(warehouse)) {
            rows = read(metaData(c).getColumns("main", "sales", "orders", "%"));
        }
        assertThat(rows).extracting(r -> r.get(3)).containsExactly("id", "note", "amount", "tags");
        assertThat(rows.get(0)).containsExactly("main", "sales", "orders", "id", Types.BIGINT, "BIGINT", 19, null, 0,
                10, DatabaseMetaData.columnNoNulls, null, null, null, null, null, 1, "NO", null, null, null, null,
                "YES", "YES");
        assertThat(rows.get(1)).containsExactly("main", "sales", "orders", "note", Types.VARCHAR, "STRING", 255,
                null, null, null, DatabaseMetaData.columnNullable, null, "'none'", null, null, 1020, 2, "YES", null,
                null, null, null, "NO", "NO");
        assertThat(rows.get(2)).containsExactly("main", "sales", "orders", "amount", Types.DECIMAL, "DECIMAL", 10,
                null, 2, 10, DatabaseMetaData.columnNullable, "net amount", null, null, null, null, 3, "YES", null,
                null, null, null, "NO", "NO");
        // JSON text by default (EnableComplexDatatypeSupport=0), as the connection's result sets present it
        assertThat(rows.get(3).subList(4, 7)).containsExactly(Types.VARCHAR, "ARRAY<STRING>", 255);
        assertThat(statements(warehouse)).contains(columns);
        try (Connection c = new SluiceDriver().connect(warehouse.jdbcUrl("wh1")
                + ";EnableArrow=0;EnableComplexDatatypeSupport=1", new Properties())) {
            // the column pattern is applied after numbering: "note" keeps position 2
            rows = read(metaData(c).getColumns("main", "sales", "orders", "%o%"));
        }
        assertThat(rows).extracting(r -> r.get(3) + "@" + r.get(16)).containsExactly("note@2", "amount@3");
        try (Connection c = new SluiceDriver().connect(warehouse.jdbcUrl("wh1")
                + ";EnableArrow=0;EnableComplexDatatypeSupport=1", new Properties())) {
            rows = read(metaData(c).getColumns("main", "sales", "orders", "tags"));
        }
        assertThat(rows.get(0).subList(4, 7)).containsExactly(Types.ARRAY, "ARRAY<STRING>", 255);
    }

    @Test
    void columnsOfEveryCatalogAreSortedByCatalogSchemaTableAndPosition(ScriptedWarehouse warehouse)
            throws SQLException {
        catalogs(warehouse, "zeta", "alpha");
        String zeta = fill(COLUMNS.formatted("zeta"), "zeta", "s", "%");
        String alpha = fill(COLUMNS.formatted("alpha"), "alpha", "s", "%");
        warehouse.script(StatementScript.forSql(zeta).succeeds(Result.jsonRows(COLUMN_COLUMNS,
                List.of(Result.row("zeta", "s", "t", "b", "2", "YES", "int", "INT", null, null, "NO", "NEVER"),
                        Result.row("zeta", "s", "t", "a", "1", "YES", "int", "INT", null, null, "NO", "NEVER")))));
        warehouse.script(StatementScript.forSql(alpha).succeeds(Result.jsonRows(COLUMN_COLUMNS,
                List.of(Result.row("alpha", "s", "u", "x", "1", "YES", "int", "INT", null, null, "NO", "NEVER")))));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getColumns(null, "s", "%", "%")))
                    .extracting(r -> r.get(0) + "." + r.get(2) + "." + r.get(3))
                    .containsExactly("alpha.u.x", "zeta.t.a", "zeta.t.b");
        }
    }

    @Test
    void primaryKeysAreNumberedFromOneInKeyOrderAndSortedByColumnName(ScriptedWarehouse warehouse)
            throws SQLException {
        warehouse.script(StatementScript.forSql(USERS_KEY).succeeds(Result.jsonRows(
                Column.list("table_catalog STRING", "table_schema STRING", "table_name STRING", "column_name STRING",
                        "constraint_name STRING", "ordinal_position INT"),
                List.of(Result.row("main", "features", "users", "ts", "users_pk", "1"),
                        Result.row("main", "features", "users", "user_id", "users_pk", "0")))));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getPrimaryKeys("main", "features", "users"))).containsExactly(
                    List.of("main", "features", "users", "ts", (short) 2, "users_pk"),
                    List.of("main", "features", "users", "user_id", (short) 1, "users_pk"));
        }
        assertThat(statements(warehouse)).containsExactly(USERS_KEY);
        noParameters(warehouse);
    }

    @Test
    void noConstraintViewsMeansNoKeys(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.forSql(USERS_KEY).fails(SqlError.of("TABLE_OR_VIEW_NOT_FOUND",
                "The table or view `main`.`information_schema`.`table_constraints` cannot be found.", "42P01")));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getPrimaryKeys("main", "features", "users"))).isEmpty();
        }
        assertThat(statements(warehouse)).containsExactly(USERS_KEY);
    }

    @Test
    void importedAndExportedKeysNarrowTheirSideAndMapRules(ScriptedWarehouse warehouse) throws SQLException {
        Result keys = Result.jsonRows(Column.list("pc STRING", "ps STRING", "pt STRING", "pcol STRING", "fc STRING",
                        "fs STRING", "ft STRING", "fcol STRING", "pos INT", "upd STRING", "del STRING",
                        "fk STRING", "pk STRING"),
                List.of(Result.row("main", "s", "users", "region", "main", "s", "orders", "user_region", "2",
                                "NO ACTION", "CASCADE", "orders_users_fk", "users_pk"),
                        Result.row("main", "s", "users", "id", "main", "s", "orders", "user_id", "1", "NO ACTION",
                                "NO ACTION", "orders_users_fk", "users_pk")));
        String imported = foreignKeys("s", "orders", null, null);
        String exported = foreignKeys(null, null, "s", "users");
        warehouse.script(StatementScript.forSql(imported).succeeds(keys));
        warehouse.script(StatementScript.forSql(exported).succeeds(keys));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            List<List<Object>> rows = read(md.getImportedKeys("main", "s", "orders"));
            assertThat(rows).containsExactly(
                    List.of("main", "s", "users", "id", "main", "s", "orders", "user_id", (short) 1,
                            (short) DatabaseMetaData.importedKeyNoAction, (short) DatabaseMetaData.importedKeyNoAction,
                            "orders_users_fk", "users_pk", (short) DatabaseMetaData.importedKeyNotDeferrable),
                    List.of("main", "s", "users", "region", "main", "s", "orders", "user_region", (short) 2,
                            (short) DatabaseMetaData.importedKeyNoAction, (short) DatabaseMetaData.importedKeyCascade,
                            "orders_users_fk", "users_pk", (short) DatabaseMetaData.importedKeyNotDeferrable));
            assertThat(read(md.getExportedKeys("main", "s", "users"))).isEqualTo(rows);
            assertThat(read(md.getCrossReference("main", "s", "users", "other", "s", "orders"))).isEmpty();
        }
        assertThat(statements(warehouse)).containsExactly(imported, exported);
    }

    @Test
    void crossReferenceNarrowsBothSides(ScriptedWarehouse warehouse) throws SQLException {
        String sql = foreignKeys("t", "orders", "s", "users");
        warehouse.script(StatementScript.forSql(sql).succeeds(Result.empty(Column.list("x STRING"))));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getCrossReference(null, "s", "users", "main", "t", "orders"))).isEmpty();
        }
        assertThat(statements(warehouse)).containsExactly(sql);
    }

    private static final String UC_TABLES = "/api/2.1/unity-catalog/tables/";
    static final String ORDERS_JSON = """
            {"name": "orders", "catalog_name": "main", "schema_name": "s", "full_name": "main.s.orders",
             "table_type": "MANAGED", "data_source_format": "DELTA",
             "columns": [
              {"name": "id", "type_text": "bigint", "type_name": "LONG", "position": 0, "nullable": false,
               "type_json": "{\\"name\\":\\"id\\",\\"type\\":\\"long\\",\\"nullable\\":false,\
            \\"metadata\\":{\\"delta.identity.start\\":1}}"},
              {"name": "note", "type_text": "string", "type_name": "STRING", "position": 1, "nullable": true,
               "comment": "free text",
               "type_json": "{\\"name\\":\\"note\\",\\"type\\":\\"string\\",\\"nullable\\":true,\
            \\"metadata\\":{\\"CURRENT_DEFAULT\\":\\"'none'\\"}}"},
              {"name": "user_id", "type_text": "bigint", "type_name": "LONG", "position": 2, "nullable": true}],
             "table_constraints": [
              {"primary_key_constraint": {"name": "orders_pk", "child_columns": ["id"]}},
              {"foreign_key_constraint": {"name": "orders_users_fk", "child_columns": ["user_id"],
               "parent_table": "main.s.users", "parent_columns": ["id"]}}]}
            """;
    static final String USERS_JSON = """
            {"name": "users", "catalog_name": "main", "schema_name": "s", "full_name": "main.s.users",
             "table_type": "MANAGED", "columns": [{"name": "id", "type_text": "bigint", "type_name": "LONG",
             "position": 0, "nullable": false}],
             "table_constraints": [{"primary_key_constraint": {"name": "users_pk", "child_columns": ["id"]}}]}
            """;

    @Test
    void aTableNamedExactlyIsReadFromUnityCatalogRestWithoutSql(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.on(Endpoint.OTHER).when(r -> r.path().equalsIgnoreCase(UC_TABLES + "main.s.orders")).always()
                .reply(HttpReply.of(200, ORDERS_JSON));
        warehouse.on(Endpoint.OTHER).when(r -> r.path().equals(UC_TABLES + "main.s.users")).always()
                .reply(HttpReply.of(200, USERS_JSON));
        warehouse.on(Endpoint.OTHER).when(r -> r.path().equals(UC_TABLES + "main.s.gone")).always()
                .reply(HttpReply.error(404, "TABLE_DOES_NOT_EXIST", "Table 'main.s.gone' does not exist."));
        warehouse.on(Endpoint.OTHER).when(r -> r.path().equals(UC_TABLES + "main.s.notes")).always()
                .reply(HttpReply.of(200, USERS_JSON.replace("users", "notes").replace(
                        "{\"primary_key_constraint\": {\"name\": \"notes_pk\", \"child_columns\": [\"id\"]}}",
                        "")));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            List<List<Object>> columns = read(md.getColumns("main", "s", "orders", null));
            assertThat(columns.get(0)).containsExactly("main", "s", "orders", "id", Types.BIGINT, "BIGINT", 19, null,
                    0, 10, DatabaseMetaData.columnNoNulls, null, null, null, null, null, 1, "NO", null, null, null,
                    null, "YES", "NO");
            assertThat(columns.get(1)).containsExactly("main", "s", "orders", "note", Types.VARCHAR, "STRING", 255,
                    null, null, null, DatabaseMetaData.columnNullable, "free text", "'none'", null, null, 1020, 2,
                    "YES", null, null, null, null, "NO", "NO");
            assertThat(columns).extracting(r -> r.get(3) + "@" + r.get(16)).containsExactly("id@1", "note@2",
                    "user_id@3");
            // the column pattern applies after numbering, as on the SQL path
            assertThat(read(md.getColumns("main", "s", "orders", "%id"))).extracting(r -> r.get(3) + "@" + r.get(16))
                    .containsExactly("id@1", "user_id@3");
            assertThat(read(md.getColumns("main", "s", "Orders", null))).isEmpty(); // LIKE compares with case
            assertThat(read(md.getPrimaryKeys("main", "s", "orders")))
                    .containsExactly(List.of("main", "s", "orders", "id", (short) 1, "orders_pk"));
            List<Object> key = List.of("main", "s", "users", "id", "main", "s", "orders", "user_id", (short) 1,
                    (short) DatabaseMetaData.importedKeyNoAction, (short) DatabaseMetaData.importedKeyNoAction,
                    "orders_users_fk", "users_pk", (short) DatabaseMetaData.importedKeyNotDeferrable);
            assertThat(read(md.getImportedKeys("main", "s", "orders"))).containsExactly(key);
            assertThat(read(md.getCrossReference("main", "s", "users", "main", "s", "orders"))).containsExactly(key);
            assertThat(read(md.getCrossReference("main", "s", "other", "main", "s", "orders"))).isEmpty();
            assertThat(read(md.getPrimaryKeys("main", "s", "gone"))).isEmpty();
            // no primary key (or no table): nothing can reference it, so no exported keys and no SQL
            assertThat(read(md.getExportedKeys("main", "s", "gone"))).isEmpty();
            assertThat(read(md.getExportedKeys("main", "s", "notes"))).isEmpty();
        }
        assertThat(statements(warehouse)).isEmpty();
    }

    @Test
    void withoutUnityCatalogRestTheConnectionReadsInformationSchemaAndStopsAsking(ScriptedWarehouse warehouse)
            throws SQLException {
        // the scripted server answers unknown paths 404 ENDPOINT_NOT_FOUND, as a server without the API would
        warehouse.script(StatementScript.forSql(ORDERS_KEY).succeeds(Result.jsonRows(
                Column.list("table_catalog STRING", "table_schema STRING", "table_name STRING", "column_name STRING",
                        "constraint_name STRING", "ordinal_position INT"),
                List.<List<String>>of(Result.row("main", "s", "orders", "id", "orders_pk", "1")))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            for (int i = 0; i < 2; i++) {
                assertThat(read(md.getPrimaryKeys("main", "s", "orders")))
                        .containsExactly(List.of("main", "s", "orders", "id", (short) 1, "orders_pk"));
            }
        }
        assertThat(warehouse.requestsTo(UC_TABLES + ".*")).hasSize(1);
        assertThat(statements(warehouse)).containsExactly(ORDERS_KEY, ORDERS_KEY);
    }

    @Test
    void aFailedRestCallFallsBackForThatCallOnly(ScriptedWarehouse warehouse) throws SQLException {
        // the most recent intercept wins: the first call gets the 400, the next the 403
        warehouse.on(Endpoint.OTHER).when(r -> r.path().startsWith(UC_TABLES)).always()
                .reply(HttpReply.error(403, "PERMISSION_DENIED", "no access to the API"));
        warehouse.on(Endpoint.OTHER).when(r -> r.path().startsWith(UC_TABLES)).times(1)
                .reply(HttpReply.error(400, "INVALID_PARAMETER_VALUE", "bad name"));
        warehouse.script(StatementScript.forSql(ORDERS_KEY).succeeds(Result.empty(Column.list("x STRING"))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            for (int i = 0; i < 3; i++) {
                assertThat(read(md.getPrimaryKeys("main", "s", "orders"))).isEmpty();
            }
        }
        // 400: this call on SQL; 403: every later call on SQL without asking
        assertThat(warehouse.requestsTo(UC_TABLES + ".*")).hasSize(2);
        assertThat(statements(warehouse)).containsExactly(ORDERS_KEY, ORDERS_KEY, ORDERS_KEY);
    }

    @Test
    void builtInFunctionsAreListedUnderSystemBuiltinAndAskedForOnce(ScriptedWarehouse warehouse)
            throws SQLException {
        warehouse.script(StatementScript.forSql("SHOW SYSTEM FUNCTIONS").succeeds(Result.jsonRows(
                Column.list("function STRING"), List.of(Result.row("abs"), Result.row("acos"), Result.row("upper")))));
        String routines = "SELECT routine_catalog, routine_schema, routine_name, comment, data_type, specific_name"
                + " FROM `system`.information_schema.routines WHERE routine_type = 'FUNCTION'"
                + " AND routine_catalog = 'system' AND routine_name LIKE 'a%'";
        warehouse.script(StatementScript.forSql(routines).succeeds(Result.empty(Column.list("x STRING"))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(read(md.getFunctions("system", null, "a%"))).containsExactly(
                    java.util.Arrays.asList("system", "builtin", "abs", null,
                            (short) DatabaseMetaData.functionResultUnknown, "abs"),
                    java.util.Arrays.asList("system", "builtin", "acos", null,
                            (short) DatabaseMetaData.functionResultUnknown, "acos"));
            assertThat(read(md.getFunctions("system", "built%", "upper"))).extracting(r -> r.get(2))
                    .containsExactly("upper");
            assertThat(read(md.getFunctions("system", "other", "%"))).isEmpty();
        }
        assertThat(statements(warehouse).stream().filter("SHOW SYSTEM FUNCTIONS"::equals)).hasSize(1);
    }

    @Test
    void functionsOfOneCatalogComeFromShowFunctionsInCatalogNarrowedAsLikeNarrows(ScriptedWarehouse warehouse)
            throws SQLException {
        String show = "SHOW FUNCTIONS IN CATALOG `main` SCHEMA LIKE 'f.' LIKE 'to.*'";
        warehouse.script(StatementScript.forSql(show).succeeds(Result.jsonRows(
                Column.list("catalogName STRING", "namespace STRING", "functionName STRING", "remarks STRING",
                        "functionType SMALLINT", "specificName STRING"),
                List.of(Result.row("main", "f1", "to_eur", "converts", "1", "to_eur"),
                        Result.row("main", "f1", "to_rows", null, "2", null),
                        Result.row("main", "f1", "TO_USD", null, "1", "TO_USD"),
                        Result.row("main", "fx", "toXeur", null, "1", "toXeur"),
                        Result.row("other", "f1", "to_eur", null, "1", "to_eur")))));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getFunctions("main", "f_", "to\\_%"))).containsExactly(
                    Arrays.asList("main", "f1", "to_eur", "converts", (short) DatabaseMetaData.functionNoTable,
                            "to_eur"),
                    Arrays.asList("main", "f1", "to_rows", null, (short) DatabaseMetaData.functionReturnsTable,
                            "to_rows"));
        }
        assertThat(statements(warehouse)).containsExactly(show);
    }

    @Test
    void functionsAndTheirParametersFromRoutines(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.forSql("SHOW FUNCTIONS IN CATALOG `main` SCHEMA LIKE 'f'")
                .fails(SqlError.of("PARSE_SYNTAX_ERROR", "[PARSE_SYNTAX_ERROR] Syntax error at or near 'IN'.",
                        "42601")));
        String functions = "SELECT routine_catalog, routine_schema, routine_name, comment, data_type, specific_name"
                + " FROM `main`.information_schema.routines WHERE routine_type = 'FUNCTION'"
                + " AND routine_catalog = 'main' AND routine_schema LIKE 'f'";
        String parameters = "SELECT r.routine_catalog, r.routine_schema, r.routine_name, p.parameter_name,"
                + " p.parameter_mode, p.data_type, p.numeric_precision, p.numeric_scale, p.comment, p.ordinal_position,"
                + " r.specific_name FROM `main`.information_schema.routines AS r JOIN"
                + " `main`.information_schema.parameters AS p ON p.specific_catalog = r.specific_catalog"
                + " AND p.specific_schema = r.specific_schema AND p.specific_name = r.specific_name"
                + " WHERE r.routine_type = 'FUNCTION' AND r.routine_catalog = 'main' AND r.routine_schema LIKE 'f'";
        warehouse.script(StatementScript.forSql(functions).succeeds(Result.jsonRows(
                Column.list("c STRING", "s STRING", "n STRING", "comment STRING", "dt STRING", "sn STRING"),
                List.of(Result.row("main", "f", "to_eur", "converts", "DECIMAL", "to_eur"),
                        Result.row("main", "f", "explode_all", null, "TABLE", "explode_all")))));
        warehouse.script(StatementScript.forSql(parameters).succeeds(Result.jsonRows(
                Column.list("c STRING", "s STRING", "n STRING", "p STRING", "m STRING", "dt STRING", "np INT",
                        "ns INT", "comment STRING", "pos INT", "sn STRING"),
                List.of(Result.row("main", "f", "to_eur", "amount", "IN", "DECIMAL", "12", "2", "in dollars", "1",
                        "to_eur")))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(read(md.getFunctions("main", "f", "%"))).containsExactly(
                    Arrays.asList("main", "f", "explode_all", null, (short) DatabaseMetaData.functionReturnsTable,
                            "explode_all"),
                    Arrays.asList("main", "f", "to_eur", "converts", (short) DatabaseMetaData.functionNoTable,
                            "to_eur"));
            List<List<Object>> params = read(md.getFunctionColumns("main", "f", "%", null));
            assertThat(params).containsExactly(Arrays.asList("main", "f", "to_eur", "amount",
                    (short) DatabaseMetaData.functionColumnIn, Types.DECIMAL, "DECIMAL", 12, null, (short) 2,
                    (short) 10, (short) DatabaseMetaData.functionNullable, "in dollars", null, 1, "YES", "to_eur"));
        }
        assertThat(statements(warehouse)).contains(functions, parameters);
        noParameters(warehouse);
    }

    @Test
    void tablePrivilegesFromTheInformationSchema(ScriptedWarehouse warehouse) throws SQLException {
        String sql = "SELECT table_catalog, table_schema, table_name, grantor, grantee, privilege_type, is_grantable"
                + " FROM `main`.information_schema.table_privileges WHERE table_catalog = 'main'"
                + " AND table_schema LIKE 's'";
        warehouse.script(StatementScript.forSql(sql).succeeds(Result.jsonRows(Column.list("c STRING", "s STRING",
                        "t STRING", "gr STRING", "ge STRING", "p STRING", "g STRING"),
                List.of(Result.row("main", "s", "t", "admin", "analysts", "SELECT", "NO"),
                        Result.row("main", "s", "t", "admin", "analysts", "MODIFY", "NO")))));
        try (Connection c = open(warehouse)) {
            assertThat(read(metaData(c).getTablePrivileges("main", "s", null)))
                    .extracting(r -> r.get(5)).containsExactly("MODIFY", "SELECT");
        }
        assertThat(statements(warehouse)).containsExactly(sql);
    }

    @Test
    void aViewTheServerDoesNotHaveIsNotAskedForAgainOnTheConnection(ScriptedWarehouse warehouse)
            throws SQLException {
        String sql = "SELECT table_catalog, table_schema, table_name, grantor, grantee, privilege_type, is_grantable"
                + " FROM `main`.information_schema.table_privileges WHERE table_catalog = 'main'"
                + " AND table_schema LIKE 's'";
        warehouse.script(StatementScript.forSql(sql).fails(SqlError.of("TABLE_OR_VIEW_NOT_FOUND",
                "The table or view `main`.`information_schema`.`table_privileges` cannot be found.", "42P01")));
        String other = sql.replace("`main`", "`other`").replace("'main'", "'other'");
        warehouse.script(StatementScript.forSql(other).fails(SqlError.of("NO_SUCH_CATALOG_EXCEPTION",
                "Catalog 'other' was not found.", "42704")));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            for (int i = 0; i < 2; i++) {
                assertThat(read(md.getTablePrivileges("main", "s", null))).isEmpty();
                assertThat(read(md.getTablePrivileges("other", "s", null))).isEmpty();
            }
        }
        // the missing view once; the missing catalog each time (it may be created meanwhile)
        assertThat(statements(warehouse)).containsExactly(sql, other, other);
    }

    @Test
    void failuresOfTheConnectionItselfPropagate(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.forSql("SHOW TABLES IN CATALOG `main`").rejects(HttpReply.forbidden()));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThatThrownBy(() -> md.getTables("main", "%", "%", null)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("28"));
            c.close();
            assertThatThrownBy(() -> md.getColumns("main", "%", "%", "%")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
        }
    }

    @Test
    void productVersionAndUserComeFromTheServerOnce(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.forSql("SELECT version()").succeeds(Result.jsonRows(
                Column.list("version() STRING"), List.of(Result.row("4.2.0 0123456789abcdef")))));
        warehouse.script(StatementScript.forSql("SELECT current_user()").succeeds(Result.jsonRows(
                Column.list("current_user() STRING"), List.of(Result.row("ana@example.com")))));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(md.getDatabaseProductName()).startsWith("SparkSQL");
            assertThat(md.getDatabaseProductVersion()).isEqualTo("4.2.0");
            assertThat(md.getDatabaseMajorVersion()).isEqualTo(4);
            assertThat(md.getDatabaseMinorVersion()).isEqualTo(2);
            assertThat(md.getUserName()).isEqualTo("ana@example.com");
            assertThat(md.getUserName()).isEqualTo("ana@example.com");
        }
        assertThat(statements(warehouse)).containsExactly("SELECT version()", "SELECT current_user()");
    }

    @Test
    void productVersionAndUserFallBackWhenTheServerCannotSay(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.any().fails(SqlError.of("UNRESOLVED_ROUTINE", "no such function", "42883")));
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(md.getDatabaseProductVersion()).isEmpty();
            assertThat(md.getDatabaseMajorVersion()).isZero();
            assertThat(md.getUserName()).isEqualTo("token");
        }
    }

    @Test
    void urlDriverAndDialectFacts(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = metaData(c);
            assertThat(md.getURL()).startsWith("jdbc:databricks://").doesNotContain(ScriptedWarehouse.DEFAULT_TOKEN);
            assertThat(md.getDriverName()).isEqualTo("Sluice");
            assertThat(md.getDriverVersion()).isEqualTo(dev.sluice.jdbc.Version.TEXT);
            assertThat(md.getDriverMajorVersion()).isEqualTo(dev.sluice.jdbc.Version.MAJOR);
            assertThat(md.getIdentifierQuoteString()).isEqualTo("`");
            assertThat(md.getSearchStringEscape()).isEqualTo("\\");
            assertThat(md.getCatalogSeparator()).isEqualTo(".");
            assertThat(md.getCatalogTerm()).isEqualTo("catalog");
            assertThat(md.getSchemaTerm()).isEqualTo("schema");
            assertThat(md.getConnection()).isSameAs(c);
            assertThat(md.isWrapperFor(DatabaseMetaData.class)).isTrue();
            assertThat(md.unwrap(SluiceDatabaseMetaData.class)).isSameAs(md);
            assertThatThrownBy(() -> md.unwrap(Connection.class)).isInstanceOf(SQLException.class);
        }
        assertThat(statements(warehouse)).isEmpty();
    }
}
