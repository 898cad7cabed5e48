package dev.sluice.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the asynchronous submit costs a short query: the latency of {@code SELECT 1} through Sluice with the hybrid
 * wait ({@code WaitTimeout=10}, the old default: one POST that answers with the result) against the asynchronous
 * submit ({@code WaitTimeout=0}, the default: a POST that answers with the id at once, then polls that start after
 * 2 ms and double). Both run in the same JVM against the same warehouse, in alternating rounds so that drift on a
 * busy machine hits both alike.
 *
 * <p>{@code java -cp <sluice-jdbc and its dependencies>:benchmarks/target/classes dev.sluice.bench.ShortQueryLatency
 * <jdbc url of a running local warehouse> [rounds] [queries per round]}
 */
public final class ShortQueryLatency {
    private ShortQueryLatency() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length < 1) {
            System.err.println("usage: ShortQueryLatency <jdbc url> [rounds=10] [queries per round=50]");
            System.exit(2);
        }
        String url = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put("hybrid wait (WaitTimeout=10, before)", ";WaitTimeout=10");
        modes.put("async submit + fast polls (WaitTimeout=0, after)", ";WaitTimeout=0");
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        Map<String, Connection> connections = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> mode : modes.entrySet()) {
                Connection c = DriverManager.getConnection(url + mode.getValue());
                connections.put(mode.getKey(), c);
                samples.put(mode.getKey(), new ArrayList<>());
                run(c, perRound, null);
            }
            for (int round = 0; round < rounds; round++) {
                for (String mode : modes.keySet()) {
                    run(connections.get(mode), perRound, samples.get(mode));
                }
            }
        } finally {
            for (Connection c : connections.values()) {
                c.close();
            }
        }
        System.out.printf("SELECT 1 latency, %d queries per mode in %d alternating rounds%n", rounds * perRound,
                rounds);
        double baseline = -1;
        for (Map.Entry<String, List<Long>> e : samples.entrySet()) {
            long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            double p50 = percentile(sorted, 0.50);
            if (baseline < 0) {
                baseline = p50;
            }
            System.out.printf("  %-50s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  (%.2fx the first)%n", e.getKey(),
                    p50, percentile(sorted, 0.90), percentile(sorted, 0.99), p50 / baseline);
        }
    }

    private static void run(Connection c, int count, List<Long> into) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new IllegalStateException("SELECT 1 did not return 1");
                    }
                }
                if (into != null) {
                    into.add(System.nanoTime() - start);
                }
            }
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
        return sorted[index] / 1e6;
    }
}
