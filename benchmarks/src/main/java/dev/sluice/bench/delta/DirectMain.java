package dev.sluice.bench.delta;

import dev.sluice.delta.AppendResult;
import dev.sluice.delta.DeltaDirect;
import dev.sluice.delta.DirectColumn;
import dev.sluice.delta.DirectRows;
import dev.sluice.delta.DirectTable;
import dev.sluice.warehouse.launcher.LocalWarehouse;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Direct Delta through Kernel against the warehouse's own paths, in one run on one machine: rows/s of a direct
 * append of N rows x (BIGINT, STRING, DOUBLE, TIMESTAMP, DECIMAL(18,2)) (rows in hand to rows committed), of a
 * direct read of the same table, and of {@code SELECT *} of it through the Sluice driver, every value read.
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath/delta.txt)" \
 *     dev.sluice.bench.delta.DirectMain [rows] [runs]</pre>
 */
public final class DirectMain {
    private static final List<DirectColumn> COLUMNS = List.of(DirectColumn.of("id", "BIGINT"),
            DirectColumn.of("name", "STRING"), DirectColumn.of("score", "DOUBLE"), DirectColumn.of("ts", "TIMESTAMP"),
            DirectColumn.of("amount", "DECIMAL(18,2)"));

    private DirectMain() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("sluice-direct-");
        System.out.printf(Locale.ROOT, "direct Delta harness: %,d rows x %d columns, %d runs, %d cores, heap %d MB,"
                        + " Java %s%n", rows, COLUMNS.size(), runs, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir.resolve("data"))
                .logFile(dir.resolve("server.log")).serverArgs("--allow-path", dir.resolve("direct").toString())
                .start()) {
            DeltaDirect delta = DeltaDirect.create();
            List<Double> append = new ArrayList<>();
            List<Double> read = new ArrayList<>();
            List<Double> select = new ArrayList<>();
            // one unmeasured pass first: the JIT compiles Kernel's and Parquet's paths
            DirectTable warm = delta.path(dir.resolve("direct").resolve("warm-up"));
            warm.create(COLUMNS, List.of(), java.util.Map.of());
            Iterable<Object[]> warmRows = () -> generate(Math.min(rows, 1_000_000L));
            warm.append("warm-up", 1, warmRows);
            try (DirectRows cursor = warm.read().rows()) {
                while (cursor.next()) {
                    cursor.get(0);
                    cursor.get(1);
                }
            }
            for (int run = 0; run < runs; run++) {
                Path table = dir.resolve("direct").resolve("t" + run);
                DirectTable t = delta.path(table);
                t.create(COLUMNS, List.of(), java.util.Map.of());
                long start = System.nanoTime();
                Iterable<Object[]> source = () -> generate(rows);
                AppendResult r = t.append("bench", 1, source);
                append.add(rate(rows, start));
                if (r.rows() != rows) {
                    throw new IllegalStateException("appended " + r.rows() + " rows, not " + rows);
                }

                start = System.nanoTime();
                long sum = 0;
                try (DirectRows cursor = t.read().rows()) {
                    while (cursor.next()) {
                        sum += (Long) cursor.get(0) + ((String) cursor.get(1)).length();
                        cursor.get(2);
                        cursor.get(3);
                        cursor.get(4);
                    }
                    check(cursor.count(), rows, "direct read");
                }
                read.add(rate(rows, start));

                start = System.nanoTime();
                long n = 0;
                long sum2 = 0;
                try (Connection c = DriverManager.getConnection(w.jdbcUrl()); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT * FROM delta.`" + table.toUri() + "`")) {
                    while (rs.next()) {
                        sum2 += rs.getLong(1) + rs.getString(2).length();
                        rs.getDouble(3);
                        rs.getTimestamp(4);
                        rs.getBigDecimal(5);
                        n++;
                    }
                }
                check(n, rows, "SELECT *");
                if (sum != sum2) {
                    throw new IllegalStateException("checksums differ: direct " + sum + ", driver " + sum2);
                }
                select.add(rate(rows, start));
                System.out.printf(Locale.ROOT, "run %d: append %.2f M rows/s, direct read %.2f M rows/s,"
                        + " driver SELECT * %.2f M rows/s (%d files, %.1f MB)%n", run + 1, append.get(run) / 1e6,
                        read.get(run) / 1e6, select.get(run) / 1e6, r.files(), r.bytes() / 1e6);
            }
            double a = median(append);
            double d = median(read);
            double s = median(select);
            System.out.printf(Locale.ROOT, "%nmedians of %d runs (rows/s):%n", runs);
            System.out.printf(Locale.ROOT, "  direct Kernel append   %,12.0f   %.1fx the seed's 100 000 rows/s%n", a,
                    a / 100_000);
            System.out.printf(Locale.ROOT, "  direct Kernel read     %,12.0f   %.2fx the driver's SELECT *%n", d, d / s);
            System.out.printf(Locale.ROOT, "  driver SELECT *        %,12.0f%n", s);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static Iterator<Object[]> generate(long rows) {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public Object[] next() {
                long id = i++;
                return new Object[] {id, "name-" + id, id * 0.5, base.plusMillis(id), BigDecimal.valueOf(id, 2)};
            }
        };
    }

    private static void check(long got, long want, String what) {
        if (got != want) {
            throw new IllegalStateException(what + " returned " + got + " rows, not " + want);
        }
    }

    private static double rate(long rows, long startNanos) {
        return rows / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
