package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQL cannot reach the host beyond the warehouse directory and the directory the shared warehouse opens with
 * {@code --allow-path}: every form that reads, writes, loads code or changes where Spark looks fails as
 * Databricks reports a missing privilege (FAILED, INSUFFICIENT_PERMISSIONS, SQLSTATE 42501) naming what was
 * refused, and leaves the host untouched; tables under the warehouse directory work as before.
 */
@ExtendWith(LocalWarehouseExtension.class)
class SqlSandboxTest {

    private static Path outside;
    private static Path victim;

    private final LocalWarehouse warehouse;
    private final RestClient rest;

    SqlSandboxTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    /** A directory beside the data that nobody opened, with a file that must survive every refused statement. */
    @BeforeAll
    static void outsideDirectory(LocalWarehouse warehouse) throws IOException {
        outside = warehouse.warehouseDir().resolveSibling("outside-" + UUID.randomUUID());
        Files.createDirectories(outside);
        victim = outside.resolve("victim.txt");
        Files.writeString(victim, "keep me\n");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("SELECT * FROM text.`/etc/passwd`", "'/etc/passwd'"),
                Arguments.of("SELECT * FROM text.`file:///etc/passwd`", "'file:///etc/passwd'"),
                Arguments.of("SELECT * FROM csv.`{outside}`", "{outside}"),
                Arguments.of("SELECT * FROM json.`{outside}/victim.txt`", "victim.txt"),
                Arguments.of("SELECT * FROM parquet.`{outside}`", "{outside}"),
                Arguments.of("SELECT * FROM delta.`{outside}`", "{outside}"),
                Arguments.of("SELECT * FROM text.`{data}/../outside`", "outside"),
                Arguments.of("CREATE TABLE sandbox_loc (a INT) LOCATION '{outside}/t'", "{outside}/t"),
                Arguments.of("CREATE TABLE sandbox_ctas USING parquet OPTIONS (path '{outside}/c') AS SELECT 1 AS a",
                        "{outside}/c"),
                Arguments.of("CREATE TEMPORARY VIEW sandbox_v USING text OPTIONS (path '{outside}/victim.txt')",
                        "victim.txt"),
                Arguments.of("CREATE SCHEMA sandbox_s LOCATION '{outside}/s'", "{outside}/s"),
                Arguments.of("ALTER TABLE sandbox_ok SET LOCATION '{outside}/t'", "{outside}/t"),
                Arguments.of("ALTER SCHEMA default SET LOCATION '{outside}/s'", "{outside}/s"),
                Arguments.of("INSERT OVERWRITE DIRECTORY '{outside}' USING parquet SELECT 1 AS a", "{outside}"),
                Arguments.of("INSERT OVERWRITE LOCAL DIRECTORY '{outside}' SELECT 1 AS a", "{outside}"),
                Arguments.of("LOAD DATA LOCAL INPATH '{outside}/victim.txt' INTO TABLE sandbox_ok", "victim.txt"),
                Arguments.of("VACUUM '{outside}'", "{outside}"),
                Arguments.of("DESCRIBE DETAIL '{outside}'", "{outside}"),
                Arguments.of("CONVERT TO DELTA parquet.`{outside}`", "{outside}"),
                Arguments.of("ADD JAR '{outside}/x.jar'", "ADD JAR"),
                Arguments.of("ADD FILE '{outside}/victim.txt'", "ADD FILE"),
                Arguments.of("ADD ARCHIVE '{outside}/x.zip'", "ADD ARCHIVE"),
                Arguments.of("CREATE TEMPORARY FUNCTION sandbox_f AS 'org.example.Udf' USING JAR '{outside}/x.jar'",
                        "CREATE FUNCTION with a class name"),
                Arguments.of("CREATE FUNCTION sandbox_g AS 'org.apache.spark.sql.catalyst.expressions.Upper'",
                        "CREATE FUNCTION with a class name"),
                Arguments.of("SELECT reflect('java.lang.System', 'getProperty', 'user.home')", "java.lang.System"),
                Arguments.of("SELECT java_method('java.lang.System', 'getenv', 'HOME')", "java_method()"),
                Arguments.of("SELECT try_reflect('java.lang.Runtime', 'getRuntime')", "try_reflect()"),
                Arguments.of("SELECT upper(reflect('java.util.UUID', 'randomUUID')) FROM range(1)", "java.util.UUID"),
                Arguments.of("CREATE FUNCTION sandbox_h() RETURNS STRING RETURN reflect('java.lang.System',"
                        + " 'getProperty', 'user.home')", "java.lang.System"),
                Arguments.of("CREATE TABLE sandbox_jdbc USING jdbc OPTIONS (url 'jdbc:h2:mem:x', dbtable 't')",
                        "Data source 'jdbc'"),
                Arguments.of("SET spark.sql.catalog.evil = org.example.Catalog", "spark.sql.catalog.evil"),
                Arguments.of("SET spark.sql.extensions = org.example.Ext", "spark.sql.extensions"),
                Arguments.of("SET spark.sql.warehouse.dir = {outside}", "spark.sql.warehouse.dir"),
                Arguments.of("SET spark.sql.sources.default = jdbc", "spark.sql.sources.default"),
                Arguments.of("SET spark.hadoop.fs.file.impl = org.example.Fs", "spark.hadoop.fs.file.impl"),
                Arguments.of("EXPLAIN SELECT * FROM text.`/etc/passwd`", "'/etc/passwd'"),
                Arguments.of("SELECT * FROM IDENTIFIER('text.`{outside}/victim.txt`')", "victim.txt"),
                Arguments.of("INSERT INTO IDENTIFIER('parquet.`{outside}/w`') SELECT 1 AS a", "{outside}/w"),
                Arguments.of("SELECT * FROM (SELECT * FROM text.`/etc/hostname`) t", "'/etc/hostname'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithAPermissionErrorNamingIt(String template, String named) throws IOException {
        rest.execute("CREATE TABLE IF NOT EXISTS sandbox_ok (a INT)", "");
        String sql = fill(template);
        JsonNode r = rest.finished(rest.execute(sql, "\"wait_timeout\":\"30s\"").body());
        assertThat(r.path("status").path("state").asText()).as(sql).isEqualTo("FAILED");
        JsonNode error = r.path("status").path("error");
        assertThat(error.path("message").asText()).as(sql)
                .startsWith("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: ")
                .contains(fill(named))
                .endsWith("SQLSTATE: 42501");
        assertThat(r.path("status").path("sql_state").asText()).isEqualTo("42501");
        assertThat(Files.readString(victim)).isEqualTo("keep me\n");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("victim.txt");
        }
    }

    @Test
    void aPathInAParameterOfAnIdentifierClauseIsRefusedToo() {
        String path = outside.resolve("victim.txt").toString();
        JsonNode r = rest.finished(rest.execute("SELECT * FROM IDENTIFIER(:name)", "\"wait_timeout\":\"30s\","
                + "\"parameters\":[{\"name\":\"name\",\"value\":" + RestClient.quote("text.`" + path + "`") + "}]")
                .body());
        assertThat(r.path("status").path("state").asText()).isEqualTo("FAILED");
        assertThat(r.path("status").path("sql_state").asText()).isEqualTo("42501");
        assertThat(r.path("status").path("error").path("message").asText()).contains(path);
    }

    @Test
    void theSluiceDriverReportsTheRefusalWithSqlState42501() throws SQLException {
        try (Connection c = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM text.`/etc/passwd`"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("INSUFFICIENT_PERMISSIONS")
                    .hasMessageContaining("/etc/passwd")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        }
    }

    @Test
    void tablesUnderTheWarehouseDirectoryWorkAsBefore() throws SQLException {
        try (Connection c = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS sandbox_schema");
            s.execute("CREATE OR REPLACE TABLE sandbox_schema.managed (id BIGINT, name STRING)");
            s.execute("INSERT INTO sandbox_schema.managed VALUES (1, 'a'), (2, 'b')");
            s.execute("MERGE INTO sandbox_schema.managed t USING (SELECT 2 AS id, 'B' AS name) u ON t.id = u.id"
                    + " WHEN MATCHED THEN UPDATE SET name = u.name");
            s.execute("ALTER TABLE sandbox_schema.managed SET TBLPROPERTIES ('purpose' = 'sandbox test')");
            s.execute("CREATE OR REPLACE TEMPORARY FUNCTION plus_one(x BIGINT) RETURNS BIGINT RETURN x + 1");
            s.execute("SET spark.sql.ansi.enabled = true");
            try (ResultSet rs = s.executeQuery("SELECT plus_one(sum(id)), max(name)"
                    + " FROM sandbox_schema.managed")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(4);
                assertThat(rs.getString(2)).isEqualTo("a"); // "B" sorts before "a"
            }
            String location = warehouse.warehouseDir().resolve("tables").resolve("sandbox_inside").toString();
            s.execute("CREATE OR REPLACE TABLE sandbox_schema.inside (a INT) USING delta LOCATION '" + location + "'");
            s.execute("INSERT INTO sandbox_schema.inside VALUES (7)");
            try (ResultSet rs = s.executeQuery("SELECT a FROM delta.`" + location + "`")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            try (ResultSet rs = s.executeQuery("SELECT reflect('dev.sluice.warehouse.sql.Gates', 'pass',"
                    + " 'sandbox-gate', CAST(1 AS BIGINT))")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("timeout");
            }
        }
    }

    @Test
    void theAllowedDirectoryIsOpenForExternalTablesAndPathReadsAndWrites() throws SQLException {
        Path allowed = LocalWarehouseExtension.allowedDir(warehouse).resolve("sandbox-" + UUID.randomUUID());
        try (Connection c = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sandbox_external (a INT) USING delta LOCATION '" + allowed.resolve("t") + "'");
            s.execute("INSERT INTO sandbox_external VALUES (1), (2)");
            s.execute("INSERT OVERWRITE DIRECTORY '" + allowed.resolve("export") + "' USING parquet"
                    + " SELECT a * 10 AS b FROM sandbox_external");
            try (ResultSet rs = s.executeQuery("SELECT sum(b) FROM parquet.`" + allowed.resolve("export") + "`")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(30);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM delta.`" + allowed.resolve("t") + "`")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
        assertThat(allowed.resolve("t").resolve("_delta_log")).isDirectory();
    }

    @Test
    void sessionConfsCannotChangeWhereSparkLooks() {
        RestClient.Reply r = rest.post("/api/2.0/sql/sessions", "{\"warehouse_id\":\"" + warehouse.warehouseId()
                + "\",\"session_confs\":{\"spark.sql.catalog.spark_catalog\":\"org.example.Catalog\"}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().path("message").asText()).contains("spark.sql.catalog.spark_catalog");
    }

    private String fill(String template) {
        return template.replace("{outside}", outside.toString())
                .replace("{data}", warehouse.warehouseDir().toString());
    }
}
