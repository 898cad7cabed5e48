package dev.sluice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Command-line options; every one has a default that reproduces the setting. */
record BenchOptions(long rows, int runs, int chunkMiB, int batchRows, List<String> heaps, List<Compression> modes,
                    List<Reader> readers, int memoryRuns, String sluiceSmallHeap, List<String> officialHeaps,
                    int warmPasses, Duration timeout, List<String> sluiceOptions) {

    static final String USAGE = String.join(System.lineSeparator(),
            "java -jar benchmarks/target/sluice-benchmarks.jar [options]",
            "  --rows N             rows in the result (default 10000000; 1000000 for a quick check)",
            "  --runs K             measured runs per reader and mode, alternated; 0 skips them (default 5)",
            "  --chunk-mib M        target size of one uncompressed chunk in MiB (default 15)",
            "  --batch-rows B       rows per Arrow record batch inside a chunk (default 32768)",
            "  --heap LIST          -Xmx of the throughput runs, one table per heap, e.g. 64m,256m,512m,2g,4g (default 2g)",
            "  --modes LIST         none,lz4 (default both)",
            "  --readers LIST       sluice,official,arrow-net,arrow-mem (default), and sluice-old: Sluice with the"
                    + " byte budget it defaulted to before issue 12 (a quarter of the heap, 16 to 256 MiB), and"
                    + " sluice-base: Sluice on the class path in target/classpath/sluice-base.txt (another build), and floor:"
                    + " no driver, one HttpURLConnection session POST (the floor of the first-row time)",
            "  --memory-runs K      runs per memory check, 0 skips them (default 2)",
            "  --sluice-heap H      -Xmx in which Sluice must stream everything (default 128m)",
            "  --official-heaps L   -Xmx values tried for the official driver (default 512m,256m)",
            "  --warm-passes P      extra passes of the ceiling readers, best one shown as 'warm' (default 3)",
            "  --timeout S          seconds before a child run is killed (default 180)",
            "  --sluice-opts \"O..\"  extra JVM options of the Sluice children only, space-separated, for profiling,"
                    + " e.g. \"-Xlog:gc:file=gc-%p.log\"; url:Key=Value adds a connection property to"
                    + " Sluice's URL instead, e.g. url:ResultBufferBytes=16777216 (default none)");

    static BenchOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!USAGE.contains("  " + key + " ")) { // the usage text lists every option
                throw new IllegalArgumentException("unknown option " + key);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + key);
            }
            b.set(key, args[++i]);
        }
        return b.build();
    }

    /** Mutable while parsing only. */
    private static final class Builder {
        private long rows = 10_000_000;
        private int runs = 5;
        private int chunkMiB = 15;
        private int batchRows = 32_768;
        private List<String> heaps = List.of("2g");
        private List<Compression> modes = List.of(Compression.NONE, Compression.LZ4);
        private List<Reader> readers = Reader.DEFAULT;
        private int memoryRuns = 2;
        private String sluiceHeap = "128m";
        private List<String> officialHeaps = List.of("512m", "256m");
        private int warmPasses = 3;
        private int timeoutSeconds = 180;
        private List<String> sluiceOptions = List.of();

        void set(String key, String value) {
            switch (key) {
                case "--rows" -> rows = positive(key, Long.parseLong(value.replace("_", "")));
                case "--runs" -> runs = (int) atLeastZero(key, Integer.parseInt(value));
                case "--chunk-mib" -> chunkMiB = (int) positive(key, Integer.parseInt(value));
                case "--batch-rows" -> batchRows = (int) positive(key, Integer.parseInt(value));
                case "--heap" -> heaps = split(value);
                case "--modes" -> modes = split(value).stream().map(Compression::ofLabel).toList();
                case "--readers" -> readers = split(value).stream().map(Reader::ofLabel).toList();
                case "--memory-runs" -> memoryRuns = (int) atLeastZero(key, Integer.parseInt(value));
                case "--sluice-heap" -> sluiceHeap = value;
                case "--official-heaps" -> officialHeaps = split(value);
                case "--warm-passes" -> warmPasses = (int) atLeastZero(key, Integer.parseInt(value));
                case "--timeout" -> timeoutSeconds = (int) positive(key, Integer.parseInt(value));
                case "--sluice-opts" -> sluiceOptions = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }

        BenchOptions build() {
            if (heaps.isEmpty()) {
                throw new IllegalArgumentException("--heap needs at least one value");
            }
            return new BenchOptions(rows, runs, chunkMiB, batchRows, List.copyOf(heaps), modes, readers, memoryRuns,
                    sluiceHeap, officialHeaps, warmPasses, Duration.ofSeconds(timeoutSeconds), sluiceOptions);
        }

        private static long positive(String key, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(key + " must be positive, was " + value);
            }
            return value;
        }

        private static long atLeastZero(String key, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(key + " must not be negative, was " + value);
            }
            return value;
        }

        private static List<String> split(String value) {
            List<String> parts = new ArrayList<>();
            for (String p : value.split(",")) {
                if (!p.isBlank()) {
                    parts.add(p.trim());
                }
            }
            return parts;
        }
    }
}
