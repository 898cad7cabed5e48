package dev.sluice.bench.bulk;

import dev.sluice.dao.delta.BulkLoadResult;
import dev.sluice.dao.delta.BulkOptions;
import dev.sluice.dao.delta.BulkRows;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.TableName;
import dev.sluice.delta.AppendResult;
import dev.sluice.delta.DeltaDirect;
import dev.sluice.delta.DirectTable;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Bulk load against the driver's batched INSERT, end to end on one local warehouse (rows in hand to rows
 * committed in a Delta table): {@code rows} rows x (BIGINT, STRING, DOUBLE, TIMESTAMP, DECIMAL(18,2)) through
 * {@link DeltaTable#bulkAppend} (Parquet files staged in a volume, one COPY INTO), and {@code insert-rows} of the
 * same rows through {@code PreparedStatement.addBatch/executeBatch} (the driver's multi-row rewrite), in one run.
 * and the same rows appended straight to an EXTERNAL table's files by Delta Kernel ({@code sluice-delta}). Rows
 * are generated as they are consumed, never held. Prints rows/s of each way and their ratios. Class path:
 * {@code benchmarks/target/classpath/delta.txt} (Kernel reads the Delta log with jackson-databind).
 *
 * <p>Usage: {@code BulkLoadBench [--rows 10000000] [--insert-rows 5000] [--batch 1000] [--heap 4g]}
 */
public final class BulkLoadBench {

    private static final List<String> COLUMNS = List.of("id", "name", "amount", "ts", "price");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private BulkLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        long insertRows = 5_000;
        int batch = 1000;
        String heap = "4g";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[i + 1]);
                case "--insert-rows" -> insertRows = Long.parseLong(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--heap" -> heap = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--rows, --insert-rows, --batch, --heap)");
            }
        }
        Path dir = Files.createTempDirectory("sluice-bulk-bench");
        System.out.printf("warehouse heap %s, %d cores; starting the local warehouse%n", heap,
                Runtime.getRuntime().availableProcessors());
        Path external = dir.resolveSibling(dir.getFileName() + "-external");
        Files.createDirectories(external);
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).heap(heap)
                .serverArgs("--allow-path", external.toString()).start();
                Connection c = DriverManager.getConnection(w.jdbcUrl())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS main.bench");
                s.execute("CREATE VOLUME IF NOT EXISTS main.bench.staging");
                for (String t : List.of("bulk", "batched", "warm", "direct")) {
                    s.execute("CREATE TABLE main.bench." + t + " (id BIGINT, name STRING, amount DOUBLE,"
                            + " ts TIMESTAMP, price DECIMAL(18,2))" + (t.equals("direct")
                            ? " LOCATION '" + external.resolve("direct").toUri() + "'" : ""));
                }
            }
            BulkOptions options = BulkOptions.staging("/Volumes/main/bench/staging");
            System.out.println("warm-up: 200 000 rows bulk, 2 000 rows batched");
            DeltaTable.of(c, TableName.of("main", "bench", "warm")).bulkAppend(rows(200_000), options);
            insert(c, "warm", 2_000, batch);

            BulkLoadResult bulk = DeltaTable.of(c, TableName.of("main", "bench", "bulk")).bulkAppend(rows(rows),
                    options);
            check(c, "bulk", rows);
            double bulkRate = bulk.rowsPerSecond();
            System.out.printf("bulk append: %,d rows in %.2f s = %,.0f rows/s (encode %.2f s, upload %.2f s"
                    + " overlapping it, COPY INTO %.2f s, cleanup %.2f s; %d files, %,d bytes)%n", bulk.rows(),
                    secs(bulk.total()), bulkRate, secs(bulk.encode()), secs(bulk.upload()), secs(bulk.load()),
                    secs(bulk.cleanup()), bulk.files(), bulk.bytes());

            long t = System.nanoTime();
            insert(c, "batched", insertRows, batch);
            double insertSecs = (System.nanoTime() - t) / 1e9;
            check(c, "batched", insertRows);
            double insertRate = insertRows / insertSecs;
            System.out.printf("batched INSERT (%d rows per executeBatch): %,d rows in %.2f s = %,.0f rows/s%n",
                    batch, insertRows, insertSecs, insertRate);
            System.out.printf("bulk append / batched INSERT: %.1fx%n", bulkRate / insertRate);

            // the third way: Delta Kernel writes the table's files itself (sluice-delta), an EXTERNAL table
            // resolved through Unity Catalog with vended READ_WRITE credentials
            DirectTable direct = DeltaDirect.create().table(c, "main.bench.direct");
            direct.append("bench-warm-up", 1, arrays(Math.min(rows, 200_000)));
            t = System.nanoTime();
            AppendResult appended = direct.append("bench", 1, arrays(rows));
            double directSecs = (System.nanoTime() - t) / 1e9;
            check(c, "direct", rows + Math.min(rows, 200_000));
            double directRate = appended.rows() / directSecs;
            System.out.printf("direct Kernel append: %,d rows in %.2f s = %,.0f rows/s (%d files, %,d bytes)%n",
                    appended.rows(), directSecs, directRate, appended.files(), appended.bytes());
            System.out.printf("direct Kernel append / bulk append: %.2fx; / batched INSERT: %.1fx%n",
                    directRate / bulkRate, directRate / insertRate);
        }
    }

    private static double secs(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Row {@code i}: deterministic values of the five types. */
    private static Object[] row(long i) {
        return new Object[] {i, "name-" + Long.toString(i * 2654435761L & 0xffffffffL, 36), i * 0.25,
            Timestamp.from(T0.plusMillis(i)), BigDecimal.valueOf(i % 1_000_000_007L, 2)};
    }

    private static Iterable<Object[]> arrays(long n) {
        return () -> new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Object[] next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return row(next++);
            }
        };
    }

    private static BulkRows rows(long n) {
        return BulkRows.ofArrays(COLUMNS, arrays(n).iterator());
    }

    private static void insert(Connection c, String table, long n, int batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO main.bench." + table
                + " (id, name, amount, ts, price) VALUES (?, ?, ?, ?, ?)")) {
            for (long i = 0; i < n; i++) {
                Object[] r = row(i);
                for (int k = 0; k < r.length; k++) {
                    ps.setObject(k + 1, r[k]);
                }
                ps.addBatch();
                if ((i + 1) % batch == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void check(Connection c, String table, long n) throws SQLException {
        if (table.equals("direct")) {
            // the ids repeat between the warm-up append and the measured one
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM main.bench.direct")) {
                rs.next();
                if (rs.getLong(1) != n) {
                    throw new IllegalStateException("direct holds " + rs.getLong(1) + " rows, not " + n);
                }
            }
            return;
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM main.bench." + table)) {
            rs.next();
            if (rs.getLong(1) != n || rs.getLong(2) != n) {
                throw new IllegalStateException(table + " holds " + rs.getLong(1) + " rows (" + rs.getLong(2)
                        + " distinct), not " + n);
            }
        }
    }
}
