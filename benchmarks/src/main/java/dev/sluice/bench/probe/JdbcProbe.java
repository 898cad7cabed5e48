package dev.sluice.bench.probe;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Child JVM that reads the benchmark result through whichever JDBC driver is on its class path, the way an
 * application does: {@code executeQuery}, {@code next()}, {@code getLong}, {@code getString}, {@code getDouble}.
 * Runs with nothing but -Xmx: no flag may help a driver here.
 *
 * <p>Arguments: JDBC URL, SQL text, and optionally a number of warm passes: the query is then read that many more
 * times on the same connection and the best pass is reported as {@code warmReadNanos} (what the read costs once the
 * JIT has compiled it; the inline JSON benchmark compares it with the warm ceiling).
 */
public final class JdbcProbe {
    private JdbcProbe() {
    }

    public static void main(String[] args) {
        long mainEpochMs = System.currentTimeMillis();
        HeapWatch heap = HeapWatch.start();
        long[] rows = {0};
        int exit = 0;
        try {
            read(args[0], args[1], args.length > 2 ? Integer.parseInt(args[2]) : 0, heap, rows, mainEpochMs);
        } catch (Throwable t) {
            t.printStackTrace();
            ProbeResult.failed(t, rows[0]);
            exit = 1;
        }
        // drivers may leave non-daemon pools behind; the measurement is over either way
        System.exit(exit);
    }

    private static void read(String url, String sql, int warmPasses, HeapWatch heap, long[] rows,
                             long mainEpochMs) throws Exception {
        long connectEpochMs = System.currentTimeMillis();
        try (Connection connection = connect(url);
             Statement statement = connection.createStatement()) {
            long connectedEpochMs = System.currentTimeMillis();
            long start = System.nanoTime();
            long firstRowEpochMs = 0;
            long end;
            long acc = 0;
            long n = 0;
            try (ResultSet rs = statement.executeQuery(sql)) {
                if (rs.next()) {
                    firstRowEpochMs = System.currentTimeMillis();
                    do {
                        acc = Checksum.add(acc, rs.getLong(1), rs.getString(2), rs.getDouble(3));
                        n++;
                        rows[0] = n;
                    } while (rs.next());
                }
                // the clock stops at the last row: closing (statement DELETE, pool shutdown) is not reading
                end = System.nanoTime();
            }
            // where a cold start goes, for the log only: main() entered, the heap watch (JMX) set up,
            // DriverManager.getConnection, then executeQuery to the first row
            System.out.println("SLUICE-BENCH-PHASES mainEpochMs=" + mainEpochMs + " watchMs="
                    + (connectEpochMs - mainEpochMs) + " connectMs=" + (connectedEpochMs - connectEpochMs)
                    + " queryMs=" + (firstRowEpochMs - connectedEpochMs));
            long best = 0;
            StringBuilder passes = new StringBuilder();
            for (int i = 0; i < warmPasses; i++) {
                long s = System.nanoTime();
                long check = 0;
                try (ResultSet rs = statement.executeQuery(sql)) {
                    while (rs.next()) {
                        check = Checksum.add(check, rs.getLong(1), rs.getString(2), rs.getDouble(3));
                    }
                }
                long t = System.nanoTime() - s;
                if (check != acc) {
                    throw new IllegalStateException("warm pass " + i + " read checksum " + check + ", not " + acc);
                }
                best = best == 0 ? t : Math.min(best, t);
                passes.append(passes.length() == 0 ? "" : ",").append(t / 1_000_000);
            }
            if (warmPasses > 0) {
                // each warm pass, for the log only: on 2 cores a short result's passes shorten as the JIT's
                // compiler threads finish (benchmarks/README.md, inline JSON)
                System.out.println("SLUICE-BENCH-WARM passMs=" + passes);
            }
            ProbeResult.ok(n, acc, end - start, best, firstRowEpochMs, heap.peakLiveBytes());
        }
    }

    /**
     * DriverManager, as applications connect; but it skips a driver whose class fails to load and then only
     * says "No suitable driver", so in that case the service entries are loaded again to surface the cause.
     */
    private static Connection connect(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("No suitable driver")) {
                throw e;
            }
            List<String> found = new ArrayList<>();
            try {
                for (Driver d : ServiceLoader.load(Driver.class)) {
                    found.add(d.getClass().getName());
                }
            } catch (ServiceConfigurationError | LinkageError cause) {
                e.addSuppressed(cause);
                throw new SQLException("DriverManager found no driver for the URL; one failed to load: " + cause,
                        e.getSQLState(), e);
            }
            String why = found.isEmpty() ? "no java.sql.Driver on the class path" : "drivers present: " + found;
            throw new SQLException("DriverManager found no driver for the URL; " + why, e.getSQLState(), e);
        }
    }
}
