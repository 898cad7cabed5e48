package dev.sluice.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Command-line options of the load harness; every one has a default. */
record LoadOptions(List<Integer> pools, int seconds, int drainSeconds, Map<Kind, Integer> mix, String heap,
                   int bigRows, int validationSeconds) {

    static final String USAGE = String.join(System.lineSeparator(),
            "java -cp <see benchmarks/README.md> dev.sluice.bench.load.LoadMain [options]",
            "  --pools LIST     HikariCP pool sizes, one round each (default 50,200)",
            "  --seconds S      length of each round's measured load (default 60)",
            "  --drain S        seconds to wait for queries still running when a round ends (default 120)",
            "  --mix LIST       weights of the kinds: select=75,big=5,insert=12,merge=8 (the default)",
            "  --big-rows N     rows of the large read (default 200000: two chunks, served as external links)",
            "  --heap H         -Xmx of the local warehouse (default 2g)",
            "  --validation S   HikariCP validationTimeout in seconds (default 5, HikariCP's own default)");

    static LoadOptions parse(String[] args) {
        List<Integer> pools = List.of(50, 200);
        int seconds = 60;
        int drain = 120;
        Map<Kind, Integer> mix = mix("select=75,big=5,insert=12,merge=8");
        String heap = "2g";
        int bigRows = 200_000;
        int validation = 5;
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!USAGE.contains("  " + key + " ")) {
                throw new IllegalArgumentException("unknown option " + key);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + key);
            }
            String value = args[++i];
            switch (key) {
                case "--pools" -> {
                    List<Integer> p = new ArrayList<>();
                    for (String s : value.split(",")) {
                        p.add(positive(key, Integer.parseInt(s.trim())));
                    }
                    pools = List.copyOf(p);
                }
                case "--seconds" -> seconds = positive(key, Integer.parseInt(value));
                case "--drain" -> drain = positive(key, Integer.parseInt(value));
                case "--mix" -> mix = mix(value);
                case "--big-rows" -> bigRows = positive(key, Integer.parseInt(value));
                case "--heap" -> heap = value;
                case "--validation" -> validation = positive(key, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        return new LoadOptions(pools, seconds, drain, mix, heap, bigRows, validation);
    }

    private static Map<Kind, Integer> mix(String value) {
        Map<Kind, Integer> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mix expects kind=weight pairs, got '" + part + "'");
            }
            Kind k = Kind.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
            int w = Integer.parseInt(kv[1].trim());
            if (w < 0) {
                throw new IllegalArgumentException("--mix weight of " + k + " is negative: " + w);
            }
            out.put(k, w);
        }
        if (out.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("--mix gives every kind weight 0");
        }
        return out;
    }

    private static int positive(String key, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + v);
        }
        return v;
    }
}
