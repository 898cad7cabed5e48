package dev.sluice.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Turns run results into the tables the README explains: medians, ratios, memory checks, targets. */
final class Report {
    /** Issue 12's goals: rows/s at every heap (uncompressed, LZ4), times the official driver, first row. */
    private static final double TARGET_RATIO = 10.0;
    private static final double TARGET_ROWS_NONE = 15e6;
    private static final double TARGET_ROWS_LZ4 = 12e6;
    private static final long TARGET_FIRST_ROW_MS = 300;
    /**
     * The same goals as shares of the ceiling on the day it was written (Arrow Java decoding the bytes in
     * memory, warm): 15 M of about 28 M rows/s uncompressed, 12 M of about 20.9 M with LZ4 (the issue's own table
     * gives 7.7 M as 37 % of it). Machines differ by more than the gap to the goal (one day here Arrow Java's
     * in-memory decode ran at half another day's speed), so each run also prints Sluice against its own ceiling.
     */
    private static final double CEILING_SHARE_NONE = 15.0 / 28.0;
    private static final double CEILING_SHARE_LZ4 = 12.0 / 20.9;

    private final PrintStream out;
    private final List<RunResult> throughput = new ArrayList<>();
    private final List<RunResult> memory = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void addThroughput(RunResult r) {
        throughput.add(r);
    }

    void addMemory(RunResult r) {
        memory.add(r);
    }

    /** One line per finished run, so a long benchmark shows progress and a failure shows its log. */
    void progress(int done, int total, RunResult r) {
        String what = String.format(Locale.ROOT, "[%3d/%d] %-4s %-9s -Xmx%-5s", done, total,
                r.compression().label(), r.reader().label(), r.heap());
        if (r.ok()) {
            out.printf(Locale.ROOT,
                    "%s OK    %7s rows/s  first row %5d ms  peak heap %4d MiB  links %d, downloads %d%n", what,
                    millions(r.rowsPerSecond()), r.firstRowMillis(), mib(r.peakLiveBytes()), r.linkRequests(),
                    r.downloads());
        } else {
            out.printf(Locale.ROOT, "%s %-5s after %,d rows: %s (log %s)%n", what, r.status(), r.rows(),
                    shorten(r.message()), r.log().getFileName());
        }
        out.flush();
    }

    void print(BenchData data, BenchOptions options) {
        if (!throughput.isEmpty()) {
            printThroughput(data, options);
        }
        printMemory();
        printTargets(data, options);
    }

    private void printThroughput(BenchData data, BenchOptions options) {
        for (String heap : options.heaps()) {
            out.println();
            out.printf(Locale.ROOT, "== Throughput: %,d rows x (BIGINT, STRING, DOUBLE), %d chunks, -Xmx%s, "
                    + "median of the OK runs ==%n", data.rows(), data.chunks().size(), heap);
            out.println("mode reader       median rows/s   min .. max rows/s    warm rows/s   first row (cold)  peak heap"
                    + "  ok/runs");
            for (Compression mode : options.modes()) {
                for (Reader reader : options.readers()) {
                    throughputRow(mode, reader, heap);
                }
            }
            printRatios(options, heap);
        }
        if (options.heaps().size() > 1) {
            printHeapSummary(options);
        }
    }

    /** One line per mode and reader across the heaps: does more heap make a reader faster or slower? */
    private void printHeapSummary(BenchOptions options) {
        out.println();
        out.println("== Median rows/s by heap ==");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-4s %-10s", "mode", "reader"));
        for (String heap : options.heaps()) {
            header.append(String.format(Locale.ROOT, "  %9s", "-Xmx" + heap));
        }
        out.println(header);
        for (Compression mode : options.modes()) {
            for (Reader reader : options.readers()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-4s %-10s", mode.label(),
                        reader.label()));
                for (String heap : options.heaps()) {
                    List<RunResult> ok = select(throughput, mode, reader, heap).stream().filter(RunResult::ok)
                            .toList();
                    row.append(String.format(Locale.ROOT, "  %9s", ok.isEmpty()
                            ? statusOf(select(throughput, mode, reader, heap))
                            : millions(median(ok, RunResult::rowsPerSecond))));
                }
                out.println(row);
            }
        }
    }

    private static String statusOf(List<RunResult> runs) {
        return runs.isEmpty() ? "-" : runs.get(0).status().toString();
    }

    private void throughputRow(Compression mode, Reader reader, String heap) {
        List<RunResult> runs = select(throughput, mode, reader, heap);
        List<RunResult> ok = runs.stream().filter(RunResult::ok).toList();
        String line = String.format(Locale.ROOT, "%-4s %-10s", mode.label(), reader.label());
        if (ok.isEmpty()) {
            out.printf(Locale.ROOT, "%s  %13s   %-19s  %11s  %16s  %9s  %d/%d  %s%n", line, "-", "", "", "-", "-", 0,
                    runs.size(),
                    runs.isEmpty() ? "" : runs.get(0).status() + ": " + shorten(runs.get(0).message()));
            return;
        }
        double warm = median(ok, RunResult::warmRowsPerSecond);
        out.printf(Locale.ROOT, "%s  %13s   %8s .. %-8s  %11s  %13d ms  %5d MiB  %d/%d%n", line,
                millions(median(ok, RunResult::rowsPerSecond)), millions(min(ok)), millions(max(ok)),
                warm > 0 ? millions(warm) : "", (long) median(ok, RunResult::firstRowMillis),
                mib((long) median(ok, RunResult::peakLiveBytes)), ok.size(), runs.size());
    }

    private void printRatios(BenchOptions options, String heap) {
        out.println();
        out.println("== Ratios of median rows/s, -Xmx" + heap + " ==");
        // a "+" marks the ceiling's warm figure (best pass after the JIT has compiled the decode)
        String[][] pairs = {{"sluice", "official"}, {"sluice", "arrow-net"}, {"sluice", "arrow-mem"},
                {"sluice", "arrow-mem+"}, {"official", "arrow-net"}, {"official", "arrow-mem"},
                {"sluice", "sluice-old"}, {"sluice", "sluice-base"}};
        StringBuilder header = new StringBuilder("mode");
        for (String[] p : pairs) {
            header.append(String.format(Locale.ROOT, "  %18s", p[0] + "/" + p[1]));
        }
        out.println(header);
        for (Compression mode : options.modes()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-4s", mode.label()));
            for (String[] p : pairs) {
                boolean warm = p[1].endsWith("+");
                double ratio = ratio(mode, Reader.ofLabel(p[0]), Reader.ofLabel(p[1].replace("+", "")), warm, heap);
                row.append(String.format(Locale.ROOT, "  %18s", Double.isNaN(ratio) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", ratio)));
            }
            out.println(row);
        }
    }

    private void printMemory() {
        if (memory.isEmpty()) {
            return;
        }
        out.println();
        out.println("== Memory: the whole result read in a small heap (peak = largest heap in use after a GC) ==");
        out.println("reader     -Xmx   mode  streamed   peak heap  results");
        List<String> seen = new ArrayList<>();
        for (RunResult r : memory) {
            String key = r.reader() + " " + r.heap() + " " + r.compression();
            if (seen.contains(key)) {
                continue;
            }
            seen.add(key);
            List<RunResult> runs = select(memory, r.compression(), r.reader(), r.heap());
            long passed = runs.stream().filter(RunResult::ok).count();
            long peak = runs.stream().filter(RunResult::ok).mapToLong(RunResult::peakLiveBytes).max().orElse(0);
            StringBuilder statuses = new StringBuilder();
            for (RunResult x : runs) {
                statuses.append(statuses.length() == 0 ? "" : ", ").append(x.status());
                if (!x.ok()) {
                    statuses.append(String.format(Locale.ROOT, " after %,d rows", x.rows()));
                }
            }
            out.printf(Locale.ROOT, "%-10s %-6s %-4s  %4d/%-4d %9s   %s%n", r.reader().label(), r.heap(),
                    r.compression().label(), passed, runs.size(), passed == 0 ? "-" : mib(peak) + " MiB", statuses);
        }
    }

    private void printTargets(BenchData data, BenchOptions options) {
        out.println();
        out.println("== Targets (issue 12), each beside its baselines from this run ==");
        for (Compression mode : options.modes()) {
            double floor = mode == Compression.NONE ? TARGET_ROWS_NONE : TARGET_ROWS_LZ4;
            for (String heap : options.heaps()) {
                double sluice = medianRows(mode, Reader.SLUICE, heap);
                double ratio = ratio(mode, Reader.SLUICE, Reader.OFFICIAL, false, heap);
                out.printf(Locale.ROOT, "%-4s -Xmx%-5s sluice >= %s rows/s: %-26s sluice >= %.0fx official: %-16s"
                                + " official %s, arrow-mem %s%n", mode.label(), heap, millions(floor),
                        Double.isNaN(sluice) ? "not measured" : (sluice >= floor ? "PASS" : "FAIL")
                                + " (" + millions(sluice) + ")",
                        TARGET_RATIO, Double.isNaN(ratio) ? "n/a" : (ratio >= TARGET_RATIO ? "PASS" : "FAIL")
                                + String.format(Locale.ROOT, " (%.2fx)", ratio),
                        orNone(medianRows(mode, Reader.OFFICIAL, heap)), orNone(medianRows(mode, Reader.ARROW_MEM, heap)));
            }
            // the ceiling does not depend on the heap the driver gets; Arrow Java holds every chunk, so it runs only
            // in the larger heaps: their pooled warm median is the ceiling for every heap
            List<RunResult> ceiling = select(throughput, mode, Reader.ARROW_MEM, null).stream()
                    .filter(RunResult::ok).filter(r -> r.warmRowsPerSecond() > 0).toList();
            if (!ceiling.isEmpty()) {
                double warm = median(ceiling, RunResult::warmRowsPerSecond);
                double share = mode == Compression.NONE ? CEILING_SHARE_NONE : CEILING_SHARE_LZ4;
                for (String heap : options.heaps()) {
                    double sluice = medianRows(mode, Reader.SLUICE, heap);
                    out.printf(Locale.ROOT, "%-4s -Xmx%-5s sluice >= %.2f of arrow-mem warm (%s of the issue's %s):"
                                    + " %s%n", mode.label(), heap, share, millions(floor),
                            millions(floor / share), Double.isNaN(sluice) ? "not measured"
                                    : (sluice / warm >= share ? "PASS" : "FAIL") + String.format(Locale.ROOT,
                                    " (%.2f; %s of %s)", sluice / warm, millions(sluice), millions(warm)));
                }
            }
        }
        List<RunResult> firsts = throughput.stream().filter(r -> r.reader() == Reader.SLUICE && r.ok()).toList();
        if (!firsts.isEmpty()) {
            out.printf(Locale.ROOT, "sluice first row (JVM launch to first row) median %.0f ms; target < %d ms"
                    + " (meaningful with --rows 1000)%n", median(firsts, r -> r.firstRowMillis()), TARGET_FIRST_ROW_MS);
        }
        List<RunResult> small = memory.stream().filter(r -> r.reader() == Reader.SLUICE).toList();
        if (!small.isEmpty()) {
            boolean all = small.stream().allMatch(RunResult::ok);
            out.printf(Locale.ROOT, "sluice streams all %,d rows in -Xmx%s: %s (%d/%d runs)%n", data.rows(),
                    small.get(0).heap(), all ? "PASS" : "FAIL", small.stream().filter(RunResult::ok).count(),
                    small.size());
        }
    }

    private double medianRows(Compression mode, Reader reader, String heap) {
        List<RunResult> ok = select(throughput, mode, reader, heap).stream().filter(RunResult::ok).toList();
        return ok.isEmpty() ? Double.NaN : median(ok, RunResult::rowsPerSecond);
    }

    private String orNone(double rowsPerSecond) {
        return Double.isNaN(rowsPerSecond) ? "-" : millions(rowsPerSecond);
    }

    /** Median rows/s of a over that of b (b's warm figure if asked), NaN when either has no OK run. */
    private double ratio(Compression mode, Reader a, Reader b, boolean warmB, String heap) {
        List<RunResult> x = select(throughput, mode, a, heap).stream().filter(RunResult::ok).toList();
        List<RunResult> y = select(throughput, mode, b, heap).stream().filter(RunResult::ok).toList();
        double denominator = y.isEmpty() ? 0
                : median(y, warmB ? RunResult::warmRowsPerSecond : RunResult::rowsPerSecond);
        if (x.isEmpty() || denominator <= 0) {
            return Double.NaN;
        }
        return median(x, RunResult::rowsPerSecond) / denominator;
    }

    private static List<RunResult> select(List<RunResult> from, Compression mode, Reader reader, String heap) {
        return from.stream().filter(r -> r.compression() == mode && r.reader() == reader)
                .filter(r -> heap == null || heap.equals(r.heap())).toList();
    }

    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double min(List<RunResult> runs) {
        return runs.stream().min(Comparator.comparingDouble(RunResult::rowsPerSecond)).orElseThrow().rowsPerSecond();
    }

    private static double max(List<RunResult> runs) {
        return runs.stream().max(Comparator.comparingDouble(RunResult::rowsPerSecond)).orElseThrow().rowsPerSecond();
    }

    static String millions(double rowsPerSecond) {
        return String.format(Locale.ROOT, "%.2f M", rowsPerSecond / 1e6);
    }

    /** Long driver messages (URLs, nested causes) would break the tables; the log has the whole story. */
    private static String shorten(String message) {
        return message.length() <= 160 ? message : message.substring(0, 157) + "...";
    }

    static long mib(long bytes) {
        return bytes >> 20;
    }
}
