package dev.sluice.bench.load;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one round measured: latencies of successful statements per kind, errors per kind and SQLState, and the
 * ledger of writes (acknowledged, or uncertain because they failed or were still running when the round ended).
 */
final class RoundStats {

    private final Map<Kind, List<Long>> latencies = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<String, Integer>> errors = new EnumMap<>(Kind.class);
    /** Up to three distinct messages per SQLState (by their first 60 characters), to show causes. */
    private final Map<String, Map<String, String>> messages = new TreeMap<>();
    final Set<Long> ackedInserts = ConcurrentHashMap.newKeySet();
    final Set<Long> uncertainInserts = ConcurrentHashMap.newKeySet();
    final Set<Long> ackedMerges = ConcurrentHashMap.newKeySet();
    final Set<Long> uncertainMerges = ConcurrentHashMap.newKeySet();

    RoundStats() {
        for (Kind k : Kind.values()) {
            latencies.put(k, new ArrayList<>());
            errors.put(k, new TreeMap<>());
        }
    }

    synchronized void ok(Kind kind, long nanos) {
        latencies.get(kind).add(nanos);
    }

    synchronized void failed(Kind kind, Throwable t) {
        String state = t instanceof SQLException e && e.getSQLState() != null ? e.getSQLState()
                : t.getClass().getSimpleName();
        errors.get(kind).merge(state, 1, Integer::sum);
        String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        Map<String, String> seen = messages.computeIfAbsent(state, k -> new TreeMap<>());
        if (seen.size() < 3) {
            seen.putIfAbsent(msg.substring(0, Math.min(60, msg.length())), msg);
        }
    }

    synchronized int okCount() {
        return latencies.values().stream().mapToInt(List::size).sum();
    }

    /** Prints the table of one round: per kind ok count, rate, p50, p99, and errors by SQLState. */
    synchronized void print(int pool, double seconds) {
        System.out.printf(Locale.ROOT, "%-7s %8s %8s %9s %9s %9s  %s%n", "kind", "ok", "q/s", "p50 ms", "p99 ms",
                "max ms", "errors by SQLState");
        int total = 0;
        for (Kind k : Kind.values()) {
            long[] l = latencies.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            total += l.length;
            System.out.printf(Locale.ROOT, "%-7s %8d %8.2f %9s %9s %9s  %s%n", k.name().toLowerCase(Locale.ROOT),
                    l.length, l.length / seconds, ms(l, 0.50), ms(l, 0.99), ms(l, 1.0), errors.get(k));
        }
        System.out.printf(Locale.ROOT, "all     %8d %8.2f   (pool %d, %.0f s)%n", total, total / seconds, pool, seconds);
        messages.forEach((state, m) -> m.values().forEach(msg -> System.out.println("  " + state + ": " + abbreviate(msg))));
    }

    private static String ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return String.format(Locale.ROOT, "%.0f", sorted[Math.max(0, i)] / 1e6);
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }
}
