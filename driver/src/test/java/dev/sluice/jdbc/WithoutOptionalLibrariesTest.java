package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.google.flatbuffers.Table;
import dev.failsafe.Failsafe;
import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Compression;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.SqlError;
import dev.sluice.testing.sea.StatementScript;
import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.arrow.flatbuf.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The driver as an application without Micrometer and OpenTelemetry runs it: loaded by a class loader that holds
 * only the driver and its six runtime jars, it connects, reads external-link results, fails a statement, and its
 * public classes introspect as beans; binding a registry says clearly that Micrometer is missing.
 */
class WithoutOptionalLibrariesTest {
    private ScriptedWarehouse server;
    private URLClassLoader loader;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedWarehouse.start();
        loader = new URLClassLoader(new URL[] {location(SluiceDriver.class), location(LoggerFactory.class),
                location(JsonFactory.class), location(Message.class), location(Table.class),
                location(Failsafe.class)},
                ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void stop() throws Exception {
        loader.close();
        server.close();
    }

    @Test
    void theDriverRunsWithNeitherMicrometerNorOpenTelemetry() throws Exception {
        assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loader.loadClass("io.opentelemetry.api.OpenTelemetry"))
                .isInstanceOf(ClassNotFoundException.class);
        Class<?> driverClass = loader.loadClass(SluiceDriver.class.getName());
        assertThat(driverClass).isNotSameAs(SluiceDriver.class);
        Driver driver = (Driver) driverClass.getDeclaredConstructor().newInstance();

        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(Column.list("id BIGINT", "name STRING", "value DOUBLE"), List.of(
                        Chunk.of(1000, SyntheticChunks.chunk(0, 1000, 256)),
                        Chunk.of(1000, SyntheticChunks.chunk(1000, 1000, 256)))).withCompression(Compression.LZ4_FRAME)));
        server.script(StatementScript.forSql("SELEC 1").fails(SqlError.of("PARSE_SYNTAX_ERROR", "Syntax error.",
                "42601")));
        try (Connection c = driver.connect(server.jdbcUrl("wh1"), new Properties()); Statement s = c.createStatement()) {
            long rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT big")) {
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(SyntheticChunks.id(rows));
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(2000);
            assertThatThrownBy(() -> s.executeQuery("SELEC 1")).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
        }
        server.assertExecutedOnce("SELECT big");
    }

    @Test
    void bindingARegistryWithoutMicrometerFailsClearlyAndBeansStillIntrospect() throws Exception {
        Class<?> telemetry = loader.loadClass(SluiceTelemetry.class.getName());
        Method useMeterRegistry = telemetry.getMethod("useMeterRegistry", Object.class);
        assertThatThrownBy(() -> useMeterRegistry.invoke(null, new Object()))
                .isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("micrometer-core");
        Method useOpenTelemetry = telemetry.getMethod("useOpenTelemetry", Object.class);
        assertThatThrownBy(() -> useOpenTelemetry.invoke(null, new Object()))
                .isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("opentelemetry-api");
        useMeterRegistry.invoke(null, (Object) null);

        // what pools do with a DataSource class name: bean introspection of every property
        for (String name : List.of(SluiceDataSource.class.getName(), SluiceDriver.class.getName(),
                SluiceTelemetry.class.getName())) {
            BeanInfo info = Introspector.getBeanInfo(loader.loadClass(name));
            assertThat(info.getPropertyDescriptors()).extracting(PropertyDescriptor::getName).isNotNull();
        }
    }

    private static URL location(Class<?> c) throws URISyntaxException, java.net.MalformedURLException {
        return c.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
    }
}
