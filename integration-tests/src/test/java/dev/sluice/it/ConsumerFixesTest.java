package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What JDBC consumers (HikariCP, Spring, SchemaCrawler) found missing in the local warehouse, at the REST
 * level: views with three-part names in information_schema, USE SCHEMA relative to the current catalog,
 * INSERT counts whatever wraps the INSERT, and the key constraint views.
 */
@ExtendWith(LocalWarehouseExtension.class)
class ConsumerFixesTest {

    private final LocalWarehouse warehouse;
    private final RestClient rest;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    ConsumerFixesTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @Test
    void viewsWithThreePartNamesKeepTheCatalogsColumnsListed() {
        String s = "views_" + suffix;
        sql("CREATE SCHEMA main." + s);
        sql("CREATE TABLE main." + s + ".t (id BIGINT, name STRING)");
        sql("INSERT INTO main." + s + ".t VALUES (1, 'a')");
        sql("CREATE VIEW main." + s + ".v AS SELECT id, upper(name) AS shout FROM main." + s + ".t");
        sql("CREATE VIEW " + s + ".v2 AS SELECT id FROM " + s + ".t");
        assertThat(rows("SELECT * FROM main." + s + ".v")).containsExactly("[\"1\",\"A\"]");

        // the whole catalog is listed, not only this schema: one unreadable view used to fail it all
        assertThat(rows("SELECT count(*) > 0 FROM main.information_schema.columns")).containsExactly("[\"true\"]");
        assertThat(rows("SELECT table_name, column_name, ordinal_position FROM main.information_schema.columns"
                + " WHERE table_schema = '" + s + "' ORDER BY table_name, ordinal_position")).containsExactly(
                "[\"t\",\"id\",\"1\"]", "[\"t\",\"name\",\"2\"]",
                "[\"v\",\"id\",\"1\"]", "[\"v\",\"shout\",\"2\"]", "[\"v2\",\"id\",\"1\"]");
        assertThat(rows("SELECT table_name, table_type FROM main.information_schema.tables WHERE table_schema = '"
                + s + "' ORDER BY table_name")).containsExactly(
                "[\"t\",\"MANAGED\"]", "[\"v\",\"VIEW\"]", "[\"v2\",\"VIEW\"]");
        assertThat(rows("SHOW COLUMNS IN CATALOG main SCHEMA LIKE '" + s + "' TABLE LIKE 'v'"))
                .extracting(r -> r.split(",")[0]).containsExactly("[\"id\"", "[\"shout\"");

        // a view whose table is gone still lists the columns it was created with
        sql("DROP TABLE main." + s + ".t");
        assertThat(rows("SELECT column_name FROM main.information_schema.columns WHERE table_schema = '" + s
                + "' AND table_name = 'v' ORDER BY ordinal_position")).containsExactly("[\"id\"]", "[\"shout\"]");
        sql("DROP SCHEMA main." + s + " CASCADE");
    }

    @Test
    void useSchemaIsRelativeToTheSessionsCatalog() {
        String c = "usecat_" + suffix;
        sql("CREATE CATALOG " + c);
        sql("CREATE SCHEMA " + c + ".sales");
        sql("CREATE TABLE " + c + ".sales.orders AS SELECT 7 AS id");
        String session = rest.post("/api/2.0/sql/sessions", "{\"warehouse_id\":\"" + warehouse.warehouseId() + "\"}")
                .body().path("session_id").asText();
        String in = "\"session_id\":\"" + session + "\"";

        sql("USE CATALOG `" + c + "`", in);
        sql("USE SCHEMA sales", in);
        assertThat(rows("SELECT current_catalog(), current_schema()", in)).containsExactly("[\"" + c + "\",\"sales\"]");
        assertThat(rows("SELECT id FROM orders", in)).containsExactly("[\"7\"]");
        sql("USE SCHEMA `default`", in);
        assertThat(rows("SELECT current_schema()", in)).containsExactly("[\"default\"]");
        sql("USE DATABASE sales", in);
        assertThat(rows("SELECT current_schema()", in)).containsExactly("[\"sales\"]");
        sql("USE SCHEMA main.default", in);
        assertThat(rows("SELECT current_catalog(), current_schema()", in)).containsExactly("[\"main\",\"default\"]");

        sql("USE CATALOG " + c, in);
        JsonNode missing = execute("USE SCHEMA nope", in);
        assertThat(missing.path("status").path("state").asText()).isEqualTo("FAILED");
        assertThat(missing.path("status").path("sql_state").asText()).isEqualTo("42704");
        assertThat(missing.path("status").path("error").path("message").asText())
                .startsWith("[SCHEMA_NOT_FOUND]").contains("`" + c + "`.`nope`");
        rest.delete("/api/2.0/sql/sessions/" + session + "?warehouse_id=" + warehouse.warehouseId());
        sql("DROP CATALOG " + c + " CASCADE");
    }

    @Test
    void insertsReportTheirCountsWhateverWrapsThem() {
        String t = "main.default.counts_" + suffix;
        sql("CREATE TABLE " + t + " (id INT, name STRING)");
        assertThat(rows("INSERT INTO " + t + " VALUES (?, ?)", positional("1", "a")))
                .containsExactly("[\"1\",\"1\"]");
        assertThat(rows("INSERT INTO " + t + " (id, name) VALUES (?, ?), (?, ?), (?, ?)",
                positional("2", "b", "3", null, "4", "d"))).containsExactly("[\"3\",\"3\"]");
        assertThat(rows("INSERT INTO " + t + " VALUES (:id, :name)", named("id", "5", "name", "e")))
                .containsExactly("[\"1\",\"1\"]");
        assertThat(rows("INSERT INTO " + t + " VALUES (:a, 'x'), (:b, 'y')", named("a", "6", "b", "7")))
                .containsExactly("[\"2\",\"2\"]");
        assertThat(rows("WITH src AS (SELECT 8 AS id, 'h' AS name) INSERT INTO " + t + " SELECT * FROM src"))
                .containsExactly("[\"1\",\"1\"]");
        assertThat(rows("/* batch */ INSERT INTO " + t + " SELECT id + 100, name FROM " + t + " WHERE id <= ?",
                positional("2"))).containsExactly("[\"2\",\"2\"]");
        assertThat(rows("SELECT count(*), count(name) FROM " + t)).containsExactly("[\"10\",\"9\"]");

        // Databricks counts only Delta writes; other formats still insert, without counts
        String parquet = "main.default.parquet_" + suffix;
        sql("CREATE TABLE " + parquet + " (id INT) USING parquet");
        assertThat(rows("INSERT INTO " + parquet + " VALUES (?)", positional("1"))).containsExactly("[\"-1\",\"-1\"]");
        assertThat(rows("SELECT count(*) FROM " + parquet)).containsExactly("[\"1\"]");
        sql("DROP TABLE " + parquet);
        sql("DROP TABLE " + t);
    }

    @Test
    void keyConstraintsAreRecordedAndServedByInformationSchema() {
        String s = "keys_" + suffix;
        sql("CREATE SCHEMA main." + s);
        sql("CREATE TABLE main." + s + ".customers (id BIGINT, region STRING, name STRING,"
                + " CONSTRAINT customers_pk PRIMARY KEY (id, region))");
        sql("CREATE TABLE main." + s + ".orders (oid BIGINT PRIMARY KEY, cid BIGINT, creg STRING,"
                + " CONSTRAINT orders_customers FOREIGN KEY (cid, creg) REFERENCES " + s + ".customers (id, region))");
        sql("CREATE TABLE main." + s + ".notes (nid INT NOT NULL, body STRING)");
        sql("ALTER TABLE main." + s + ".notes ADD CONSTRAINT notes_pk PRIMARY KEY (nid)");
        String where = " WHERE table_schema = '" + s + "'";

        assertThat(rows("SELECT constraint_catalog, constraint_schema, constraint_name, table_name, constraint_type,"
                + " enforced FROM main.information_schema.table_constraints" + where + " ORDER BY constraint_name"))
                .containsExactly(
                        "[\"main\",\"" + s + "\",\"customers_pk\",\"customers\",\"PRIMARY KEY\",\"NO\"]",
                        "[\"main\",\"" + s + "\",\"notes_pk\",\"notes\",\"PRIMARY KEY\",\"NO\"]",
                        "[\"main\",\"" + s + "\",\"orders_customers\",\"orders\",\"FOREIGN KEY\",\"NO\"]",
                        "[\"main\",\"" + s + "\",\"orders_pk\",\"orders\",\"PRIMARY KEY\",\"NO\"]");
        assertThat(rows("SELECT constraint_name, column_name, ordinal_position, position_in_unique_constraint"
                + " FROM main.information_schema.key_column_usage" + where
                + " ORDER BY constraint_name, ordinal_position"))
                .containsExactly(
                        "[\"customers_pk\",\"id\",\"1\",null]", "[\"customers_pk\",\"region\",\"2\",null]",
                        "[\"notes_pk\",\"nid\",\"1\",null]",
                        "[\"orders_customers\",\"cid\",\"1\",\"1\"]", "[\"orders_customers\",\"creg\",\"2\",\"2\"]",
                        "[\"orders_pk\",\"oid\",\"1\",null]");
        assertThat(rows("SELECT constraint_name, unique_constraint_catalog, unique_constraint_schema,"
                + " unique_constraint_name, match_option, update_rule, delete_rule"
                + " FROM system.information_schema.referential_constraints WHERE constraint_schema = '" + s + "'"))
                .containsExactly("[\"orders_customers\",\"main\",\"" + s + "\",\"customers_pk\",\"FULL\","
                        + "\"NO ACTION\",\"NO ACTION\"]");
        // key columns are NOT NULL, as Databricks makes them
        assertThat(rows("SELECT is_nullable FROM main.information_schema.columns" + where
                + " AND table_name = 'customers' ORDER BY ordinal_position"))
                .containsExactly("[\"NO\"]", "[\"NO\"]", "[\"YES\"]");

        JsonNode second = execute("ALTER TABLE main." + s + ".notes ADD PRIMARY KEY (body)", "");
        assertThat(second.path("status").path("error").path("message").asText()).startsWith("[MULTIPLE_PRIMARY_KEYS]");
        sql("ALTER TABLE main." + s + ".notes DROP CONSTRAINT notes_pk");
        assertThat(rows("SELECT constraint_name FROM main.information_schema.table_constraints" + where
                + " AND table_name = 'notes'")).isEmpty();
        sql("DROP SCHEMA main." + s + " CASCADE");
    }

    @Test
    void keyViewsExistWhereNoTableHasKeys() {
        String c = "nokeys_" + suffix;
        sql("CREATE CATALOG " + c);
        sql("CREATE TABLE " + c + ".default.plain (x INT)");
        for (String view : List.of("table_constraints", "key_column_usage", "referential_constraints")) {
            assertThat(rows("SELECT count(*) FROM " + c + ".information_schema." + view)).as(view)
                    .containsExactly("[\"0\"]");
        }
        sql("DROP CATALOG " + c + " CASCADE");
    }

    @Test
    void theDriversMetadataSeesKeysAndViewColumns() throws SQLException {
        String s = "jdbckeys_" + suffix;
        sql("CREATE SCHEMA main." + s);
        sql("CREATE TABLE main." + s + ".parent (id BIGINT, CONSTRAINT parent_pk PRIMARY KEY (id))");
        sql("CREATE TABLE main." + s + ".child (cid BIGINT, pid BIGINT,"
                + " CONSTRAINT child_parent FOREIGN KEY (pid) REFERENCES main." + s + ".parent (id))");
        sql("CREATE VIEW main." + s + ".parent_ids AS SELECT id FROM main." + s + ".parent");
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl(warehouse.jdbcUrl());
        try (Connection connection = ds.getConnection()) {
            DatabaseMetaData md = connection.getMetaData();
            assertThat(values(md.getPrimaryKeys("main", s, "parent"), "COLUMN_NAME", "KEY_SEQ", "PK_NAME"))
                    .containsExactly("id 1 parent_pk");
            assertThat(values(md.getImportedKeys("main", s, "child"), "FKCOLUMN_NAME", "PKTABLE_NAME",
                    "PKCOLUMN_NAME", "FK_NAME")).containsExactly("pid parent id child_parent");
            assertThat(values(md.getColumns("main", s, "parent_ids", "%"), "COLUMN_NAME")).containsExactly("id");
        }
        sql("DROP SCHEMA main." + s + " CASCADE");
    }

    private static List<String> values(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(rs.getString(c));
                }
                out.add(String.join(" ", row));
            }
        }
        return out;
    }

    /** Positional parameters 1..n; a null value is a NULL of type STRING, as the driver sends it. */
    private static String positional(String... values) {
        StringBuilder b = new StringBuilder("\"parameters\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"ordinal\":").append(i + 1).append(typeAndValue(values[i]))
                    .append('}');
        }
        return b.append(']').toString();
    }

    /** Named parameters from name, value pairs. */
    private static String named(String... nameValues) {
        StringBuilder b = new StringBuilder("\"parameters\":[");
        for (int i = 0; i < nameValues.length; i += 2) {
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(RestClient.quote(nameValues[i]))
                    .append(typeAndValue(nameValues[i + 1])).append('}');
        }
        return b.append(']').toString();
    }

    /** Digits are INT, anything else STRING. */
    private static String typeAndValue(String value) {
        String type = value != null && value.matches("\\d+") ? "INT" : "STRING";
        return ",\"type\":\"" + type + "\"" + (value == null ? "" : ",\"value\":" + RestClient.quote(value));
    }

    private JsonNode execute(String statement, String extra) {
        return rest.finished(rest.execute(statement, extra).body());
    }

    private void sql(String statement) {
        sql(statement, "");
    }

    private void sql(String statement, String extra) {
        JsonNode r = execute(statement, extra);
        assertThat(r.path("status").path("state").asText()).as(statement + " -> " + r).isEqualTo("SUCCEEDED");
    }

    private List<String> rows(String statement) {
        return rows(statement, "");
    }

    private List<String> rows(String statement, String extra) {
        JsonNode r = execute(statement, extra);
        assertThat(r.path("status").path("state").asText()).as(statement + " -> " + r).isEqualTo("SUCCEEDED");
        List<String> out = new ArrayList<>();
        r.path("result").path("data_array").forEach(row -> out.add(row.toString()));
        return out;
    }
}
