package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceVolumeStatement;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volume SQL commands through JDBC: the warehouse answers with a pre-signed row, the driver moves the bytes,
 * and only under VolumeOperationAllowedLocalPaths.
 */
@ExtendWith(LocalWarehouseExtension.class)
class VolumesSqlTest {

    private final LocalWarehouse warehouse;
    private final String volume = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String root = "/Volumes/main/default/" + volume;
    private Path allowed;
    private Path outside;
    private Connection connection;

    @TempDir
    Path dir;

    VolumesSqlTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void connect() throws Exception {
        allowed = Files.createDirectories(dir.resolve("allowed"));
        outside = Files.createDirectories(dir.resolve("outside"));
        connection = DriverManager.getConnection(warehouse.jdbcUrl() + ";VolumeOperationAllowedLocalPaths=" + allowed);
        execute("CREATE VOLUME main.default." + volume);
    }

    @AfterEach
    void close() throws Exception {
        execute("DROP VOLUME IF EXISTS main.default." + volume);
        connection.close();
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    /** The names UC lists for a schema, or the HTTP status when it refuses. */
    private Object ucVolumes(String catalog, String schema) {
        RestClient.Reply r = new RestClient(warehouse).get("/api/2.1/unity-catalog/volumes?catalog_name=" + catalog
                + "&schema_name=" + schema);
        if (r.status() != 200) {
            return r.status();
        }
        List<String> names = new ArrayList<>();
        if (r.body().has("volumes")) {
            r.body().get("volumes").forEach(v -> names.add(v.get("name").asText()));
        }
        return names;
    }

    /** What the Files API lists at a path, or the HTTP status when it refuses. */
    private Object filesList(String path) throws Exception {
        try (var s = connection.unwrap(SluiceWorkspace.class).files().list(path)) {
            return s.map(e -> e.name()).toList();
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof dev.sluice.jdbc.WorkspaceException w) {
                return w.httpStatus();
            }
            throw e;
        } catch (dev.sluice.jdbc.WorkspaceException w) {
            return w.httpStatus();
        }
    }

    @Test
    void dropSchemaAndDropCatalogTakeTheirVolumesAndUcAndTheFilesApiAgree() throws Exception {
        String schema = "dv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE SCHEMA main." + schema);
        execute("CREATE VOLUME main." + schema + ".a");
        execute("CREATE VOLUME main." + schema + ".b");
        connection.unwrap(SluiceWorkspace.class).files().upload("/Volumes/main/" + schema + "/a/f.txt",
                new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), 1, true);
        assertThat(ucVolumes("main", schema)).isEqualTo(List.of("a", "b"));
        assertThat(filesList("/Volumes/main/" + schema + "/a")).isEqualTo(List.of("f.txt"));

        assertThatThrownBy(() -> execute("DROP SCHEMA main." + schema))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("2BP01"))
                .hasMessageContaining("SCHEMA_NOT_EMPTY");
        execute("DROP SCHEMA main." + schema + " CASCADE");
        assertThat(warehouse.warehouseDir().resolve("Volumes/main/" + schema)).doesNotExist();
        assertThat(filesList("/Volumes/main/" + schema + "/a")).isEqualTo(404);
        execute("CREATE SCHEMA main." + schema);
        assertThat(ucVolumes("main", schema)).as("a schema of the same name starts empty").isEqualTo(List.of());
        execute("DROP SCHEMA main." + schema);

        String catalog = "dc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE CATALOG " + catalog);
        execute("CREATE VOLUME " + catalog + ".default.v");
        assertThat(ucVolumes(catalog, "default")).isEqualTo(List.of("v"));
        assertThatThrownBy(() -> execute("DROP CATALOG " + catalog))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("2BP01"));
        execute("DROP CATALOG " + catalog + " CASCADE");
        assertThat(warehouse.warehouseDir().resolve("Volumes/" + catalog)).doesNotExist();
        assertThat(filesList("/Volumes/" + catalog + "/default/v")).isEqualTo(404);
        execute("CREATE CATALOG " + catalog);
        assertThat(ucVolumes(catalog, "default")).isEqualTo(List.of());
        execute("DROP CATALOG " + catalog + " CASCADE");
    }

    @Test
    void putListGetAndRemoveMoveFilesUnderTheAllowedDirectory() throws Exception {
        Path data = Files.writeString(allowed.resolve("data.csv"), "id,name\n1,a\n");
        assertThat(rows("PUT '" + data + "' INTO '" + root + "/in/data.csv'")).containsExactly("SUCCEEDED");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PUT '" + data + "' INTO '"
                + root + "/in/data.csv' OVERWRITE")) {
            assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("operation_status");
        }
        assertThat(warehouse.warehouseDir().resolve("Volumes/main/default/" + volume + "/in/data.csv"))
                .hasContent("id,name\n1,a\n");
        // without OVERWRITE an existing file is refused, as on Databricks
        assertThatThrownBy(() -> execute("PUT '" + data + "' INTO '" + root + "/in/data.csv'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("already exists");

        assertThat(rows("LIST '" + root + "/in'")).singleElement().asString()
                .startsWith(root + "/in/data.csv|data.csv|12|");

        Path back = allowed.resolve("back.csv");
        assertThat(rows("GET '" + root + "/in/data.csv' TO '" + back + "'")).containsExactly("SUCCEEDED");
        assertThat(back).hasContent("id,name\n1,a\n");

        assertThat(rows("REMOVE '" + root + "/in/data.csv'")).containsExactly("SUCCEEDED");
        assertThat(rows("LIST '" + root + "/in'")).isEmpty();
    }

    @Test
    void localFilesOutsideTheAllowedDirectoriesAreRefused() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(allowed.resolve("escape"), outside);
        List<String> refused = List.of(
                "PUT '" + secret + "' INTO '" + root + "/x.txt'",
                "PUT '" + allowed + "/../outside/secret.txt' INTO '" + root + "/x.txt'",
                "PUT '" + allowed + "/escape/secret.txt' INTO '" + root + "/x.txt'",
                "GET '" + root + "/y.txt' TO '" + outside.resolve("y.txt") + "'",
                "GET '" + root + "/y.txt' TO '" + allowed + "/escape/y.txt'");
        Files.writeString(warehouse.warehouseDir().resolve("Volumes/main/default/" + volume + "/y.txt"), "y");
        for (String sql : refused) {
            assertThatThrownBy(() -> execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getMessage()).contains("is not allowed");
            });
        }
        assertThat(outside.resolve("y.txt")).doesNotExist();
        assertThat(warehouse.warehouseDir().resolve("Volumes/main/default/" + volume + "/x.txt")).doesNotExist();

        // no allowed paths at all (the default): every local file is refused, naming it
        try (Connection plain = DriverManager.getConnection(warehouse.jdbcUrl());
             Statement s = plain.createStatement()) {
            Path mine = Files.writeString(allowed.resolve("mine.txt"), "m");
            assertThatThrownBy(() -> s.execute("PUT '" + mine + "' INTO '" + root + "/m.txt'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains(mine.toString());
                    });
        }
    }

    @Test
    void streamsTakeThePlaceOfLocalFilesThroughUnwrap() throws Exception {
        try (Connection plain = DriverManager.getConnection(warehouse.jdbcUrl());
             Statement s = plain.createStatement()) {
            SluiceVolumeStatement streams = s.unwrap(SluiceVolumeStatement.class);
            byte[] bytes = "streamed".getBytes(StandardCharsets.UTF_8);
            streams.setVolumeUploadStream(new ByteArrayInputStream(bytes), bytes.length);
            s.execute("PUT 'ignored' INTO '" + root + "/streamed.txt'");
            streams.setVolumeDownloadToStream(true);
            s.execute("GET '" + root + "/streamed.txt' TO 'ignored'");
            try (InputStream in = streams.getVolumeDownloadStream()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            assertThatThrownBy(streams::getVolumeDownloadStream).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("24000"));
        }
    }

    @Test
    void aJarUploadedThroughTheFilesApiRunsAsAJarTask() throws Exception {
        Path jar = compileJar();
        SluiceWorkspace workspace = connection.unwrap(SluiceWorkspace.class);
        workspace.files().upload(root + "/jars/demo.jar", jar, true);
        String table = "vol_jar_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        JobsClient jobs = workspace.jobs();
        long runId = jobs.submit(RunSubmit.builder("from a volume").task(Task.sparkJar("jar", "demo.Writer",
                List.of(table)).withLibrary("jar", root + "/jars/demo.jar")).build());
        Run run = jobs.getRun(runId);
        for (int i = 0; i < 1800 && !run.isDone(); i++) {
            Thread.sleep(100);
            run = jobs.getRun(runId);
        }
        assertThat(run.resultState()).as(run.toString()).isEqualTo("SUCCESS");
        assertThat(rows("SELECT s FROM " + table)).containsExactly("from a volume jar");
    }

    private Path compileJar() throws Exception {
        Path src = dir.resolve("src/demo/Writer.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package demo;

                public class Writer {
                    public static void main(String[] args) throws Exception {
                        Object spark = Class.forName("org.apache.spark.sql.SparkSession").getMethod("active")
                                .invoke(null);
                        spark.getClass().getMethod("sql", String.class)
                                .invoke(spark, "CREATE TABLE " + args[0] + " AS SELECT 'from a volume jar' AS s");
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString())).isZero();
        Path jar = dir.resolve("demo.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("demo/Writer.class"));
            j.write(Files.readAllBytes(classes.resolve("demo/Writer.class")));
            j.closeEntry();
        }
        return jar;
    }
}
