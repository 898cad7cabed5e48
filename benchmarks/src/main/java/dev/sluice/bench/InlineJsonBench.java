package dev.sluice.bench;

import dev.sluice.bench.probe.ProbeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 12's inline JSON goal: the benchmark rows (BIGINT, STRING, DOUBLE) as an INLINE JSON_ARRAY result in
 * several chunks, read by Sluice and by the official driver ({@code EnableArrow=0}, the same {@code JdbcProbe} as
 * the Arrow harness, in a fresh JVM per run), against the ceiling: jackson-core's streaming parser over the same
 * bytes in memory, touching every value ({@code JsonCeilingProbe}); and another build of Sluice as
 * {@code sluice-base} when {@code target/classpath/sluice-base.txt} exists. Then the heap Sluice holds per byte of JSON
 * ({@code JsonHeldProbe}). Every run is checked against the checksum of the served rows.
 *
 * <p>{@code java -cp benchmarks/target/sluice-benchmarks.jar dev.sluice.bench.InlineJsonBench [--rows N]
 * [--chunk-rows N] [--runs K] [--heap 64m,512m] [--warm-passes P]}
 */
public final class InlineJsonBench {
    private static final String[] READERS = {"sluice", "official", "jackson"};
    /** With another build of the driver in {@code target/classpath/sluice-base.txt}: before and after in one run. */
    private static final String[] READERS_WITH_BASE = {"sluice", "sluice-base", "official", "jackson"};

    private InlineJsonBench() {
    }

    private record Run(String reader, String heap, String status, long rows, double rowsPerSecond, double warm,
                       long peakLiveBytes, String log) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--rows", "200000", "--chunk-rows", "25000", "--runs", "5",
                "--heap", "64m,512m", "--warm-passes", "3", "--timeout", "180"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i])) {
                System.err.println("unknown option " + args[i] + "; options: " + o.keySet());
                System.exit(2);
            }
            o.put(args[i], args[i + 1]);
        }
        long rows = Long.parseLong(o.get("--rows"));
        int runs = Integer.parseInt(o.get("--runs"));
        List<String> heaps = List.of(o.get("--heap").split(","));
        Layout layout = Layout.locate();
        layout.resetLogs();
        String[] readers = layout.hasClasspath(Reader.SLUICE_BASE) ? READERS_WITH_BASE : READERS;
        try (InlineJsonServer server = InlineJsonServer.start(rows, Integer.parseInt(o.get("--chunk-rows")))) {
            System.out.printf(Locale.ROOT, "inline JSON: %d rows x (BIGINT, STRING, DOUBLE), %d chunks, %.1f MB of"
                            + " data_array JSON; %d runs per reader and heap, readers rotated%n", rows,
                    server.chunks().size(), server.jsonBytes() / 1e6, runs);
            String url = "jdbc:databricks://127.0.0.1:" + server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1)
                    + "/default;ssl=0;AuthMech=3;UID=token;PWD=x;httpPath=/sql/1.0/warehouses/bench;UseThriftClient=0"
                    + ";EnableTelemetry=0;UseBoundedSeaApi=1;EnableArrow=0";
            List<Run> results = new ArrayList<>();
            int seq = 0;
            for (int run = 0; run < runs; run++) {
                for (String heap : heaps) {
                    for (int k = 0; k < readers.length; k++) {
                        String reader = readers[(k + run) % readers.length];
                        List<String> cmd = new ArrayList<>(List.of(layout.java().toString(), "-Xmx" + heap, "-cp",
                                layout.classpath(reader.equals("official") ? Reader.OFFICIAL
                                        : reader.equals("sluice-base") ? Reader.SLUICE_BASE : Reader.SLUICE)));
                        if (reader.equals("jackson")) {
                            cmd.addAll(List.of("dev.sluice.bench.probe.JsonCeilingProbe", server.baseUrl(),
                                    Integer.toString(server.chunks().size()), o.get("--warm-passes")));
                        } else {
                            cmd.addAll(List.of("dev.sluice.bench.probe.JdbcProbe", url, ChildRunner.SQL,
                                    o.get("--warm-passes")));
                        }
                        Path log = layout.logs().resolve(String.format(Locale.ROOT, "json-%03d-%s-%s.log", ++seq,
                                reader, heap));
                        Map<String, String> f = launch(cmd, log, Long.parseLong(o.get("--timeout")));
                        Run r = classify(reader, heap, f, server, log);
                        results.add(r);
                        System.out.printf(Locale.ROOT, "[%3d] %-8s -Xmx%-5s %-6s %6.2f M rows/s%s  peak heap %4d MiB%n",
                                seq, reader, heap, r.status(), r.rowsPerSecond() / 1e6,
                                r.warm() > 0 ? String.format(Locale.ROOT, " (warm %.2f M)", r.warm() / 1e6) : "",
                                r.peakLiveBytes() >> 20);
                    }
                }
            }
            report(results, heaps, server, readers);
            held(layout, server);
        }
    }

    private static Run classify(String reader, String heap, Map<String, String> f, InlineJsonServer server, Path log) {
        String status = f.getOrDefault("status", "ERROR");
        long n = number(f, "rows");
        if ("OK".equals(status) && (n != server.rows() || number(f, "checksum") != server.checksum())) {
            status = "WRONG";
        }
        long nanos = number(f, "readNanos");
        long warm = number(f, "warmReadNanos");
        return new Run(reader, heap, status, n, nanos > 0 ? n * 1e9 / nanos : 0, warm > 0 ? n * 1e9 / warm : 0,
                number(f, "peakLiveBytes"), log.getFileName().toString());
    }

    private static void report(List<Run> results, List<String> heaps, InlineJsonServer server,
                               String[] readers) {
        System.out.println();
        System.out.println("| heap | reader | median rows/s (cold) | min | max | median warm rows/s | OK runs"
                + " | median peak heap | peak heap / JSON byte |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (String heap : heaps) {
            for (String reader : readers) {
                List<Run> ok = results.stream().filter(r -> r.heap().equals(heap) && r.reader().equals(reader)
                        && r.status().equals("OK")).toList();
                double[] rates = ok.stream().mapToDouble(Run::rowsPerSecond).sorted().toArray();
                double[] warm = ok.stream().mapToDouble(Run::warm).sorted().toArray();
                long[] peaks = ok.stream().mapToLong(Run::peakLiveBytes).sorted().toArray();
                long total = results.stream().filter(r -> r.heap().equals(heap) && r.reader().equals(reader)).count();
                double median = median(rates);
                double warmMedian = median(warm);
                medians.put(heap + " " + reader, new double[] {median, warmMedian});
                long peak = peaks.length == 0 ? 0 : peaks[peaks.length / 2];
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f M | %.2f M | %.2f M | %.2f M | %d of %d | %d MiB | %.2f |%n",
                        heap, reader, median / 1e6, rates.length == 0 ? 0 : rates[0] / 1e6,
                        rates.length == 0 ? 0 : rates[rates.length - 1] / 1e6, warmMedian / 1e6, rates.length, total,
                        peak >> 20, (double) peak / server.jsonBytes());
            }
        }
        System.out.println();
        for (String heap : heaps) {
            for (int w = 0; w < 2; w++) {
                double s = medians.get(heap + " sluice")[w];
                double off = medians.get(heap + " official")[w];
                double j = medians.get(heap + " jackson")[w];
                double[] base = medians.get(heap + " sluice-base");
                System.out.printf(Locale.ROOT, "-Xmx%s %s: sluice/official %.2fx, sluice/jackson %.0f %%;"
                                + " 4 M rows/s %s, half of jackson %s%s%n", heap, w == 0 ? "cold" : "warm",
                        off > 0 ? s / off : Double.NaN, j > 0 ? 100 * s / j : Double.NaN, s >= 4e6 ? "PASS" : "FAIL",
                        j > 0 && s >= j / 2 ? "PASS" : "FAIL", base == null || base[w] <= 0 ? ""
                                : String.format(Locale.ROOT, "; sluice/sluice-base %.2fx", s / base[w]));
            }
        }
    }

    /** Heap held per JSON byte, measured once in its own JVM (full collections around the parse). */
    private static void held(Layout layout, InlineJsonServer server) {
        Path log = layout.logs().resolve("json-held.log");
        List<String> cmd = List.of(layout.java().toString(), "-Xmx1g", "-cp", layout.classpath(Reader.SLUICE),
                "dev.sluice.bench.probe.JsonHeldProbe", server.baseUrl(), Integer.toString(server.chunks().size()));
        String output = run(cmd, log, 300);
        Map<String, String> f = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(ProbeResult.PREFIX + "held ")) {
                for (String pair : line.substring((ProbeResult.PREFIX + "held ").length()).trim().split(" ")) {
                    String[] kv = pair.split("=", 2);
                    f.put(kv[0], kv[1]);
                }
            }
        }
        long json = number(f, "jsonBytes");
        if (json == 0) {
            System.out.println("heap held: no result, see " + log);
            return;
        }
        System.out.printf(Locale.ROOT, "heap held while a chunk is read (chunks 1..%d, %.1f MB of JSON): Sluice %.2f bytes"
                        + " per JSON byte (target at most 3); one String[] per row as before: %.2f%n",
                server.chunks().size() - 1, json / 1e6, (double) number(f, "sluiceBytes") / json,
                (double) number(f, "stringRowsBytes") / json);
        long memRows = number(f, "memRows");
        if (memRows > 0) {
            double sluice = memRows * 1e9 / number(f, "sluiceMemNanos");
            double jackson = memRows * 1e9 / number(f, "jacksonMemNanos");
            System.out.printf(Locale.ROOT, "in memory, warm (best of 10, no HTTP): Sluice's parse + accessors %.2f M rows/s,"
                    + " jackson streaming %.2f M rows/s: %.0f %%%n", sluice / 1e6, jackson / 1e6, 100 * sluice / jackson);
        }
    }

    private static Map<String, String> launch(List<String> cmd, Path log, long timeoutSeconds) {
        String output = run(cmd, log, timeoutSeconds);
        Map<String, String> fields = new HashMap<>();
        int at = output.lastIndexOf(ProbeResult.PREFIX);
        if (at < 0) {
            return fields;
        }
        int end = output.indexOf('\n', at);
        String line = output.substring(at + ProbeResult.PREFIX.length(), end < 0 ? output.length() : end).trim();
        int message = line.indexOf("message=");
        if (message >= 0) {
            line = line.substring(0, message);
        }
        for (String pair : line.trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    private static String run(List<String> cmd, Path log, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? 0 : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long number(Map<String, String> f, String key) {
        try {
            return Long.parseLong(f.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
