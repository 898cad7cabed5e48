package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.dao.catalog.AccessDenied;
import dev.sluice.dao.catalog.Catalog;
import dev.sluice.dao.catalog.CatalogNotFound;
import dev.sluice.dao.catalog.SchemaNotFound;
import dev.sluice.dao.delta.TableNotFound;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.catalog.CatalogInfo;
import dev.sluice.jdbc.catalog.ColumnInfo;
import dev.sluice.jdbc.catalog.FunctionInfo;
import dev.sluice.jdbc.catalog.SchemaInfo;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.catalog.TableOperation;
import dev.sluice.jdbc.catalog.TemporaryCredentials;
import dev.sluice.jdbc.catalog.UnityCatalog;
import dev.sluice.jdbc.catalog.VolumeInfo;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog through Sluice's client, the Catalog DAO and the catalog procedures, against the local warehouse
 * over HTTP: paging over several pages at every level, typed errors for missing objects, what getTable reports, and
 * the credential vending rules.
 */
@ExtendWith(LocalWarehouseExtension.class)
class UnityCatalogTest {

    private final LocalWarehouse warehouse;
    private final RestClient rest;
    private final String catalog = "ucc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private Connection connection;

    UnityCatalogTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @BeforeEach
    void connect() throws SQLException {
        connection = DriverManager.getConnection(warehouse.jdbcUrl());
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String c : List.of(catalog, catalog + "_b", catalog + "_c")) {
                s.execute("DROP CATALOG IF EXISTS " + c + " CASCADE");
            }
        } finally {
            connection.close();
        }
    }

    @Test
    void everyLevelIsReadOverSeveralPages() throws Exception {
        sql("CREATE CATALOG " + catalog, "CREATE CATALOG " + catalog + "_b", "CREATE CATALOG " + catalog + "_c");
        for (String schema : List.of("s1", "s2", "s3")) {
            sql("CREATE SCHEMA " + catalog + "." + schema);
        }
        for (int i = 0; i < 5; i++) {
            sql("CREATE TABLE " + catalog + ".s1.t" + i + " (id BIGINT)");
        }
        for (int i = 0; i < 3; i++) {
            sql("CREATE FUNCTION " + catalog + ".s1.f" + i + "(x BIGINT) RETURNS BIGINT COMMENT 'adds " + i
                    + "' RETURN x + " + i);
        }
        Path volumes = warehouse.warehouseDir().resolve("Volumes").resolve(catalog).resolve("s1");
        for (String v : List.of("v0", "v1", "v2")) {
            Files.createDirectories(volumes.resolve(v));
        }
        Files.writeString(volumes.resolve("not-a-volume.txt"), "files beside volumes are not volumes");

        UnityCatalog uc = connection.unwrap(SluiceWorkspace.class).catalog().withPageSize(2);
        assertThat(uc.listCatalogs().map(CatalogInfo::name).filter(n -> n.startsWith(catalog)))
                .containsExactly(catalog, catalog + "_b", catalog + "_c");
        assertThat(uc.listSchemas(catalog).map(SchemaInfo::name))
                .containsExactly("default", "information_schema", "s1", "s2", "s3");
        assertThat(uc.listTables(catalog, "s1").map(TableInfo::name)).containsExactly("t0", "t1", "t2", "t3", "t4");
        List<FunctionInfo> functions = uc.listFunctions(catalog, "s1").collect(Collectors.toList());
        assertThat(functions).extracting(FunctionInfo::fullName)
                .containsExactly(catalog + ".s1.f0", catalog + ".s1.f1", catalog + ".s1.f2");
        assertThat(functions.get(2).routineBody()).isEqualTo("SQL");
        assertThat(functions.get(2).comment()).isEqualTo("adds 2");
        assertThat(functions.get(2).routineDefinition()).isEqualTo("x + 2");
        List<VolumeInfo> found = uc.listVolumes(catalog, "s1").collect(Collectors.toList());
        assertThat(found).extracting(VolumeInfo::fullName)
                .containsExactly(catalog + ".s1.v0", catalog + ".s1.v1", catalog + ".s1.v2");
        assertThat(found.get(0).storageLocation()).startsWith("file:");

        // the server did page: two items and a token on each level's first page, and tokens are its own
        for (String list : List.of("catalogs?", "schemas?catalog_name=" + catalog + "&",
                "tables?catalog_name=" + catalog + "&schema_name=s1&", "functions?catalog_name=" + catalog
                        + "&schema_name=s1&", "volumes?catalog_name=" + catalog + "&schema_name=s1&")) {
            JsonNode page = rest.get("/api/2.1/unity-catalog/" + list + "max_results=2").body();
            String field = list.substring(0, list.indexOf('?'));
            assertThat(page.path(field).size()).as(list).isEqualTo(2);
            assertThat(page.path("next_page_token").asText()).as(list).isNotEmpty();
        }
        assertThat(rest.get("/api/2.1/unity-catalog/catalogs?max_results=-1").body().path("error_code").asText())
                .isEqualTo("INVALID_PARAMETER_VALUE");
        String tablesToken = rest.get("/api/2.1/unity-catalog/tables?catalog_name=" + catalog
                + "&schema_name=s1&max_results=2").body().path("next_page_token").asText();
        RestClient.Reply foreign = rest.get("/api/2.1/unity-catalog/schemas?catalog_name=" + catalog
                + "&page_token=" + tablesToken);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");

        // the DAO reads every page too, and filters by a LIKE pattern
        Catalog dao = Catalog.over(connection).withPageSize(2);
        assertThat(dao.tables(catalog, "s1", "T_")).hasSize(5);
        assertThat(dao.tables(catalog, "s1", "%3")).extracting(TableInfo::name).containsExactly("t3");
        assertThat(dao.schemas(catalog)).hasSize(5);
        assertThat(dao.schema(catalog, "s2").fullName()).isEqualTo(catalog + ".s2");
        assertThat(dao.catalog(catalog + "_b").name()).isEqualTo(catalog + "_b");
        assertThat(dao.functions(catalog, "s1")).hasSize(3);
        assertThat(dao.volumes(catalog, "s1")).hasSize(3);
        assertThat(dao.catalogs()).extracting(CatalogInfo::name).contains(catalog, catalog + "_b", catalog + "_c");
    }

    @Test
    void missingObjectsAreTypedErrorsKeepingTheServersCode() throws Exception {
        sql("CREATE CATALOG " + catalog, "CREATE TABLE " + catalog + ".default.present (id INT)");
        Catalog dao = Catalog.over(connection);
        assertThatThrownBy(() -> dao.schemas(catalog + "_none")).isInstanceOfSatisfying(CatalogNotFound.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42P08");
            assertThat(e.errorCode()).contains("CATALOG_DOES_NOT_EXIST");
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.getMessage()).contains(catalog + "_none");
        });
        assertThatThrownBy(() -> dao.catalog(catalog + "_none")).isInstanceOf(CatalogNotFound.class);
        assertThatThrownBy(() -> dao.tables(catalog, "nope")).isInstanceOfSatisfying(SchemaNotFound.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42704");
            assertThat(e.errorCode()).contains("SCHEMA_DOES_NOT_EXIST");
        });
        assertThatThrownBy(() -> dao.table(catalog + ".default.absent")).isInstanceOfSatisfying(TableNotFound.class,
                e -> {
                    assertThat(e.getSQLState()).isEqualTo("42P01");
                    assertThat(e.errorClass()).contains("TABLE_DOES_NOT_EXIST");
                });
        assertThatThrownBy(() -> dao.table(catalog + ".nope.absent")).isInstanceOf(SchemaNotFound.class);
        assertThatThrownBy(() -> dao.schema(catalog, "nope")).isInstanceOf(SchemaNotFound.class);
        assertThatThrownBy(() -> dao.volumes(catalog, "nope")).isInstanceOf(SchemaNotFound.class);
        assertThatThrownBy(() -> dao.functions(catalog + "_none", "default")).isInstanceOf(CatalogNotFound.class);
        assertThatThrownBy(() -> dao.table("default.absent")).isInstanceOf(SQLException.class)
                .extracting("SQLState").isEqualTo("22023");
        assertThat(dao.tableExists(catalog + ".default.present")).isTrue();
        assertThat(dao.tableExists(catalog + ".default.absent")).isFalse();
        assertThat(dao.tableExists(catalog + "_none.default.absent")).isFalse();
        // the client underneath keeps the server's answer as it came
        UnityCatalog uc = connection.unwrap(SluiceWorkspace.class).catalog();
        assertThatThrownBy(() -> uc.getTable(catalog + ".default.absent"))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("TABLE_DOES_NOT_EXIST");
                });
    }

    @Test
    void getTableReportsColumnsTypesPartitionsAndProperties() throws Exception {
        sql("CREATE CATALOG " + catalog, "CREATE TABLE " + catalog + ".default.orders (id BIGINT NOT NULL COMMENT"
                + " 'order key', amount DECIMAL(10,2), tags ARRAY<STRING>, day DATE) PARTITIONED BY (day)"
                + " COMMENT 'all orders' TBLPROPERTIES ('team' = 'sales')");
        long before = System.currentTimeMillis() - 120_000;
        TableInfo t = Catalog.over(connection).table(catalog + ".default.orders");
        assertThat(t.fullName()).isEqualTo(catalog + ".default.orders");
        assertThat(t.tableType()).isEqualTo("MANAGED");
        assertThat(t.dataSourceFormat()).isEqualTo("DELTA");
        assertThat(t.storageLocation()).startsWith("file:");
        assertThat(t.comment()).isEqualTo("all orders");
        assertThat(t.owner()).isNotBlank();
        assertThat(t.tableId()).isNotBlank();
        assertThat(t.properties()).containsEntry("team", "sales");
        assertThat(t.createdAt()).isAfter(Instant.ofEpochMilli(before));
        assertThat(t.updatedAt()).isNotNull();
        assertThat(t.columns()).extracting(ColumnInfo::name).containsExactly("id", "amount", "tags", "day");
        assertThat(t.columns()).extracting(ColumnInfo::position).containsExactly(0, 1, 2, 3);
        ColumnInfo id = t.columns().get(0);
        assertThat(id.typeText()).isEqualTo("bigint");
        assertThat(id.typeName()).isEqualTo("LONG");
        assertThat(id.nullable()).isFalse();
        assertThat(id.comment()).isEqualTo("order key");
        ColumnInfo amount = t.columns().get(1);
        assertThat(amount.typeName()).isEqualTo("DECIMAL");
        assertThat(amount.precision()).isEqualTo(10);
        assertThat(amount.scale()).isEqualTo(2);
        assertThat(amount.nullable()).isTrue();
        assertThat(t.columns().get(2).typeText()).isEqualTo("array<string>");
        assertThat(t.partitionColumns()).as(t.columns().toString()).containsExactly("day");
        assertThat(t.columns().get(3).partitionIndex()).isZero();
    }

    @Test
    void proceduresListAndDescribeTablesThroughJdbcCall() throws Exception {
        sql("CREATE CATALOG " + catalog, "CREATE SCHEMA " + catalog + ".shop",
                "CREATE TABLE " + catalog + ".shop.orders (id BIGINT COMMENT 'key', total DOUBLE)",
                "CREATE TABLE " + catalog + ".shop.order_lines (order_id BIGINT)",
                "CREATE TABLE " + catalog + ".shop.customers (id BIGINT)");
        List<String> names = new ArrayList<>();
        try (CallableStatement cs = connection.prepareCall("{call sluice.catalog_list_tables(?, ?, ?)}")) {
            cs.setString(1, catalog);
            cs.setString(2, "shop");
            cs.setString(3, "order%");
            try (ResultSet rs = cs.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString("table_name"));
                    assertThat(rs.getString("table_catalog")).isEqualTo(catalog);
                    assertThat(rs.getString("table_type")).isEqualTo("MANAGED");
                    assertThat(rs.getString("data_source_format")).isEqualTo("DELTA");
                    assertThat(rs.getTimestamp("created_at")).isNotNull();
                }
            }
        }
        assertThat(names).containsExactly("order_lines", "orders");
        try (CallableStatement cs = connection.prepareCall("{call sluice.catalog_get_table(?)}")) {
            cs.setString(1, catalog + ".shop.orders");
            try (ResultSet rs = cs.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("full_name")).isEqualTo(catalog + ".shop.orders");
                assertThat(rs.getString("column_name")).isEqualTo("id");
                assertThat(rs.getString("type_text")).isEqualTo("bigint");
                assertThat(rs.getString("comment")).isEqualTo("key");
                assertThat(rs.getInt("position")).isZero();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("column_name")).isEqualTo("total");
                assertThat(rs.getString("type_name")).isEqualTo("DOUBLE");
                assertThat(rs.next()).isFalse();
            }
        }
        try (CallableStatement cs = connection.prepareCall("{call sluice.catalog_list_tables(?, ?)}")) {
            cs.setString(1, catalog);
            cs.setString(2, "missing");
            assertThatThrownBy(cs::executeQuery).isInstanceOf(SchemaNotFound.class)
                    .extracting("SQLState").isEqualTo("42704");
        }
        assertThat(connection.isValid(10)).isTrue();
    }

    @Test
    void credentialsAreVendedReadOnlyForManagedTablesAndReadWriteForExternalOnes() throws Exception {
        Path external = warehouse.warehouseDir().resolve("tables").resolve(catalog + "_ext");
        sql("CREATE CATALOG " + catalog, "CREATE TABLE " + catalog + ".default.managed (id INT)",
                "CREATE TABLE " + catalog + ".default.ext (id INT) USING delta LOCATION '" + external + "'",
                "CREATE VIEW " + catalog + ".default.v AS SELECT 1 AS one");
        Catalog dao = Catalog.over(connection);

        TemporaryCredentials read = dao.credentials(catalog + ".default.managed", TableOperation.READ);
        TableInfo managed = dao.table(catalog + ".default.managed");
        assertThat(read.kind()).isEqualTo(TemporaryCredentials.Kind.LOCAL);
        assertThat(read.url()).isEqualTo(managed.storageLocation()).startsWith("file:");
        String token = read.secret("token").orElseThrow();
        assertThat(read.toString()).doesNotContain(token);
        assertThat(read.expirationTime()).isBetween(Instant.now().plus(Duration.ofMinutes(50)),
                Instant.now().plus(Duration.ofMinutes(70)));
        TemporaryCredentials again = dao.credentials(managed, TableOperation.READ);
        assertThat(again.secret("token").orElseThrow()).isNotEqualTo(token).isNotBlank();

        assertThatThrownBy(() -> dao.credentials(managed, TableOperation.READ_WRITE))
                .isInstanceOfSatisfying(AccessDenied.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42501");
                    assertThat(e.errorCode()).contains("INVALID_PARAMETER_VALUE");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("cannot be written from outside of Databricks Compute"
                            + " Environment due to its kind being TABLE_DELTA");
                });

        TemporaryCredentials write = dao.credentials(catalog + ".default.ext", TableOperation.READ_WRITE);
        assertThat(write.operation()).isEqualTo(TableOperation.READ_WRITE);
        assertThat(Path.of(java.net.URI.create(write.url()))).isEqualTo(external);

        // the wire: 2.0 answers like 2.1, unknown ids are 404, views get nothing, the guard holds
        String body = "{\"table_id\":\"" + managed.tableId() + "\",\"operation\":\"READ\"}";
        RestClient.Reply v20 = rest.post("/api/2.0/unity-catalog/temporary-table-credentials", body);
        assertThat(v20.status()).isEqualTo(200);
        assertThat(v20.body().path("url").asText()).isEqualTo(managed.storageLocation());
        assertThat(v20.body().path("expiration_time").asLong()).isGreaterThan(System.currentTimeMillis());
        RestClient.Reply unknown = rest.post("/api/2.1/unity-catalog/temporary-table-credentials",
                "{\"table_id\":\"" + UUID.randomUUID() + "\",\"operation\":\"READ\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error_code").asText()).isEqualTo("TABLE_DOES_NOT_EXIST");
        String viewId = dao.table(catalog + ".default.v").tableId();
        RestClient.Reply view = rest.post("/api/2.1/unity-catalog/temporary-table-credentials",
                "{\"table_id\":\"" + viewId + "\",\"operation\":\"READ\"}");
        assertThat(view.status()).isEqualTo(400);
        RestClient.Reply badOperation = rest.post("/api/2.1/unity-catalog/temporary-table-credentials",
                "{\"table_id\":\"" + managed.tableId() + "\",\"operation\":\"WRITE\"}");
        assertThat(badOperation.body().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        java.net.http.HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(warehouse.baseUrl()
                                + "/api/2.1/unity-catalog/temporary-table-credentials"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("file:");
    }

    private void sql(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
