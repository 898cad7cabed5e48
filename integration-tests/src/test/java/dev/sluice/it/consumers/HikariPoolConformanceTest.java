package dev.sluice.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.jdbc.internal.jdbc.SluiceConnection;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HikariCP over Sluice: connections are borrowed, reused, reset to the pool's settings on return, validated
 * after idling (Connection.isValid), and evicted when the driver reports the connection gone (SQLState 08).
 * Tests reach the physical connection through {@code unwrap} to tell one session from another.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HikariPoolConformanceTest {
    /** HikariCP skips validation of connections used within the last 500 ms. */
    private static final long PAST_ALIVE_BYPASS_MILLIS = 800;

    private final LocalWarehouse warehouse;
    private TestSchema schema;

    HikariPoolConformanceTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void createSchema() throws SQLException {
        schema = TestSchema.create(warehouse, "hikari");
    }

    @AfterAll
    void dropSchema() throws SQLException {
        schema.close();
    }

    private HikariDataSource pool(int size) {
        return new HikariDataSource(config(size));
    }

    private HikariConfig config(int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sluice-it");
        config.setDataSource(TestSchema.dataSource(warehouse));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(60_000);
        config.setValidationTimeout(10_000);
        return config;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static SluiceConnection physical(Connection c) throws SQLException {
        return c.unwrap(SluiceConnection.class);
    }

    private static void awaitClosed(SluiceConnection c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(c.isClosed()).as("closed by the pool").isTrue();
    }

    @Test
    void borrowedConnectionsRunQueriesAndGoBackToThePool() throws SQLException {
        try (HikariDataSource pool = pool(2)) {
            SluiceConnection first;
            try (Connection c = pool.getConnection()) {
                first = physical(c);
                assertThat(scalar(c, "SELECT 41 + 1")).isEqualTo("42");
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
            }
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            try (Connection c = pool.getConnection()) {
                assertThat(physical(c)).isSameAs(first);
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }

    @Test
    void poolSettingsReachTheSessionAndAreRestoredOnReturn() throws SQLException {
        HikariConfig config = config(1);
        config.setCatalog(TestSchema.CATALOG);
        config.setSchema(schema.name());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection()) {
                assertThat(scalar(c, "SELECT current_catalog()")).isEqualTo(TestSchema.CATALOG);
                assertThat(scalar(c, "SELECT current_schema()")).isEqualTo(schema.name());
                c.setSchema("default");
                c.setReadOnly(true);
                assertThat(scalar(c, "SELECT current_schema()")).isEqualTo("default");
            }
            try (Connection c = pool.getConnection()) {
                assertThat(c.isReadOnly()).isFalse();
                assertThat(scalar(c, "SELECT current_schema()")).isEqualTo(schema.name());
            }
        }
    }

    @Test
    void anIdleConnectionThatDiedIsReplacedOnBorrow() throws Exception {
        try (HikariDataSource pool = pool(1)) {
            SluiceConnection dead;
            try (Connection c = pool.getConnection()) {
                dead = physical(c);
            }
            dead.close();
            Thread.sleep(PAST_ALIVE_BYPASS_MILLIS);
            try (Connection c = pool.getConnection()) {
                assertThat(physical(c)).isNotSameAs(dead);
                assertThat(scalar(c, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    @Test
    void aConnectionReportedGoneIsEvictedNotReused() throws SQLException {
        try (HikariDataSource pool = pool(1)) {
            SluiceConnection broken;
            try (Connection c = pool.getConnection()) {
                broken = physical(c);
                broken.close();
                assertThatThrownBy(() -> scalar(c, "SELECT 1")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            }
            try (Connection c = pool.getConnection()) {
                assertThat(physical(c)).isNotSameAs(broken);
                assertThat(scalar(c, "SELECT 2")).isEqualTo("2");
            }
        }
    }

    @Test
    void evictionAndShutdownCloseThePhysicalConnections() throws Exception {
        SluiceConnection kept;
        try (HikariDataSource pool = pool(2)) {
            SluiceConnection evicted;
            try (Connection c = pool.getConnection()) {
                evicted = physical(c);
                pool.evictConnection(c);
            }
            // HikariCP closes a connection evicted while in use on its own thread once it is returned
            awaitClosed(evicted);
            try (Connection c = pool.getConnection()) {
                kept = physical(c);
                assertThat(c.isValid(5)).isTrue();
            }
        }
        awaitClosed(kept);
    }
}
