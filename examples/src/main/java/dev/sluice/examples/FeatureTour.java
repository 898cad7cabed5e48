package dev.sluice.examples;

import dev.sluice.dao.delta.Rows;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.features.FeatureLookup;
import dev.sluice.dao.features.FeatureTable;
import dev.sluice.dao.features.FeatureTableDefinition;
import dev.sluice.dao.features.FeatureTables;
import dev.sluice.dao.features.OnlineFeatures;
import dev.sluice.dao.features.TrainingSet;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Feature tables through Sluice: create a time series feature table (a Delta table whose primary key has a
 * TIMESERIES column), write feature rows that arrive out of order, build a point-in-time training set for labelled
 * events, publish the latest values to an online store and look them up by key through a feature serving endpoint.
 *
 * <p>It starts a local warehouse (Spark + Delta in a child JVM, data under {@code target/feature-tour}); the online
 * store is the warehouse's embedded one. The same calls run against a Databricks workspace.
 */
public final class FeatureTour {
    private static final String SCHEMA = "main.feature_tour";

    private FeatureTour() {
    }

    public static void main(String[] args) throws Exception {
        say("Starting a local warehouse (Spark + Delta in its own JVM; the first start takes a few seconds)");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(Path.of("target", "feature-tour", "data")).start();
             Connection c = DriverManager.getConnection(w.jdbcUrl())) {
            tour(c, FeatureTables.of(c));
        }
    }

    private static void tour(Connection c, FeatureTables features) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        TableName clicks = TableName.of("main", "feature_tour", "user_clicks");
        FeatureTable table = features.create(FeatureTableDefinition.builder(clicks)
                .column("user_id", "BIGINT").column("ts", "TIMESTAMP").column("clicks_7d", "BIGINT")
                .primaryKeys("user_id", "ts").timeseriesColumn("ts").comment("clicks in the 7 days before ts").build());
        say("1. Created " + table.name() + ": key " + table.primaryKeys() + ", TIMESERIES "
                + table.timeseriesColumn().orElseThrow());

        features.write(clicks, Rows.builder("user_id", "ts", "clicks_7d")
                .add(1L, at("10:00"), 4L).add(2L, at("10:00"), 40L).build());
        features.write(clicks, Rows.builder("user_id", "ts", "clicks_7d")
                .add(1L, at("12:00"), 9L).add(1L, at("09:00"), 1L).build());
        say("2. Wrote four feature rows in two batches; the 09:00 row arrived after the 10:00 one");

        TableName events = TableName.of("main", "feature_tour", "events");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + SCHEMA + ".events AS SELECT * FROM VALUES"
                    + " (1L, TIMESTAMP'2024-01-01 09:30:00', 0), (1L, TIMESTAMP'2024-01-01 11:00:00', 1),"
                    + " (2L, TIMESTAMP'2024-01-01 09:00:00', 0) AS e(user_id, event_ts, label)");
        }
        TrainingSet set = TrainingSet.fromTable(events, "event_ts")
                .lookup(FeatureLookup.of(clicks, "user_id").lookback(Duration.ofDays(7)).build()).build();
        say("3. Point-in-time training set (each event sees only values from before it):");
        try (ResultSet rs = features.trainingSet(set)) {
            while (rs.next()) {
                say("     user " + rs.getLong("user_id") + " at " + rs.getTimestamp("event_ts") + " label "
                        + rs.getInt("label") + " -> clicks_7d " + rs.getObject("clicks_7d"));
            }
        }

        features.createOnlineStore("tour-store");
        features.publish(clicks, "tour-store", SCHEMA + ".user_clicks_online");
        try {
            // the endpoint of an earlier run of the tour: the online store keeps it across restarts
            c.unwrap(SluiceWorkspace.class).features().deleteServingEndpoint("tour-features");
        } catch (WorkspaceException e) {
            // none yet
        }
        features.serve("tour-features", List.of(SCHEMA + ".user_clicks_online"));
        say("4. Published the latest value per user and created the serving endpoint tour-features");
        List<OnlineFeatures> found = features.lookup("tour-features",
                List.of(Map.of("user_id", 1L), Map.of("user_id", 2L), Map.of("user_id", 3L)));
        for (OnlineFeatures f : found) {
            say("     " + f.values() + (f.found() ? "" : " missing in " + f.missingTables()) + ", staleness "
                    + f.staleness().toMillis() + " ms");
        }
        long start = System.nanoTime();
        int n = 200;
        for (int i = 0; i < n; i++) {
            features.lookup("tour-features", Map.of("user_id", 1L));
        }
        say(String.format("5. %d single-key lookups: %.2f ms each on average", n, (System.nanoTime() - start) / 1e6 / n));
    }

    private static Timestamp at(String hhmm) {
        return Timestamp.valueOf("2024-01-01 " + hhmm + ":00");
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
