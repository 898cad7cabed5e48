package dev.sluice.it.consumers;

import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own in the local warehouse's {@code main} catalog, for one test class or test, dropped with
 * everything in it on close. Connections come from Sluice's own DataSource: the official driver is on the
 * same classpath and accepts the same URLs, so nothing here goes through DriverManager.
 */
final class TestSchema implements AutoCloseable {
    static final String CATALOG = "main";

    private final SluiceDataSource dataSource;
    private final String name;

    private TestSchema(SluiceDataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** Creates {@code main.<prefix>_<random>}. */
    static TestSchema create(LocalWarehouse warehouse, String prefix) throws SQLException {
        SluiceDataSource ds = dataSource(warehouse);
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        TestSchema schema = new TestSchema(ds, name);
        schema.execute("CREATE SCHEMA " + CATALOG + "." + name);
        return schema;
    }

    /** Sluice's DataSource for the warehouse's URL. */
    static SluiceDataSource dataSource(LocalWarehouse warehouse) {
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl(warehouse.jdbcUrl());
        return ds;
    }

    SluiceDataSource dataSource() {
        return dataSource;
    }

    /** The schema name alone, as information_schema stores it. */
    String name() {
        return name;
    }

    /** {@code main.<schema>.<table>}. */
    String table(String table) {
        return CATALOG + "." + name + "." + table;
    }

    /** Runs each statement on a fresh connection. */
    void execute(String... sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + CATALOG + "." + name + " CASCADE");
    }
}
