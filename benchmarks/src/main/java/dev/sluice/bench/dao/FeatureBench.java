package dev.sluice.bench.dao;

import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.features.FeatureLookup;
import dev.sluice.dao.features.FeatureTableDefinition;
import dev.sluice.dao.features.FeatureTables;
import dev.sluice.dao.features.OnlineFeatures;
import dev.sluice.dao.features.TrainingSet;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Feature tables on one local warehouse: online lookup latency (single keys and 100-key batches, through
 * {@link FeatureTables#lookup} over one Sluice connection, i.e. driver, HTTP, serving endpoint and the H2 online
 * store), and the build time of a point-in-time training set of many entity rows with three lookups. Prints p50/p99
 * and their ratios to the seed's targets (p50 < 50 ms, p99 < 200 ms) and to the aim of a 5 ms p50.
 *
 * <p>Usage: {@code FeatureBench [entity rows=1000000] [keys=10000] [lookups=2000]}.
 */
public final class FeatureBench {

    private static final String SCHEMA = "main.fbench";

    private FeatureBench() {
    }

    public static void main(String[] args) throws Exception {
        long entityRows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Path dir = Files.createTempDirectory("sluice-feature-bench");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).start();
                Connection c = DriverManager.getConnection(w.jdbcUrl())) {
            FeatureTables features = FeatureTables.of(c);
            long t0 = System.nanoTime();
            setUp(c, features, keys, entityRows);
            System.out.printf("set-up: 3 feature tables of %,d keys x 3 timestamps, %,d entity rows: %.1f s%n", keys,
                    entityRows, seconds(t0));

            t0 = System.nanoTime();
            features.createOnlineStore("bench");
            features.publish(table("f0"), "bench", SCHEMA + ".f0_online");
            System.out.printf("publish of %,d keys: %.1f s%n", keys, seconds(t0));
            features.serve("bench", List.of(SCHEMA + ".f0_online"));

            latency(features, keys, lookups, 1);
            latency(features, keys, Math.max(50, lookups / 10), 100);

            TrainingSet.Builder set = TrainingSet.fromTable(table("entities"), "event_ts");
            for (int i = 0; i < 3; i++) {
                set.lookup(FeatureLookup.of(table("f" + i), "user_id").rename("v", "v" + i)
                        .lookback(Duration.ofDays(2)).build());
            }
            t0 = System.nanoTime();
            long rows = features.writeTrainingSet(set.build(), table("training"));
            System.out.printf("training set: %,d entity rows x 3 lookups written to a table in %.1f s (%,.0f rows/s)%n",
                    rows, seconds(t0), rows / seconds(t0));
        }
    }

    private static TableName table(String name) {
        return TableName.of("main", "fbench", name);
    }

    private static void setUp(Connection c, FeatureTables features, int keys, long entityRows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            for (int i = 0; i < 3; i++) {
                features.create(FeatureTableDefinition.builder(table("f" + i)).column("user_id", "BIGINT")
                        .column("ts", "TIMESTAMP").column("v", "DOUBLE").primaryKeys("user_id", "ts")
                        .timeseriesColumn("ts").build());
                // three values per key, a day apart, from 2024-01-01
                s.execute("INSERT INTO " + SCHEMA + ".f" + i + " SELECT id % " + keys + ", timestamp_seconds("
                        + "1704067200 + (id div " + keys + ") * 86400 + " + i + "), rand() FROM range(" + (3L * keys)
                        + ")");
            }
            s.execute("CREATE TABLE " + SCHEMA + ".entities AS SELECT id % " + keys + " AS user_id,"
                    + " timestamp_seconds(1704067200 + (id * 7919) % 259200) AS event_ts, id % 2 AS label"
                    + " FROM range(" + entityRows + ")");
        }
    }

    private static void latency(FeatureTables features, int keys, int calls, int batch) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < Math.max(50, calls / 10); i++) {
            call(features, keys, batch, random);
        }
        long[] nanos = new long[calls];
        int found = 0;
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            found += call(features, keys, batch, random);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double p50 = nanos[calls / 2] / 1e6;
        double p99 = nanos[Math.min(calls - 1, (int) Math.ceil(calls * 0.99) - 1)] / 1e6;
        System.out.printf("online lookup, %d key(s) per call, %,d calls (%,d keys found of %,d): p50 %.2f ms,"
                        + " p99 %.2f ms; p50/50 ms = %.3f, p99/200 ms = %.3f, p50/5 ms = %.2f%n", batch, calls, found,
                (long) calls * batch, p50, p99, p50 / 50, p99 / 200, p50 / 5);
    }

    private static int call(FeatureTables features, int keys, int batch, ThreadLocalRandom random) throws Exception {
        List<Map<String, Object>> request = new ArrayList<>(batch);
        for (int k = 0; k < batch; k++) {
            request.add(Map.of("user_id", (long) random.nextInt(keys)));
        }
        int found = 0;
        for (OnlineFeatures f : features.lookup("bench", request)) {
            found += f.found() ? 1 : 0;
        }
        return found;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
