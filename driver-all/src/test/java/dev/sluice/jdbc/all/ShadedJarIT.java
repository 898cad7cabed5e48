package dev.sluice.jdbc.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single jar as tools load it: alone on a class path, from sqlline and from plain JDBC, running queries and
 * the DAO's built-in procedures against the local warehouse.
 */
@ExtendWith(LocalWarehouseExtension.class)
class ShadedJarIT {
    private static final long MAX_BYTES = 5L * 1024 * 1024;

    private final LocalWarehouse warehouse;
    private final Path jar = Path.of(System.getProperty("sluice.shadedJar"));

    ShadedJarIT(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void isSmallHasOneDriverEntryAndKeepsEveryClassUnderDevSluice() throws IOException {
        assertThat(Files.size(jar)).as("size of %s", jar).isLessThan(MAX_BYTES);
        List<String> foreign = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            String drivers = new String(f.getInputStream(f.getEntry("META-INF/services/java.sql.Driver"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(drivers.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                    .containsExactly("dev.sluice.jdbc.SluiceDriver");
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName().replaceFirst("^META-INF/versions/\\d+/", "");
                if (name.endsWith(".class") && !name.startsWith("dev/sluice/")) {
                    foreign.add(name);
                }
            }
            assertThat(f.getEntry("META-INF/services/dev.sluice.shaded.org.slf4j.spi.SLF4JServiceProvider"))
                    .as("the relocated SLF4J finds its provider").isNotNull();
            String providers = new String(f.getInputStream(
                    f.getEntry("META-INF/services/dev.sluice.jdbc.procedure.ProcedureProvider")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(providers.strip().lines()).containsExactly("dev.sluice.dao.procedure.DeltaProcedures",
                    "dev.sluice.dao.procedure.JobProcedures", "dev.sluice.dao.procedure.FeatureProcedures",
                    "dev.sluice.dao.procedure.CatalogProcedures");
        }
        assertThat(foreign).as("classes outside dev.sluice (not relocated)").isEmpty();
    }

    @Test
    void plainJdbcFindsExactlyOneDriverAndCallsBuiltInProceduresWithOutParameters() throws Exception {
        String table = "main.default.shaded_" + UUID.randomUUID().toString().substring(0, 8);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            List<Driver> drivers = new ArrayList<>();
            ServiceLoader.load(Driver.class, loader).forEach(drivers::add);
            assertThat(drivers).extracting(d -> d.getClass().getName()).containsExactly("dev.sluice.jdbc.SluiceDriver");
            try (Connection c = drivers.get(0).connect(warehouse.jdbcUrl(), new Properties());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id BIGINT, name STRING) USING DELTA");
                s.execute("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')");
                try (CallableStatement cs = c.prepareCall("{call sluice.delta_merge(table => ?, source => ?,"
                        + " on_condition => ?, num_affected_rows => ?, num_updated_rows => ?, num_deleted_rows => ?,"
                        + " num_inserted_rows => ?)}")) {
                    cs.setString("table", table);
                    cs.setString("source", "SELECT * FROM VALUES (1, 'a2'), (3, 'c') AS v(id, name)");
                    cs.setString("on_condition", "t.id = s.id");
                    for (String out : List.of("num_affected_rows", "num_updated_rows", "num_deleted_rows",
                            "num_inserted_rows")) {
                        cs.registerOutParameter(out, Types.BIGINT);
                    }
                    assertThat(cs.execute()).isFalse();
                    assertThat(List.of(cs.getLong("num_affected_rows"), cs.getLong("num_updated_rows"),
                            cs.getLong("num_deleted_rows"), cs.getLong(7))).containsExactly(2L, 1L, 0L, 1L);
                }
                assertThat(rows(s, "SELECT id, name FROM " + table + " ORDER BY id")).containsExactly("1 a2", "2 b",
                        "3 c");
                try (CallableStatement cs = c.prepareCall("{call sluice.delta_history(?, ?)}")) {
                    cs.setString(1, table);
                    cs.setInt(2, 1);
                    try (ResultSet rs = cs.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getLong("version")).isEqualTo(2);
                        assertThat(rs.getString("operation")).isEqualTo("MERGE");
                        assertThat(rs.next()).isFalse();
                    }
                }
                try (CallableStatement cs = c.prepareCall("{call sluice.delta_read_as_of(table => ?, version => 1)}")) {
                    cs.setString(1, table);
                    assertThat(rows(cs.executeQuery())).as("the rows before the merge, streamed")
                            .containsExactlyInAnyOrder("1 a", "2 b");
                }
                try (CallableStatement cs = c.prepareCall("{call sluice.delta_restore(?, 1,"
                        + " num_restored_files => ?)}")) {
                    cs.setString(1, table);
                    cs.registerOutParameter("num_restored_files", Types.BIGINT);
                    cs.execute();
                    assertThat(cs.getLong(2)).isGreaterThanOrEqualTo(0);
                    assertThat(cs.wasNull()).isFalse();
                }
                assertThat(rows(s, "SELECT id, name FROM " + table + " ORDER BY id")).containsExactly("1 a", "2 b");
                try (ResultSet rs = s.executeQuery("CALL sluice.delta_vacuum(table => '" + table + "',"
                        + " dry_run => TRUE)")) {
                    assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("path");
                }
                try (ResultSet rs = c.getMetaData().getProcedures(null, "sluice", "delta_%")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertThat(n).isEqualTo(12);
                }
                s.execute("DROP TABLE " + table);
            }
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        return rows(s.executeQuery(sql));
    }

    private static List<String> rows(ResultSet result) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = result) {
            while (rs.next()) {
                out.add(rs.getString("id") + " " + rs.getString("name"));
            }
        }
        return out;
    }

    @Test
    void sqllineRunsAQueryAndBuiltInProceduresWithOnlyTheSingleJar(@TempDir Path dir) throws Exception {
        String table = "main.default.sqlline_" + UUID.randomUUID().toString().substring(0, 8);
        Path script = dir.resolve("script.sql");
        Files.writeString(script, String.join("\n",
                "SELECT 40 + 2 AS answer;",
                "CREATE TABLE " + table + " (id BIGINT, name STRING) USING DELTA;",
                "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b');",
                "CALL sluice.delta_delete(table => '" + table + "', condition => 'id = 2');",
                "CALL sluice.delta_history(table => '" + table + "', limit => 5);",
                "!call {call sluice.delta_detail('" + table + "')}",
                "CALL sluice.delta_nope('x');",
                "SELECT count(*) AS remaining FROM " + table + ";",
                "DROP TABLE " + table + ";",
                "!quit", ""));
        String out = sqlline(script);
        // kept next to the jar for a reader of the build: what a sqlline user sees
        Files.writeString(jar.resolveSibling("sqlline-session.txt"), out);
        assertThat(out).contains("'answer'", "'42'");
        // the history, newest first: the delete, the insert, the creation
        assertThat(out).containsPattern("'2','[^']*','[^']*','DELETE'")
                .containsPattern("'1','[^']*','[^']*','WRITE'")
                .containsPattern("'0','[^']*','[^']*','CREATE TABLE'");
        assertThat(out).contains("'delta'");
        assertThat(out).contains("procedure sluice.delta_nope does not exist; the built-in procedures are"
                + " sluice.{catalog_get_table, catalog_list_tables, delta_delete, delta_detail, delta_evolve,"
                + " delta_history,");
        assertThat(out).contains("'remaining'", "'1'");
        assertThat(out).doesNotContain("SLF4J");
    }

    private String sqlline(Path script) throws IOException, InterruptedException {
        String sqllineJar = Path.of(sqlline.SqlLine.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + sqllineJar, "sqlline.SqlLine",
                "-d", "dev.sluice.jdbc.SluiceDriver", "-u", warehouse.jdbcUrl(),
                "-n", "token", "-p", warehouse.token(),
                "--outputformat=csv", "--force=true", "--run=" + script);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        // a guard against a hang, not a timing assertion: the output has already been read to its end
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sqlline exited").isTrue();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
