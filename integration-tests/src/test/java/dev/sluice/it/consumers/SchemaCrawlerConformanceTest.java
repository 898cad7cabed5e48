package dev.sluice.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.Schema;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * SchemaCrawler at its maximum info level, which calls every no-argument DatabaseMetaData method and every
 * metadata result set per schema and table, over a schema with two tables and a view.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaCrawlerConformanceTest {
    private final LocalWarehouse warehouse;
    private TestSchema schema;
    private Catalog catalog;

    SchemaCrawlerConformanceTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void crawl() throws SQLException {
        schema = TestSchema.create(warehouse, "crawl");
        schema.execute(
                "CREATE TABLE " + schema.table("customers") + " (id BIGINT NOT NULL, name STRING COMMENT"
                        + " 'display name', tier DECIMAL(5,2)) COMMENT 'who buys'",
                "CREATE TABLE " + schema.table("orders") + " (id BIGINT, customer_id BIGINT, placed TIMESTAMP,"
                        + " tags ARRAY<STRING>)",
                "CREATE VIEW " + schema.table("recent_orders") + " AS SELECT id, placed FROM "
                        + schema.table("orders") + " WHERE placed > TIMESTAMP'2024-01-01 00:00:00'");
        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                .withLimitOptions(LimitOptionsBuilder.builder()
                        .includeSchemas(Pattern.compile(".*" + Pattern.quote(schema.name()) + ".*"))
                        .toOptions())
                .withLoadOptions(LoadOptionsBuilder.builder()
                        .withSchemaInfoLevel(SchemaInfoLevelBuilder.maximum())
                        .toOptions());
        // complex types as objects, so that getColumns reports tags as ARRAY (with the default, JSON text, both
        // getColumns and result sets say VARCHAR)
        schema.dataSource().setEnableComplexDatatypeSupport("1");
        try (Connection c = schema.dataSource().getConnection()) {
            catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(c), options);
        }
    }

    @AfterAll
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    private Table table(String name) {
        return catalog.getTables().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + catalog.getTables()));
    }

    @Test
    void identifiesDatabaseAndDriver() {
        assertThat(catalog.getDatabaseInfo().getProductName()).startsWith("SparkSQL");
        assertThat(catalog.getJdbcDriverInfo().getProductName()).isEqualTo("Sluice");
        assertThat(catalog.getJdbcDriverInfo().getConnectionUrl()).doesNotContain(warehouse.token());
        assertThat(catalog.getDatabaseInfo().getProperties()).isNotEmpty();
    }

    @Test
    void findsTheSchemaInItsCatalog() {
        List<Schema> schemas = List.copyOf(catalog.getSchemas());
        assertThat(schemas).hasSize(1);
        assertThat(schemas.get(0).getCatalogName()).isEqualTo(TestSchema.CATALOG);
        assertThat(schemas.get(0).getName()).isEqualTo(schema.name());
    }

    @Test
    void findsTablesAndTheViewWithTheirTypesAndRemarks() {
        Map<String, String> types = catalog.getTables().stream()
                .collect(Collectors.toMap(Table::getName, t -> t.getTableType().getTableType()));
        assertThat(types).containsOnly(Map.entry("customers", "TABLE"), Map.entry("orders", "TABLE"),
                Map.entry("recent_orders", "VIEW"));
        assertThat(table("recent_orders").getTableType().isView()).isTrue();
        assertThat(table("customers").getRemarks()).isEqualTo("who buys");
    }

    @Test
    void columnsComeInOrderWithTypesSizesNullabilityAndRemarks() {
        List<Column> columns = table("customers").getColumns();
        assertThat(columns).extracting(Column::getName).containsExactly("id", "name", "tier");
        assertThat(columns).extracting(Column::getOrdinalPosition).containsExactly(1, 2, 3);
        Column id = columns.get(0);
        assertThat(id.getColumnDataType().getJavaSqlType().getVendorTypeNumber()).isEqualTo(Types.BIGINT);
        assertThat(id.isNullable()).isFalse();
        Column name = columns.get(1);
        assertThat(name.getColumnDataType().getJavaSqlType().getVendorTypeNumber()).isEqualTo(Types.VARCHAR);
        assertThat(name.isNullable()).isTrue();
        assertThat(name.getRemarks()).isEqualTo("display name");
        Column tier = columns.get(2);
        assertThat(tier.getColumnDataType().getJavaSqlType().getVendorTypeNumber()).isEqualTo(Types.DECIMAL);
        assertThat(tier.getSize()).isEqualTo(5);
        assertThat(tier.getDecimalDigits()).isEqualTo(2);

        List<Column> orders = table("orders").getColumns();
        assertThat(orders).extracting(Column::getName).containsExactly("id", "customer_id", "placed", "tags");
        assertThat(orders.get(2).getColumnDataType().getJavaSqlType().getVendorTypeNumber())
                .isEqualTo(Types.TIMESTAMP);
        assertThat(orders.get(3).getColumnDataType().getJavaSqlType().getVendorTypeNumber()).isEqualTo(Types.ARRAY);
        assertThat(table("recent_orders").getColumns()).extracting(Column::getName).containsExactly("id", "placed");
    }

    @Test
    void knowsTheSystemTypesFromGetTypeInfo() {
        assertThat(catalog.getSystemColumnDataTypes()).extracting(t -> t.getName())
                .contains("BIGINT", "INT", "DECIMAL", "STRING", "TIMESTAMP", "DATE", "BOOLEAN", "ARRAY");
    }

    @Test
    void tablesWithoutConstraintsHaveNoKeysOrIndexes() {
        assertThat(table("orders").hasPrimaryKey()).isFalse();
        assertThat(table("orders").getImportedForeignKeys()).isEmpty();
        assertThat(table("orders").getIndexes()).isEmpty();
    }
}
