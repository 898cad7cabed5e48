package dev.sluice.bench.dao;

import dev.sluice.dao.delta.Assignments;
import dev.sluice.dao.delta.Condition;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.MergeRequest;
import dev.sluice.dao.delta.ReadRequest;
import dev.sluice.dao.delta.Rows;
import dev.sluice.dao.delta.TableName;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Delta DAO's overhead against hand-written JDBC: one maintenance script of 100 statements (ten rounds of
 * append, update, delete, merge, history, detail, read as of a version, filtered read, update, delete), run
 * through {@link DeltaTable} and as the same SQL written by hand over the same connection of one local
 * warehouse. The two ways alternate, each run on its own freshly created table; the medians and their ratio
 * are printed.
 *
 * <p>Usage: {@code DaoOverhead [runs]} (default 5 runs of each way, after one warm-up run of each).
 */
public final class DaoOverhead {

    private static final String SCHEMA = "bench";
    private static final int ROUNDS = 10;

    private DaoOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("sluice-dao-overhead");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).start();
                Connection c = DriverManager.getConnection(w.jdbcUrl())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS main." + SCHEMA);
            }
            List<Long> dao = new ArrayList<>();
            List<Long> jdbc = new ArrayList<>();
            System.out.println("warm-up: one run of each way");
            runDao(c, "warm_dao");
            runJdbc(c, "warm_jdbc");
            for (int i = 0; i < runs; i++) {
                // alternate which way goes first, so a trend in the machine's load falls on both
                if (i % 2 == 0) {
                    dao.add(runDao(c, "dao_" + i));
                    jdbc.add(runJdbc(c, "jdbc_" + i));
                } else {
                    jdbc.add(runJdbc(c, "jdbc_" + i));
                    dao.add(runDao(c, "dao_" + i));
                }
                System.out.printf("run %d: DAO %d ms, hand-written JDBC %d ms%n", i + 1, dao.get(i) / 1_000_000,
                        jdbc.get(i) / 1_000_000);
            }
            double d = median(dao) / 1e6;
            double j = median(jdbc) / 1e6;
            System.out.printf("100 statements, median of %d runs: DAO %.0f ms, hand-written JDBC %.0f ms,"
                    + " ratio %.3f (%+.1f%%)%n", runs, d, j, d / j, (d / j - 1) * 100);
        }
    }

    private static void create(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS main." + SCHEMA + "." + table);
            s.execute("CREATE TABLE main." + SCHEMA + "." + table + " (id BIGINT, v STRING) USING DELTA");
            s.execute("INSERT INTO main." + SCHEMA + "." + table + " SELECT id, CAST(id AS STRING) FROM range(100)");
        }
    }

    private static long runDao(Connection c, String table) throws SQLException {
        create(c, table);
        DeltaTable t = DeltaTable.of(c, TableName.of("main", SCHEMA, table));
        long start = System.nanoTime();
        for (int r = 0; r < ROUNDS; r++) {
            long base = 1000 + r * 10L;
            t.append(Rows.builder("id", "v").add(base, "a").add(base + 1, "b").build());
            t.update(Assignments.builder().value("v", "u" + r).build(), Condition.of("id = ?", r));
            t.delete(Condition.of("id = ?", 50 + r));
            t.merge(MergeRequest.builder()
                    .sourceRows(Rows.builder("id", "v").add(base, "m").add(base + 5, "n").build())
                    .on("t.id = s.id").whenMatchedUpdateAll().whenNotMatchedInsertAll().build());
            long version = t.history(1).get(0).version();
            t.detail();
            t.readAll(ReadRequest.builder().asOfVersion(version - 1).build(), rs -> rs.getLong(1));
            t.readAll(ReadRequest.builder().filter("id > ?", 90).build(), rs -> rs.getString(2));
            t.update(Assignments.builder().value("v", "w" + r).build(), Condition.of("id = ?", base + 1));
            t.delete(Condition.of("id = ?", base + 5));
        }
        return System.nanoTime() - start;
    }

    private static long runJdbc(Connection c, String table) throws SQLException {
        create(c, table);
        String t = "`main`.`" + SCHEMA + "`.`" + table + "`";
        long start = System.nanoTime();
        for (int r = 0; r < ROUNDS; r++) {
            long base = 1000 + r * 10L;
            update(c, "INSERT INTO " + t + " (`id`, `v`) VALUES (?, ?), (?, ?)", base, "a", base + 1, "b");
            update(c, "UPDATE " + t + " SET `v` = ? WHERE id = ?", "u" + r, r);
            update(c, "DELETE FROM " + t + " WHERE id = ?", 50 + r);
            query(c, "MERGE INTO " + t + " AS `t` USING (SELECT * FROM VALUES (?, ?), (?, ?) AS `s`(`id`, `v`))"
                    + " AS `s` ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
                    base, "m", base + 5, "n");
            long version = Long.parseLong(query(c, "DESCRIBE HISTORY " + t + " LIMIT 1").get(0));
            query(c, "DESCRIBE DETAIL " + t);
            query(c, "SELECT * FROM " + t + " VERSION AS OF " + (version - 1));
            query(c, "SELECT * FROM " + t + " WHERE id > ?", 90);
            update(c, "UPDATE " + t + " SET `v` = ? WHERE id = ?", "w" + r, base + 1);
            update(c, "DELETE FROM " + t + " WHERE id = ?", base + 5);
        }
        return System.nanoTime() - start;
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            ps.executeUpdate();
        }
    }

    /** Runs a statement and reads every column of every row as a string (what a hand-written parser would). */
    private static List<String> query(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            List<String> first = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        String s = rs.getString(i);
                        if (i == 1) {
                            first.add(s);
                        }
                    }
                }
            }
            return first;
        }
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
