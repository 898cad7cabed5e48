package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Unity Catalog semantics: three-level names, SHOW layouts, information_schema and the UC 2.1 REST reads. */
@ExtendWith(LocalWarehouseExtension.class)
class CatalogTest {

    private final RestClient rest;
    private final String catalog = "uc_" + UUID.randomUUID().toString().substring(0, 8);

    CatalogTest(LocalWarehouse warehouse) {
        this.rest = new RestClient(warehouse);
    }

    @Test
    void threeLevelNamesMapOntoSeparateSchemas() {
        sql("CREATE CATALOG " + catalog + " COMMENT 'for tests'");
        sql("CREATE SCHEMA " + catalog + ".sales");
        sql("CREATE TABLE " + catalog + ".sales.orders (id BIGINT, amount DECIMAL(10,2)) COMMENT 'orders'");
        sql("CREATE SCHEMA IF NOT EXISTS main.sales");
        sql("CREATE TABLE main.sales.orders (other STRING)");
        sql("INSERT INTO " + catalog + ".sales.orders VALUES (1, 9.99)");
        // same schema and table names in two catalogs stay apart
        assertThat(rows("SELECT count(*) FROM " + catalog + ".sales.orders")).containsExactly("[\"1\"]");
        assertThat(rows("SELECT count(*) FROM main.sales.orders")).containsExactly("[\"0\"]");
        // quoted names, CTEs and string literals that look like names are left alone
        assertThat(rows("WITH orders AS (SELECT 'main.sales.orders' AS t) SELECT t FROM orders"))
                .containsExactly("[\"main.sales.orders\"]");
        assertThat(rows("SELECT id FROM `" + catalog + "`.`sales`.`orders` o WHERE o.id IN (SELECT id FROM "
                + catalog + ".sales.orders)")).containsExactly("[\"1\"]");
        assertThat(rows("SHOW SCHEMAS IN " + catalog)).contains("[\"default\"]", "[\"sales\"]");
        assertThat(rows("SHOW CATALOGS LIKE '" + catalog + "'")).containsExactly("[\"" + catalog + "\"]");
        assertThat(rows("SHOW TABLES IN " + catalog + ".sales")).containsExactly("[\"sales\",\"orders\",\"false\"]");
        assertThat(rows("SHOW TABLES IN CATALOG " + catalog + " SCHEMA LIKE 'sal*' LIKE 'ord*'"))
                .containsExactly("[\"sales\",\"orders\",\"false\",null,\"" + catalog + "\",\"TABLE\",\"orders\"]");
        assertThat(rows("SELECT column_name, data_type, ordinal_position FROM " + catalog
                + ".information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position"))
                .containsExactly("[\"id\",\"BIGINT\",\"1\"]", "[\"amount\",\"DECIMAL\",\"2\"]");
        assertThat(rows("SELECT table_catalog FROM system.information_schema.tables WHERE table_catalog = '"
                + catalog + "'")).containsExactly("[\"" + catalog + "\"]");
        // filters the warehouse prunes by (equality, LIKE, IN, alias) and ones it cannot (OR) give the same rows
        assertThat(rows("SELECT t.table_name FROM system.information_schema.tables t WHERE t.table_catalog IN ('"
                + catalog + "') AND t.table_schema LIKE 'sal%' AND t.table_name = 'orders'"))
                .containsExactly("[\"orders\"]");
        assertThat(rows("SELECT count(*) FROM " + catalog + ".information_schema.columns WHERE table_schema = 'sales'"
                + " OR table_name = 'orders'")).containsExactly("[\"2\"]");
        assertThat(rows("SELECT count(*) FROM " + catalog + ".information_schema.columns WHERE table_schema = 'Sales'"))
                .containsExactly("[\"0\"]");
        assertThat(rows("DESCRIBE CATALOG " + catalog)).contains("[\"Comment\",\"for tests\"]");
    }

    @Test
    void unityCatalogRestReadsWithPagination() {
        String c = catalog + "_rest";
        sql("CREATE CATALOG " + c);
        for (int i = 0; i < 3; i++) {
            sql("CREATE TABLE " + c + ".default.t" + i + " (id INT COMMENT 'key', name STRING) PARTITIONED BY (id)");
        }
        JsonNode catalogs = rest.get("/api/2.1/unity-catalog/catalogs").body();
        assertThat(catalogs.toString()).contains("\"name\":\"" + c + "\"");
        List<String> names = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = rest.get("/api/2.1/unity-catalog/tables?catalog_name=" + c
                    + "&schema_name=default&max_results=2" + (token.isEmpty() ? "" : "&page_token=" + token)).body();
            page.path("tables").forEach(t -> names.add(t.path("full_name").asText()));
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty());
        assertThat(names).containsExactly(c + ".default.t0", c + ".default.t1", c + ".default.t2");
        JsonNode t = rest.get("/api/2.1/unity-catalog/tables/" + c + ".default.t1").body();
        assertThat(t.path("table_type").asText()).isEqualTo("MANAGED");
        assertThat(t.path("data_source_format").asText()).isEqualTo("DELTA");
        assertThat(t.path("storage_location").asText()).startsWith("file:");
        assertThat(t.path("columns").get(0).path("comment").asText()).isEqualTo("key");
        assertThat(t.path("columns").get(0).path("partition_index").isInt()).isTrue();
        assertThat(t.path("columns").get(0).path("partition_index").asInt()).isZero();
        assertThat(t.path("columns").get(1).has("partition_index")).isFalse();
        assertThat(rest.get("/api/2.1/unity-catalog/tables/" + c + ".default.nope").status()).isEqualTo(404);
        assertThat(rest.get("/api/2.1/unity-catalog/tables/" + c + ".default.t0/exists").body()
                .path("table_exists").asBoolean()).isTrue();
        assertThat(rest.get("/api/2.1/unity-catalog/schemas?catalog_name=nope").status()).isEqualTo(404);
        sql("DROP CATALOG " + c + " CASCADE");
        assertThat(rest.get("/api/2.1/unity-catalog/catalogs/" + c).status()).isEqualTo(404);
    }

    private void sql(String statement) {
        JsonNode r = rest.finished(rest.execute(statement, "").body());
        assertThat(r.path("status").path("state").asText()).as(statement + " -> " + r).isEqualTo("SUCCEEDED");
    }

    private List<String> rows(String statement) {
        JsonNode r = rest.finished(rest.execute(statement, "").body());
        assertThat(r.path("status").path("state").asText()).as(statement + " -> " + r).isEqualTo("SUCCEEDED");
        List<String> out = new ArrayList<>();
        r.path("result").path("data_array").forEach(row -> out.add(row.toString()));
        return out;
    }
}
