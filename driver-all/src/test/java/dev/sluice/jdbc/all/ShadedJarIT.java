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
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The single jar as tools load it: alone on a class path, from sqlline and from plain JDBC. */
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
        }
        assertThat(foreign).as("classes outside dev.sluice (not relocated)").isEmpty();
    }

    @Test
    void plainJdbcFindsExactlyOneDriverAndRuns() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            List<Driver> drivers = new ArrayList<>();
            ServiceLoader.load(Driver.class, loader).forEach(drivers::add);
            assertThat(drivers).extracting(d -> d.getClass().getName()).containsExactly("dev.sluice.jdbc.SluiceDriver");
            try (Connection c = drivers.get(0).connect(warehouse.jdbcUrl(), new Properties());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 40 + 2 AS answer")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("answer")).isEqualTo(42);
                assertBuiltInCall(c);
            }
        }
    }

    /** Without sluice-dao in the jar, a built-in procedure names the missing artifact. */
    private static void assertBuiltInCall(Connection c) {
        try {
            c.prepareCall("{call sluice.delta_history(?)}");
            throw new AssertionError("a built-in call without sluice-dao was prepared");
        } catch (SQLException e) {
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("dev.sluice:sluice-dao");
        }
    }

    @Test
    void sqllineRunsAQueryAndABuiltInCallWithOnlyTheSingleJar(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, String.join("\n",
                "SELECT 40 + 2 AS answer;",
                "CALL sluice.delta_history(table_name => 'main.default.nope');",
                "!call {call sluice.delta_history('main.default.nope')}",
                "SELECT 'still connected' AS state;",
                "!quit", ""));
        String out = sqlline(script);
        System.out.println(out);
        assertThat(out).contains("answer", "42");
        assertThat(out).contains("sluice.delta_history is a built-in procedure and none are on the class path: add"
                + " dev.sluice:sluice-dao");
        assertThat(out).contains("still connected");
        assertThat(out).doesNotContain("SLF4J");
    }

    private String sqlline(Path script) throws IOException, InterruptedException {
        String sqllineJar = Path.of(sqlline.SqlLine.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + sqllineJar, "sqlline.SqlLine",
                "-d", "dev.sluice.jdbc.SluiceDriver", "-u", warehouse.jdbcUrl(),
                "-n", "token", "-p", LocalWarehouse.DEFAULT_TOKEN,
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
