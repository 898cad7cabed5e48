package dev.sluice.bench.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load harness of issue 8: a local warehouse on loopback, HikariCP pools of the Sluice driver (50 and 200
 * connections by default), a mixed workload for a bounded time per pool size, then a check that every acknowledged
 * write is in its table exactly once. Not a test: it prints figures and exits 0, or 1 when a write is missing or
 * duplicated.
 */
public final class LoadMain {

    private static final AtomicLong IDS = new AtomicLong();

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        Path dir = Files.createTempDirectory("sluice-load-");
        System.out.printf(Locale.ROOT, "load harness: pools %s, %d s each, mix %s, big read %d rows, validation timeout"
                        + " %d s; %d cores, %s%n", o.pools(), o.seconds(), o.mix(), o.bigRows(), o.validationSeconds(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        boolean allWritesOk = true;
        long t0 = System.nanoTime();
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir.resolve("data"))
                .logFile(dir.resolve("server.log")).heap(o.heap()).start()) {
            System.out.printf(Locale.ROOT, "warehouse at %s started in %d ms (log %s)%n", w.baseUrl(),
                    w.startupTime().toMillis(), w.logFile());
            for (int pool : o.pools()) {
                allWritesOk &= round(w, o, pool);
            }
        } finally {
            deleteTree(dir);
        }
        System.out.printf(Locale.ROOT, "done in %.0f s; writes %s%n", (System.nanoTime() - t0) / 1e9,
                allWritesOk ? "all present exactly once" : "LOST OR DUPLICATED (see above)");
        System.exit(allWritesOk ? 0 : 1);
    }

    /** One pool size: set up tables, run the load, drain, verify. Returns false when a write is wrong. */
    private static boolean round(LocalWarehouse w, LoadOptions o, int pool) throws Exception {
        String events = "load_events_" + pool;
        String merged = "load_merge_" + pool;
        try (Connection c = connectPatiently(w); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE " + events + " (id BIGINT, worker STRING) USING DELTA");
            s.execute("CREATE OR REPLACE TABLE " + merged + " (k BIGINT, v BIGINT) USING DELTA");
        }
        System.out.printf(Locale.ROOT, "%n== pool %d ==%n", pool);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(w.jdbcUrl());
        cfg.setMaximumPoolSize(pool);
        cfg.setMinimumIdle(pool);
        cfg.setConnectionTimeout(TimeUnit.SECONDS.toMillis(60));
        // HikariCP validates a connection idle for more than 0.5 s before handing it out (the driver runs SELECT 1)
        cfg.setValidationTimeout(TimeUnit.SECONDS.toMillis(o.validationSeconds()));
        cfg.setPoolName("load-" + pool);
        RoundStats stats = new RoundStats();
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            long fill = System.nanoTime();
            while (ds.getHikariPoolMXBean().getTotalConnections() < pool
                    && System.nanoTime() - fill < TimeUnit.SECONDS.toNanos(120)) {
                Thread.sleep(100);
            }
            System.out.printf(Locale.ROOT, "pool filled to %d connections in %d ms%n",
                    ds.getHikariPoolMXBean().getTotalConnections(), (System.nanoTime() - fill) / 1_000_000);
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(o.seconds());
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < pool; i++) {
                String name = "load-" + pool + "-" + i;
                Thread t = new Thread(() -> work(ds, o, events, merged, name, end, stats), name);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            long drainUntil = end + TimeUnit.SECONDS.toNanos(o.drainSeconds());
            int stuck = 0;
            for (Thread t : workers) {
                long left = drainUntil - System.nanoTime();
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (t.isAlive()) {
                    stuck++;
                }
            }
            double seconds = (Math.min(System.nanoTime(), drainUntil) - start) / 1e9;
            System.out.printf(Locale.ROOT, "load ran %.1f s (%d s of new statements, then draining)%s%n", seconds,
                    o.seconds(), stuck == 0 ? "" : "; " + stuck + " workers still running after the drain");
            stats.print(pool, seconds);
        }
        return verify(w, events, "id", stats.ackedInserts, stats.uncertainInserts)
                & verify(w, merged, "k", stats.ackedMerges, stats.uncertainMerges);
    }

    private static void work(HikariDataSource ds, LoadOptions o, String events, String merged, String worker, long end,
                             RoundStats stats) {
        int total = o.mix().values().stream().mapToInt(Integer::intValue).sum();
        while (System.nanoTime() < end) {
            Kind kind = pick(o.mix(), ThreadLocalRandom.current().nextInt(total));
            long id = IDS.incrementAndGet();
            Set<Long> uncertain = kind == Kind.INSERT ? stats.uncertainInserts
                    : kind == Kind.MERGE ? stats.uncertainMerges : null;
            if (uncertain != null) {
                uncertain.add(id); // until acknowledged: a failed or unfinished write may still land
            }
            long t = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                run(c, kind, id, o, events, merged, worker);
                stats.ok(kind, System.nanoTime() - t);
                if (kind == Kind.INSERT) {
                    stats.ackedInserts.add(id);
                    uncertain.remove(id);
                } else if (kind == Kind.MERGE) {
                    stats.ackedMerges.add(id);
                    uncertain.remove(id);
                }
            } catch (SQLException | RuntimeException e) {
                stats.failed(kind, e);
                pause(); // an application would not spin on a failing server either
            }
        }
    }

    private static void run(Connection c, Kind kind, long id, LoadOptions o, String events, String merged,
                            String worker) throws SQLException {
        switch (kind) {
            case SELECT -> {
                try (PreparedStatement p = c.prepareStatement("SELECT ? AS n, upper('sluice') AS s")) {
                    p.setLong(1, id);
                    try (ResultSet r = p.executeQuery()) {
                        expect(r.next() && r.getLong(1) == id, "the small SELECT returned the wrong row");
                    }
                }
            }
            case BIG -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                        "SELECT id, CAST(id AS STRING) AS s, id * 0.5 AS d FROM range(" + o.bigRows() + ")")) {
                    long n = 0;
                    long sum = 0;
                    while (r.next()) {
                        sum += r.getLong(1);
                        n++;
                    }
                    long rows = o.bigRows();
                    expect(n == rows && sum == rows * (rows - 1) / 2, "the large read returned " + n + " rows");
                }
            }
            case INSERT -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + events + " VALUES (?, ?)")) {
                    p.setLong(1, id);
                    p.setString(2, worker);
                    p.executeUpdate();
                }
            }
            case MERGE -> {
                try (PreparedStatement p = c.prepareStatement("MERGE INTO " + merged + " t USING (SELECT CAST(? AS BIGINT)"
                        + " AS k, CAST(? AS BIGINT) AS v) s ON t.k = s.k WHEN MATCHED THEN UPDATE SET t.v = s.v"
                        + " WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v)")) {
                    p.setLong(1, id);
                    p.setLong(2, id * 10);
                    p.executeUpdate();
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /**
     * Every acknowledged key is present exactly once; an uncertain one (the write failed or had not finished) at
     * most once; nothing else is present.
     */
    private static boolean verify(LocalWarehouse w, String table, String key, Set<Long> acked, Set<Long> uncertain)
            throws SQLException {
        Map<Long, Long> counts = new HashMap<>();
        try (Connection c = connectPatiently(w); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + key + ", count(*) FROM " + table + " GROUP BY " + key)) {
            while (r.next()) {
                counts.put(r.getLong(1), r.getLong(2));
            }
        }
        long missing = acked.stream().filter(k -> !counts.containsKey(k)).count();
        long duplicated = counts.values().stream().filter(n -> n > 1).count();
        long uncertainLanded = uncertain.stream().filter(counts::containsKey).count();
        long unknown = counts.keySet().stream().filter(k -> !acked.contains(k) && !uncertain.contains(k)).count();
        boolean ok = missing == 0 && duplicated == 0 && unknown == 0;
        System.out.printf(Locale.ROOT, "%-17s acknowledged %6d, missing %d, duplicated %d, unknown %d;"
                        + " failed or unfinished %d (of which landed %d)  %s%n", table, acked.size(), missing,
                duplicated, unknown, uncertain.size(), uncertainLanded, ok ? "OK" : "WRONG");
        return ok;
    }

    /** A connection for the checks: the driver's breaker may still be open after a failing round. */
    private static Connection connectPatiently(LocalWarehouse w) throws SQLException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                return DriverManager.getConnection(w.jdbcUrl());
            } catch (SQLException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                System.out.println("waiting to connect for the checks: " + e.getMessage().lines().findFirst().orElse(""));
                sleep(5000);
            }
        }
    }

    private static void pause() {
        sleep(100);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Kind pick(Map<Kind, Integer> mix, int r) {
        for (Map.Entry<Kind, Integer> e : mix.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("weights exhausted");
    }

    private static void expect(boolean ok, String message) throws SQLException {
        if (!ok) {
            throw new SQLException(message, "WRONG");
        }
    }

    private static void deleteTree(Path p) {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + p + ": " + e.getMessage());
        }
    }
}
