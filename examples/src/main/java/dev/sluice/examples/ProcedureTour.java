package dev.sluice.examples;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The maintenance of {@link DeltaTour} (merge, time travel, schema evolution, history, optimize, vacuum, restore)
 * from plain JDBC: every step is a {@code {call sluice.delta_...}} through {@link Connection#prepareCall}, with
 * OUT parameters for counts and result sets for rows. Nothing here imports the DAO; the driver finds the
 * built-in procedures on the class path.
 *
 * <p>With no configuration it starts a local warehouse (data under {@code target/procedure-tour}); with
 * {@code DATABRICKS_HOST}, {@code DATABRICKS_HTTP_PATH} and {@code DATABRICKS_TOKEN} set it runs on that
 * workspace (catalog {@code DATABRICKS_CATALOG}, default {@code main}; schema {@code sluice_demo}).
 */
public final class ProcedureTour {

    private final Connection c;
    private final String table;

    private ProcedureTour(Connection c, String table) {
        this.c = c;
        this.table = table;
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
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(Path.of("target", "procedure-tour", "data"))
                .start()) {
            say("Local warehouse ready at " + w.baseUrl());
            run(w.jdbcUrl(), catalog);
        }
    }

    private static void run(String url, String catalog) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            new ProcedureTour(c, catalog + ".sluice_demo.customers_calls").tour(catalog);
        }
    }

    private void tour(String catalog) throws SQLException {
        step("1. Create a Delta table " + table + " and load four rows (plain SQL)");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS `" + catalog + "`.sluice_demo");
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL, name STRING, city STRING) USING DELTA");
            s.execute("INSERT INTO " + table + " VALUES (1, 'Ada', 'London'), (2, 'Grace', 'New York'),"
                    + " (3, 'Linus', 'Helsinki'), (4, 'Barbara', 'Boston')");
        }
        long loaded = latestVersion();
        printRows("SELECT id, name, city FROM " + table + " ORDER BY id");

        step("2. {call sluice.delta_merge(...)}: Grace moves, Edsger arrives; the four counts are OUT parameters");
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_merge(table => ?, source => ?,"
                + " on_condition => ?, when_matched => 'UPDATE_ALL', when_not_matched => 'INSERT_ALL',"
                + " num_affected_rows => ?, num_updated_rows => ?, num_deleted_rows => ?, num_inserted_rows => ?)}")) {
            cs.setString("table", table);
            cs.setString("source", "SELECT * FROM VALUES (2L, 'Grace', 'Arlington'), (5L, 'Edsger', 'Austin')"
                    + " AS v(id, name, city)");
            cs.setString("on_condition", "t.id = s.id");
            for (String out : new String[] {"num_affected_rows", "num_updated_rows", "num_deleted_rows",
                    "num_inserted_rows"}) {
                cs.registerOutParameter(out, Types.BIGINT);
            }
            cs.execute();
            say("   " + cs.getLong("num_affected_rows") + " rows affected: " + cs.getLong("num_updated_rows")
                    + " updated, " + cs.getLong("num_deleted_rows") + " deleted, " + cs.getLong("num_inserted_rows")
                    + " inserted");
        }

        step("3. {call sluice.delta_delete(...)}: Linus leaves");
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_delete(?, ?, ?)}")) {
            cs.setString(1, table);
            cs.setString(2, "name = 'Linus'");
            cs.registerOutParameter(3, Types.BIGINT);
            cs.execute();
            say("   " + cs.getLong(3) + " row deleted");
        }
        printRows("SELECT id, name, city FROM " + table + " ORDER BY id");

        step("4. {call sluice.delta_read_as_of(...)}: the table at version " + loaded + ", and at a version it never had");
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_read_as_of(table => ?, version => ?,"
                + " columns => 'id, name, city')}")) {
            cs.setString("table", table);
            cs.setLong("version", loaded);
            // a read as of a version has no ORDER BY: sort the few rows here
            java.util.TreeMap<Long, String> rows = new java.util.TreeMap<>();
            try (ResultSet rs = cs.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong("id"), row(rs));
                }
            }
            rows.values().forEach(ProcedureTour::say);
            cs.setLong("version", 99);
            try (ResultSet rs = cs.executeQuery()) {
                say("   version 99 unexpectedly answered");
            } catch (SQLException e) {
                say("   version 99: SQLSTATE " + e.getSQLState() + ", " + firstLine(e.getMessage()));
            }
        }

        step("5. {call sluice.delta_evolve(...)}: add a loyalty tier; the changes applied come back as rows");
        String expected = "id BIGINT NOT NULL, name STRING, city STRING, tier STRING";
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_evolve(table => ?, expected => ?,"
                + " changes_applied => ?)}")) {
            cs.setString("table", table);
            cs.setString("expected", expected);
            cs.registerOutParameter("changes_applied", Types.INTEGER);
            cs.execute();
            try (ResultSet rs = cs.getResultSet()) {
                while (rs != null && rs.next()) {
                    say("   " + rs.getString("change") + " " + rs.getString("column_name") + " "
                            + rs.getString("to_type"));
                }
            }
            say("   " + cs.getInt("changes_applied") + " change applied");
        }
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_update(?, ?, ?, ?)}")) {
            cs.setString(1, table);
            cs.setString(2, "tier = 'gold'");
            cs.setString(3, "city = 'London'");
            cs.registerOutParameter(4, Types.BIGINT);
            cs.execute();
            say("   delta_update: " + cs.getLong(4) + " customer now gold");
        }

        step("6. {call sluice.delta_history(...)}: the table's history as a result set, newest first");
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_history(?)}")) {
            cs.setString(1, table);
            try (ResultSet rs = cs.executeQuery()) {
                while (rs.next()) {
                    say(String.format("   v%d %s", rs.getLong("version"), rs.getString("operation")));
                }
            }
        }

        step("7. {call sluice.delta_optimize(...)}: compact and Z-order by city");
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_optimize(table => ?, zorder_by => 'city',"
                + " files_added => ?, files_removed => ?)}")) {
            cs.setString("table", table);
            cs.registerOutParameter("files_added", Types.BIGINT);
            cs.registerOutParameter("files_removed", Types.BIGINT);
            cs.execute();
            say("   " + cs.getLong("files_removed") + " files compacted into " + cs.getLong("files_added"));
        }

        step("8. {call sluice.delta_vacuum(...)}: a short retention is refused; a dry run lists files");
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_vacuum(table => ?, retain_hours => 1)}")) {
            cs.setString("table", table);
            cs.execute();
            say("   RETAIN 1 HOURS unexpectedly accepted");
        } catch (SQLException e) {
            say("   RETAIN 1 HOURS: SQLSTATE " + e.getSQLState() + ", " + firstLine(e.getMessage()));
        }
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_vacuum(table => ?, dry_run => TRUE,"
                + " files_deleted => ?)}")) {
            cs.setString("table", table);
            cs.registerOutParameter("files_deleted", Types.BIGINT);
            int listed = 0;
            try (ResultSet rs = cs.executeQuery()) {
                while (rs.next()) {
                    listed++;
                }
            }
            say("   dry run at the table's retention: " + listed + " files listed, files_deleted = "
                    + cs.getLong("files_deleted"));
        }

        step("9. {call sluice.delta_restore(...)}: back to version " + loaded);
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_restore(table => ?, version => ?,"
                + " num_restored_files => ?, num_removed_files => ?)}")) {
            cs.setString("table", table);
            cs.setLong("version", loaded);
            cs.registerOutParameter("num_restored_files", Types.BIGINT);
            cs.registerOutParameter("num_removed_files", Types.BIGINT);
            cs.execute();
            say("   " + cs.getLong("num_restored_files") + " files restored, " + cs.getLong("num_removed_files")
                    + " removed");
        }
        printRows("SELECT id, name, city FROM " + table + " ORDER BY id");

        step("10. {call sluice.delta_detail(?)}");
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_detail(?)}")) {
            cs.setString(1, table);
            try (ResultSet rs = cs.executeQuery()) {
                rs.next();
                say("   format " + rs.getString("format") + ", " + rs.getLong("num_files") + " files, "
                        + rs.getLong("size_in_bytes") + " bytes, reader/writer protocol "
                        + rs.getInt("min_reader_version") + "/" + rs.getInt("min_writer_version"));
            }
        }
        say("");
        say("Done. The table stays in " + table + "; run again to start over.");
    }

    private long latestVersion() throws SQLException {
        try (CallableStatement cs = c.prepareCall("{call sluice.delta_history(table => ?, limit => 1)}")) {
            cs.setString("table", table);
            try (ResultSet rs = cs.executeQuery()) {
                rs.next();
                return rs.getLong("version");
            }
        }
    }

    private void printRows(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                say(row(rs));
            }
        }
    }

    private static String row(ResultSet rs) throws SQLException {
        return String.format("   %d | %-8s | %s", rs.getLong("id"), rs.getString("name"), rs.getString("city"));
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void step(String text) {
        say("");
        say(text);
    }

    private static void say(String text) {
        System.out.println(text);
    }
}
