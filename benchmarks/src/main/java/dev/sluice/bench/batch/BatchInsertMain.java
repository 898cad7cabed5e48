package dev.sluice.bench.batch;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rows per second of a {@code PreparedStatement} batch {@code INSERT INTO t VALUES (?, ?, ?, ?, ?)} of
 * (BIGINT, STRING, DOUBLE, DECIMAL(18,2), TIMESTAMP) through {@code executeBatch}, on one local warehouse in
 * one run: Sluice (default: parameters, then literals), Sluice with {@code BatchInsertLiterals=0} (256
 * parameters per statement), and Databricks' own driver with its multi-row rewrite ({@code EnableBatchedInserts=1})
 * parameterised and interpolated ({@code supportManyParameters=1}). Each cell inserts into a fresh Delta table and
 * checks the row count afterwards. The parameter-only variants take minutes for 100 000 rows, so they run only up
 * to {@code slowMax} rows; larger cells are left out and marked.
 *
 * A cell that takes longer than {@code timeoutSeconds} is abandoned (its connection closed) and marked.
 *
 * <p>Usage: {@code BatchInsertMain [rows,rows,...] [slowMax] [timeoutSeconds] [warmUpRows]} (default
 * {@code 1000,10000,100000 10000 600 300}); a small {@code warmUpRows} lets a driver that sends one statement per row
 * reach its measured cells.
 */
public final class BatchInsertMain {

    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    private BatchInsertMain() {
    }

    /** One way of running the batch: a driver and the properties added to the warehouse's URL. */
    private record Variant(String name, Driver driver, String urlSuffix, boolean slow) {
    }

    /** What a cell measured: INSERT statements the server ran, and the time spent in {@code executeBatch} alone. */
    private record Cell(int statements, long batchNanos) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "1000,10000,100000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int slowMax = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long timeoutSeconds = args.length > 2 ? Long.parseLong(args[2]) : 600;
        int warmUpRows = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        Path dir = Files.createTempDirectory("sluice-batch-bench");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).start()) {
            System.out.printf(Locale.ROOT, "warehouse at %s started in %d ms%n", w.baseUrl(),
                    w.startupTime().toMillis());
            Driver sluice = new SluiceDriver();
            Driver official = new com.databricks.client.jdbc.Driver();
            String officialBase = ";UseThriftClient=0;EnableTelemetry=0;EnableBatchedInserts=1";
            List<Variant> variants = List.of(
                    new Variant("Sluice", sluice, "", false),
                    new Variant("Sluice BatchInsertLiterals=0", sluice, ";BatchInsertLiterals=0", true),
                    new Variant("official supportManyParameters=1", official,
                            officialBase + ";supportManyParameters=1", false),
                    new Variant("official (256 parameters)", official, officialBase, true));
            Map<String, Map<Integer, String>> table = new LinkedHashMap<>();
            for (Variant v : variants) {
                Map<Integer, String> cells = new LinkedHashMap<>();
                table.put(v.name(), cells);
                // warm-up: class loading, the first statement's plan
                if (timed(w, v, warmUpRows, "warm", timeoutSeconds) == null) {
                    sizes.forEach(rows -> cells.put(rows, "warm-up did not finish in " + timeoutSeconds + " s"));
                    continue;
                }
                for (int rows : sizes) {
                    if (v.slow() && rows > slowMax) {
                        cells.put(rows, "not run");
                        continue;
                    }
                    long start = System.nanoTime();
                    Cell measured = timed(w, v, rows, "t" + rows, timeoutSeconds);
                    double cellSeconds = (System.nanoTime() - start) / 1e9;
                    if (measured == null) {
                        cells.put(rows, "> " + timeoutSeconds + " s");
                        System.out.printf(Locale.ROOT, "%s, %d rows: not done in %d s%n", v.name(), rows,
                                timeoutSeconds);
                        break;
                    }
                    double seconds = measured.batchNanos() / 1e9;
                    String cell = String.format(Locale.ROOT, "%,.0f rows/s (%.1f s)", rows / seconds, seconds);
                    System.out.printf(Locale.ROOT,
                            "%s, %d rows: executeBatch %s, %d statements; whole cell %.1f s (connect, CREATE, "
                                    + "checks, DROP)%n", v.name(), rows, cell, measured.statements(), cellSeconds);
                    cells.put(rows, cell);
                }
            }
            System.out.println();
            StringBuilder head = new StringBuilder("| driver |");
            StringBuilder rule = new StringBuilder("|---|");
            for (int rows : sizes) {
                head.append(String.format(Locale.ROOT, " %,d rows |", rows));
                rule.append("---:|");
            }
            System.out.println(head);
            System.out.println(rule);
            for (Map.Entry<String, Map<Integer, String>> e : table.entrySet()) {
                StringBuilder line = new StringBuilder("| ").append(e.getKey()).append(" |");
                for (int rows : sizes) {
                    line.append(' ').append(e.getValue().getOrDefault(rows, "not run")).append(" |");
                }
                System.out.println(line);
            }
        }
        System.exit(0);
    }

    /** {@link #run} on its own thread; null when it did not finish in time (its connection is then closed). */
    private static Cell timed(LocalWarehouse w, Variant v, int rows, String suffix, long timeoutSeconds)
            throws Exception {
        AtomicReference<Connection> open = new AtomicReference<>();
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Cell> f = one.submit(() -> run(w, v, rows, suffix, open));
            try {
                return f.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                Connection c = open.get();
                if (c != null) {
                    c.close();
                }
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException(v.name() + ", " + rows + " rows failed", e.getCause());
            }
        } finally {
            one.shutdownNow();
        }
    }

    /**
     * Inserts {@code rows} rows into a fresh table; returns the number of INSERT statements the server ran and the
     * time {@code executeBatch} took (the table's creation, the checks and the DROP are not part of it).
     */
    private static Cell run(LocalWarehouse w, Variant v, int rows, String suffix, AtomicReference<Connection> open)
            throws SQLException {
        String table = "main.default.batch_" + v.name().replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT)
                + "_" + suffix;
        try (Connection c = v.driver().connect(w.jdbcUrl() + v.urlSuffix(), new Properties())) {
            open.set(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE TABLE " + table
                        + " (id BIGINT, name STRING, score DOUBLE, amount DECIMAL(18,2), ts TIMESTAMP) USING DELTA");
            }
            long batchNanos;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, i % 16 == 0 ? "name-" + i + "-\u00e9" : "name-" + i);
                    ps.setDouble(3, i * 0.25);
                    ps.setBigDecimal(4, BigDecimal.valueOf(i * 100L + 7, 2));
                    ps.setTimestamp(5, Timestamp.from(BASE.plusSeconds(i)));
                    ps.addBatch();
                }
                long batchStart = System.nanoTime();
                int[] counts = ps.executeBatch();
                batchNanos = System.nanoTime() - batchStart;
                if (counts.length != rows) {
                    throw new IllegalStateException(v.name() + ": " + counts.length + " update counts for " + rows);
                }
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM " + table)) {
                rs.next();
                if (rs.getLong(1) != rows || rs.getLong(2) != rows) {
                    throw new IllegalStateException(v.name() + ": " + rs.getLong(1) + " rows in " + table
                            + ", expected " + rows);
                }
            }
            int statements = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE HISTORY " + table)) {
                while (rs.next()) {
                    statements++;
                }
            }
            statements--; // the CREATE
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
            return new Cell(statements, batchNanos);
        }
    }
}
