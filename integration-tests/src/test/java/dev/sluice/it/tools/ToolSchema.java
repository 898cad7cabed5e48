package dev.sluice.it.tools;

import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own for one tool's test, made the session's current schema by the DataSource, so the
 * tool's SQL names tables unqualified as an application's does. Dropped with everything in it on close.
 */
final class ToolSchema implements AutoCloseable {
    private final LocalWarehouse warehouse;
    private final String name;

    private ToolSchema(LocalWarehouse warehouse, String name) {
        this.warehouse = warehouse;
        this.name = name;
    }

    static ToolSchema create(LocalWarehouse warehouse, String prefix) throws SQLException {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        ToolSchema schema = new ToolSchema(warehouse, name);
        SluiceDataSource plain = new SluiceDataSource();
        plain.setUrl(warehouse.jdbcUrl());
        try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA main." + name);
        }
        return schema;
    }

    /** Sluice's DataSource with nothing but the URL, and this schema as the session's. */
    SluiceDataSource dataSource() {
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl(url());
        return ds;
    }

    /** The warehouse URL with this schema as the session's, as a user would write it for a DriverManager tool. */
    String url() {
        return warehouse.jdbcUrl().replace("/default;", "/" + name + ";") + ";ConnCatalog=main";
    }

    String name() {
        return name;
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS main." + name + " CASCADE");
    }
}
