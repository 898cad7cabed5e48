package dev.sluice.examples;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A Delta table's life through plain JDBC: create, load, merge, time travel, history, optimize, vacuum.
 *
 * <p>With no configuration it starts a local warehouse (Spark + Delta in a child JVM, data under
 * {@code target/delta-tour}) and talks to it over the Databricks REST API. With {@code DATABRICKS_HOST},
 * {@code DATABRICKS_HTTP_PATH} and {@code DATABRICKS_TOKEN} set, it runs the same steps on that workspace
 * (catalog {@code DATABRICKS_CATALOG}, default {@code main}; schema {@code sluice_demo}).
 */
public final class DeltaTour {

    private final Connection connection;
    private final String table;

    private DeltaTour(Connection connection, String schema) {
        this.connection = connection;
        this.table = schema + ".customers";
    }

    public static void main(String[] args) throws Exception {
        String host = System.getenv("DATABRICKS_HOST");
        String httpPath = System.getenv("DATABRICKS_HTTP_PATH");
        String token = System.getenv("DATABRICKS_TOKEN");
        String catalog = System.getenv().getOrDefault("DATABRICKS_CATALOG", "main");
        if (host != null && httpPath != null && token != null) {
            String h = host.replaceFirst("^https?://", "").replaceAll("/+$", "");
            say("Using the workspace " + h + " (" + httpPath + ")");
            run("jdbc:databricks://" + h + ":443/default;AuthMech=3;UID=token;PWD=" + token + ";httpPath=" + httpPath,
                    catalog);
            return;
        }
        say("No DATABRICKS_HOST/DATABRICKS_HTTP_PATH/DATABRICKS_TOKEN: starting a local warehouse"
                + " (Spark + Delta in its own JVM; the first start takes a few seconds)");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(Path.of("target", "delta-tour", "data")).start()) {
            say("Local warehouse ready at " + w.baseUrl() + " in " + w.startupTime().toMillis() + " ms (log: "
                    + w.logFile() + ")");
            run(w.jdbcUrl(), "main");
        }
    }

    private static void run(String url, String catalog) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            say("Connected: " + c.getMetaData().getDatabaseProductName() + " through "
                    + c.getMetaData().getDriverName() + " " + c.getMetaData().getDriverVersion());
            new DeltaTour(c, catalog + ".sluice_demo").tour(catalog);
        }
    }

    private void tour(String catalog) throws SQLException {
        step("1. Create a schema and a Delta table");
        execute("CREATE SCHEMA IF NOT EXISTS " + catalog + ".sluice_demo");
        // dropped first so the history starts at version 0 on every run
        execute("DROP TABLE IF EXISTS " + table);
        execute("CREATE TABLE " + table + " (id BIGINT, name STRING, city STRING, updated_at TIMESTAMP) USING DELTA");

        step("2. Load rows (one INSERT: one table version)");
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table
                + " VALUES (?, 'Ada', 'London', ?), (?, 'Grace', 'New York', ?), (?, 'Linus', 'Helsinki', ?),"
                + " (?, 'Barbara', 'Boston', ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < 4; i++) {
                ps.setLong(2 * i + 1, i + 1);
                ps.setTimestamp(2 * i + 2, now);
            }
            say("   " + ps.executeUpdate() + " rows inserted");
        }
        print("SELECT id, name, city FROM " + table + " ORDER BY id");

        step("3. Merge changes: Grace moves, Linus leaves, Edsger arrives");
        print("MERGE INTO " + table + " t USING (SELECT * FROM VALUES (2, 'Grace', 'Arlington', 'upsert'),"
                + " (3, 'Linus', 'Helsinki', 'delete'), (5, 'Edsger', 'Austin', 'upsert') AS v(id, name, city, op)) s"
                + " ON t.id = s.id"
                + " WHEN MATCHED AND s.op = 'delete' THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET city = s.city, updated_at = current_timestamp()"
                + " WHEN NOT MATCHED THEN INSERT (id, name, city, updated_at)"
                + " VALUES (s.id, s.name, s.city, current_timestamp())");
        print("SELECT id, name, city FROM " + table + " ORDER BY id");

        step("4. Time travel: the table as it was before the merge (version 1)");
        print("SELECT id, name, city FROM " + table + " VERSION AS OF 1 ORDER BY id");

        step("5. The table's history, newest first");
        print("DESCRIBE HISTORY " + table, "version", "operation", "operationMetrics");

        step("6. Optimize: compact small files and Z-order by city");
        print("OPTIMIZE " + table + " ZORDER BY (city)");

        step("7. Vacuum: remove files older than the 7-day retention (dry run first)");
        print("VACUUM " + table + " RETAIN 168 HOURS DRY RUN");
        print("VACUUM " + table + " RETAIN 168 HOURS");
        say("Done. The table stays in " + table + "; run again to start over.");
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs a statement and prints whatever it returns: rows (all or the named columns), or an update count. */
    private void print(String sql, String... columns) throws SQLException {
        try (Statement st = connection.createStatement()) {
            boolean rows = st.execute(sql);
            ResultSet results = rows ? st.getResultSet() : null;
            if (results == null) {
                say("   done (" + st.getUpdateCount() + " rows affected)");
                return;
            }
            try (ResultSet rs = results) {
                ResultSetMetaData md = rs.getMetaData();
                int[] shown = new int[columns.length == 0 ? md.getColumnCount() : columns.length];
                for (int i = 0; i < shown.length; i++) {
                    shown[i] = columns.length == 0 ? i + 1 : rs.findColumn(columns[i]);
                }
                StringBuilder header = new StringBuilder("   ");
                for (int i = 0; i < shown.length; i++) {
                    header.append(i > 0 ? " | " : "").append(md.getColumnLabel(shown[i]));
                }
                say(header.toString());
                while (rs.next()) {
                    StringBuilder row = new StringBuilder("   ");
                    for (int i = 0; i < shown.length; i++) {
                        String v = rs.getString(shown[i]);
                        row.append(i > 0 ? " | " : "").append(v != null && v.length() > 120 ? v.substring(0, 117) + "..." : v);
                    }
                    say(row.toString());
                }
            }
        }
    }

    private static void step(String text) {
        say("");
        say(text);
    }

    private static void say(String text) {
        System.out.println(text);
    }
}
