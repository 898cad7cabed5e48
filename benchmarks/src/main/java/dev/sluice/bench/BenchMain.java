package dev.sluice.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver-core benchmark (issue 2): builds the Arrow chunks, serves them from a loopback Statement Execution
 * server, and has each reader (Sluice, the official driver, arrow-java over the wire and in memory) read them
 * all in its own fresh JVM, alternating readers run after run. Then the memory checks, then the tables.
 * See benchmarks/README.md for how to read the output.
 */
public final class BenchMain {
    private final BenchOptions options;
    private final PrintStream out;

    private BenchMain(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        // arrow-java logs through SLF4J and the harness has no binding: keep its start-up notice out of the tables
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        new BenchMain(options, System.out).run(Layout.locate());
    }

    private void run(Layout layout) {
        layout.resetLogs();
        BenchData data = buildData();
        Report report = new Report(out);
        try (SeaServer server = SeaServer.start(data);
             ChildRunner runner = new ChildRunner(layout, server, data, options.timeout(), options.warmPasses(),
                     options.sluiceOptions())) {
            Thread stopChild = new Thread(runner::close, "stop-child");
            Runtime.getRuntime().addShutdownHook(stopChild);
            out.printf(Locale.ROOT, "server %s; JDBC URL %s%n", server.baseUrl(), runner.jdbcUrl(Compression.LZ4));
            out.println("child logs: " + layout.logs());
            List<Runnable> schedule = schedule(runner, report);
            out.println();
            schedule.forEach(Runnable::run);
            report.print(data, options);
            printUnexpected(server.unexpected());
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }

    private BenchData buildData() {
        out.printf(Locale.ROOT, "java %s on %d cores; building %,d rows in ~%d MiB chunks...%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), options.rows(),
                options.chunkMiB());
        long start = System.nanoTime();
        BenchData data = BenchData.build(options.rows(), (long) options.chunkMiB() << 20, options.batchRows());
        long none = data.bytes(Compression.NONE);
        long lz4 = data.bytes(Compression.LZ4);
        out.printf(Locale.ROOT, "%d chunks, %,d bytes Arrow IPC, %,d bytes LZ4 frame (%.0f%%), built in %.1f s%n",
                data.chunks().size(), none, lz4, 100.0 * lz4 / none, (System.nanoTime() - start) / 1e9);
        return data;
    }

    /**
     * Throughput runs first, readers rotated every run so none always goes first or last; then the memory
     * checks: Sluice in its small heap, the official driver in each of its heaps.
     */
    private List<Runnable> schedule(ChildRunner runner, Report report) {
        List<Reader> readers = options.readers();
        List<String[]> memoryChecks = new ArrayList<>();
        if (readers.contains(Reader.SLUICE)) {
            memoryChecks.add(new String[] {Reader.SLUICE.label(), options.sluiceSmallHeap()});
        }
        if (readers.contains(Reader.OFFICIAL)) {
            options.officialHeaps().forEach(h -> memoryChecks.add(new String[] {Reader.OFFICIAL.label(), h}));
        }
        int total = options.runs() * options.heaps().size() * options.modes().size() * readers.size()
                + options.memoryRuns() * options.modes().size() * memoryChecks.size();
        List<Runnable> schedule = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        for (int run = 0; run < options.runs(); run++) {
            for (String heap : options.heaps()) {
                for (Compression mode : options.modes()) {
                    for (int k = 0; k < readers.size(); k++) {
                        Reader reader = readers.get((k + run) % readers.size());
                        schedule.add(() -> {
                            RunResult r = runner.run(reader, mode, heap);
                            report.addThroughput(r);
                            report.progress((int) done.incrementAndGet(), total, r);
                        });
                    }
                }
            }
        }
        for (int run = 0; run < options.memoryRuns(); run++) {
            for (Compression mode : options.modes()) {
                for (String[] check : memoryChecks) {
                    schedule.add(() -> {
                        RunResult r = runner.run(Reader.ofLabel(check[0]), mode, check[1]);
                        report.addMemory(r);
                        report.progress((int) done.incrementAndGet(), total, r);
                    });
                }
            }
        }
        return schedule;
    }

    private void printUnexpected(Map<String, AtomicLong> unexpected) {
        if (unexpected.isEmpty()) {
            return;
        }
        out.println();
        out.println("== Requests the server did not expect (count) ==");
        unexpected.forEach((what, count) -> out.println(count + "  " + what));
    }
}
