package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.Rows;
import dev.sluice.dao.delta.SchemaEvolutionConflict;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.features.FeatureLookup;
import dev.sluice.dao.features.FeatureStoreError;
import dev.sluice.dao.features.FeatureTable;
import dev.sluice.dao.features.FeatureTableDefinition;
import dev.sluice.dao.features.FeatureTables;
import dev.sluice.dao.features.OnlineFeatures;
import dev.sluice.dao.features.TrainingSet;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Feature tables end to end on the local warehouse: TIMESERIES keys in DDL and in Unity Catalog, writes, reads as of
 * a time, a point-in-time training set whose feature rows arrive late and out of order, publish and online lookups
 * (re-publish, missing keys, 50 concurrent callers) and the feature procedures over JDBC.
 */
@ExtendWith(LocalWarehouseExtension.class)
class FeatureTablesTest {

    private final LocalWarehouse warehouse;
    private final RestClient rest;
    private Connection connection;
    private FeatureTables features;
    private String schema;

    FeatureTablesTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @BeforeEach
    void connect() throws Exception {
        connection = DriverManager.getConnection(warehouse.jdbcUrl());
        features = FeatureTables.of(connection);
        schema = "fs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        sql("CREATE SCHEMA main." + schema);
    }

    @AfterEach
    void close() throws Exception {
        sql("DROP SCHEMA main." + schema + " CASCADE");
        connection.close();
    }

    private TableName table(String name) {
        return TableName.of("main", schema, name);
    }

    private void sql(String text) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute(text);
        }
    }

    private static Timestamp at(String hhmm) {
        return Timestamp.valueOf("2024-01-01 " + hhmm + ":00");
    }

    /** Clicks per user as a time series, spend as another, country as a plain (latest-value) table. */
    private void createTables() throws Exception {
        features.create(FeatureTableDefinition.builder(table("clicks")).column("user_id", "BIGINT")
                .column("ts", "TIMESTAMP").column("clicks", "BIGINT").primaryKeys("user_id", "ts")
                .timeseriesColumn("ts").comment("clicks so far").tag("team", "growth").build());
        features.create(FeatureTableDefinition.builder(table("spend")).column("user_id", "BIGINT")
                .column("ts", "TIMESTAMP").column("spend", "DOUBLE").primaryKeys("user_id", "ts")
                .timeseriesColumn("ts").build());
        features.create(FeatureTableDefinition.builder(table("profile")).column("user_id", "BIGINT")
                .column("country", "STRING").primaryKeys("user_id").build());
    }

    /** Written in four batches: the 09:00 row arrives after the 10:00 one, and 12:00 before 11:00. */
    private void writeFeatures() throws Exception {
        features.write(table("clicks"), Rows.builder("user_id", "ts", "clicks")
                .add(1L, at("10:00"), 1L).add(2L, at("10:00"), 100L).build());
        features.write(table("clicks"), Rows.builder("user_id", "ts", "clicks").add(1L, at("09:00"), 7L).build());
        features.write(table("clicks"), Rows.builder("user_id", "ts", "clicks")
                .add(1L, at("12:00"), 3L).add(1L, at("11:00"), 2L).build());
        features.write(table("spend"), Rows.builder("user_id", "ts", "spend")
                .add(1L, at("11:30"), 6.0).add(1L, at("08:00"), 5.0).build());
        features.write(table("profile"), Rows.builder("user_id", "country").add(1L, "FR").add(2L, "US").build());
        features.write(table("profile"), Rows.builder("user_id", "country").add(1L, "DE").build());
    }

    @Test
    void timeseriesKeyIsInTheCatalogAndTheFeatureTable() throws Exception {
        createTables();
        FeatureTable clicks = features.get(table("clicks"));
        assertThat(clicks.primaryKeys()).containsExactly("user_id", "ts");
        assertThat(clicks.timeseriesColumn()).contains("ts");
        assertThat(clicks.lookupKeys()).containsExactly("user_id");
        assertThat(clicks.featureNames()).containsExactly("clicks");
        assertThat(clicks.comment()).contains("clicks so far");
        assertThat(clicks.tags()).containsEntry("team", "growth");
        assertThat(features.get(table("profile")).timeseriesColumn()).isEmpty();
        assertThat(features.list("main", schema)).extracting(t -> t.name().table())
                .containsExactlyInAnyOrder("clicks", "spend", "profile");

        JsonNode uc = rest.get("/api/2.1/unity-catalog/tables/main." + schema + ".clicks").body();
        JsonNode pk = uc.path("table_constraints").get(0).path("primary_key_constraint");
        assertThat(pk.path("child_columns").toString()).isEqualTo("[\"user_id\",\"ts\"]");
        assertThat(pk.path("timeseries_columns").toString()).isEqualTo("[\"ts\"]");

        sql("CREATE TABLE main." + schema + ".plain (id BIGINT)");
        assertThatThrownBy(() -> features.get(table("plain"))).isInstanceOf(FeatureStoreError.class)
                .hasMessageContaining("no primary key").extracting("SQLState").isEqualTo("42704");
        assertThatThrownBy(() -> features.get(table("absent"))).isInstanceOf(FeatureStoreError.class)
                .extracting(e -> ((FeatureStoreError) e).errorCode().orElseThrow()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

        // a workspace without the feature-store REST shape: the same answers from Unity Catalog's table_constraints
        assertThat(rest.post("/sluice/faults", "{\"action\":\"error\",\"path\":\"^/api/2\\\\.0/feature-store/.*\","
                + "\"status\":404,\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"No API found\"}").status())
                .isEqualTo(200);
        try {
            FeatureTable fromCatalog = features.get(table("clicks"));
            assertThat(fromCatalog.primaryKeys()).containsExactly("user_id", "ts");
            assertThat(fromCatalog.timeseriesColumn()).contains("ts");
            assertThat(fromCatalog.featureNames()).containsExactly("clicks");
            assertThat(fromCatalog.comment()).contains("clicks so far");
            assertThat(fromCatalog.tags()).containsEntry("team", "growth");
            assertThat(features.list("main", schema)).extracting(t -> t.name().table())
                    .containsExactlyInAnyOrder("clicks", "spend", "profile");
            assertThatThrownBy(() -> features.get(table("plain"))).isInstanceOf(FeatureStoreError.class)
                    .hasMessageContaining("no primary key").extracting("SQLState").isEqualTo("42704");
            assertThat(features.write(table("profile"), Rows.builder("user_id", "country").add(5L, "NL").build()))
                    .isEqualTo(1);
        } finally {
            rest.delete("/sluice/faults");
        }
    }

    @Test
    void writesAreValidatedMergedOrAppendedAndReadAsOfATime() throws Exception {
        createTables();
        writeFeatures();
        assertThatThrownBy(() -> features.write(table("clicks"), Rows.builder("user_id", "ts", "clicks", "extra")
                .add(1L, at("13:00"), 1L, "x").build())).isInstanceOf(SchemaEvolutionConflict.class)
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> features.write(table("clicks"), Rows.builder("user_id", "ts", "clicks")
                .add(1L, at("13:00"), "many").build())).isInstanceOf(SchemaEvolutionConflict.class)
                .hasMessageContaining("clicks");
        assertThatThrownBy(() -> features.write(table("profile"), Rows.builder("country").add("NL").build()))
                .isInstanceOf(SQLIntegrityConstraintViolationException.class).hasMessageContaining("user_id");

        assertThat(rows("SELECT user_id, country FROM main." + schema + ".profile ORDER BY user_id"))
                .containsExactly("1|DE", "2|US");
        try (ResultSet rs = features.readAsOf(table("clicks"), at("11:00").toInstant())) {
            assertThat(render(rs)).containsExactlyInAnyOrder("1|2024-01-01 11:00:00.0|2", "2|2024-01-01 10:00:00.0|100");
        }
        try (ResultSet rs = features.read(table("clicks"))) {
            assertThat(render(rs)).hasSize(5);
        }
    }

    /**
     * Each entity row gets the latest value at or before its event time, within spend's two-hour lookback. A naive
     * join on the key (or the latest value) would give clicks 3 and spend 6.0 to every row of user 1.
     */
    @Test
    void trainingSetNeverReadsFromTheFuture() throws Exception {
        createTables();
        writeFeatures();
        sql("CREATE TABLE main." + schema + ".events (user_id BIGINT, event_ts TIMESTAMP, label INT)");
        Rows.Builder events = Rows.builder("user_id", "event_ts", "label");
        for (String[] e : new String[][] {{"1", "08:30"}, {"1", "09:30"}, {"1", "09:30"}, {"1", "10:59"},
                {"1", "11:00"}, {"1", "11:45"}, {"1", "13:00"}, {"2", "09:59"}, {"2", "10:00"}, {"3", "12:00"}}) {
            events.add(Long.parseLong(e[0]), at(e[1]), 1);
        }
        DeltaTable.of(connection, table("events")).append(events.build());
        TrainingSet set = TrainingSet.fromTable(table("events"), "event_ts")
                .lookup(FeatureLookup.of(table("clicks"), "user_id").rename("clicks", "clicks_at_event").build())
                .lookup(FeatureLookup.of(table("spend"), "user_id").features("spend").rename("spend", "spend_2h")
                        .lookback(Duration.ofHours(2)).build())
                .lookup(FeatureLookup.of(table("profile"), "user_id").build())
                .build();
        List<String> expected = List.of(
                "1|2024-01-01 08:30:00.0|1|null|5.0|DE",
                "1|2024-01-01 09:30:00.0|1|7|5.0|DE",
                "1|2024-01-01 09:30:00.0|1|7|5.0|DE",
                "1|2024-01-01 10:59:00.0|1|1|null|DE",
                "1|2024-01-01 11:00:00.0|1|2|null|DE",
                "1|2024-01-01 11:45:00.0|1|2|6.0|DE",
                "1|2024-01-01 13:00:00.0|1|3|6.0|DE",
                "2|2024-01-01 09:59:00.0|1|null|null|US",
                "2|2024-01-01 10:00:00.0|1|100|null|US",
                "3|2024-01-01 12:00:00.0|1|null|null|null");
        try (ResultSet rs = features.trainingSet(set)) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnLabel(4)).isEqualTo("clicks_at_event");
            assertThat(md.getColumnLabel(5)).isEqualTo("spend_2h");
            assertThat(md.getColumnLabel(6)).isEqualTo("country");
            List<String> rows = render(rs);
            rows.sort(null);
            assertThat(rows).containsExactlyElementsOf(expected);
        }
        assertThat(features.writeTrainingSet(set, table("training"))).isEqualTo(10);
        assertThat(rows("SELECT * FROM main." + schema + ".training ORDER BY user_id, event_ts"))
                .containsExactlyElementsOf(expected);
        assertThat(features.trainingSetSql(set)).startsWith("SELECT ").doesNotContain(";");
    }

    @Test
    void onlineLookupsFollowPublishesAndReportMissingKeys() throws Exception {
        createTables();
        writeFeatures();
        features.createOnlineStore("fs-store");
        features.createOnlineStore("fs-store");
        String clicksOnline = "main." + schema + ".clicks_online";
        String profileOnline = "main." + schema + ".profile_online";
        assertThat(features.publish(table("clicks"), "fs-store", clicksOnline).rowCount()).isEqualTo(2);
        features.publish(table("profile"), "fs-store", profileOnline);
        String endpoint = "ep-" + schema;
        features.serve(endpoint, List.of(clicksOnline, profileOnline));

        OnlineFeatures one = features.lookup(endpoint, Map.of("user_id", 1));
        assertThat(one.found()).isTrue();
        assertThat(one.values()).containsEntry("clicks", 3L).containsEntry("country", "DE");
        assertThat(one.staleness()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofMinutes(5));
        assertThat(one.featureTimestamps()).containsKey(clicksOnline);

        List<OnlineFeatures> batch = features.lookup(endpoint, List.of(Map.of("user_id", 2), Map.of("user_id", 3)));
        assertThat(batch.get(0).values()).containsEntry("clicks", 100L).containsEntry("country", "US");
        assertThat(batch.get(1).found()).isFalse();
        assertThat(batch.get(1).missingTables()).containsExactly(clicksOnline, profileOnline);
        assertThat(batch.get(1).values()).containsOnlyKeys("user_id");

        features.write(table("clicks"), Rows.builder("user_id", "ts", "clicks").add(1L, at("14:00"), 9L).build());
        sql("DELETE FROM main." + schema + ".clicks WHERE user_id = 2");
        assertThat(features.lookup(endpoint, Map.of("user_id", 1)).values()).containsEntry("clicks", 3L);
        features.publish(table("clicks"), "fs-store", clicksOnline);
        assertThat(features.lookup(endpoint, Map.of("user_id", 1)).values()).containsEntry("clicks", 9L);
        OnlineFeatures deleted = features.lookup(endpoint, Map.of("user_id", 2));
        assertThat(deleted.missingTables()).containsExactly(clicksOnline);
        assertThat(deleted.values()).containsEntry("country", "US").doesNotContainKey("clicks");

        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> callers = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                int caller = c;
                callers.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 10; i++) {
                        long user = 1 + (caller + i) % 3;
                        OnlineFeatures f = features.lookup(endpoint, Map.of("user_id", user));
                        assertThat(f.values().get("clicks")).isEqualTo(user == 1 ? 9L : null);
                        assertThat(f.values().get("country")).isEqualTo(user == 1 ? "DE" : user == 2 ? "US" : null);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : callers) {
                assertThat(f.get()).isEqualTo(10);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> features.lookup("no-such-endpoint", Map.of("user_id", 1)))
                .isInstanceOf(FeatureStoreError.class).extracting("SQLState").isEqualTo("42704");
        assertThat(rest.post("/api/2.0/feature-store/tables/main." + schema + ".clicks/publish",
                "{\"publish_spec\":{\"online_store\":\"no-store\",\"online_table_name\":\"main.x.y\"}}").body()
                .path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void proceduresWriteLookUpAndBuildTrainingSets() throws Exception {
        createTables();
        try (CallableStatement cs = connection.prepareCall("{call sluice.feature_write(?, ?, ?)}")) {
            cs.setString(1, "main." + schema + ".clicks");
            cs.setString(2, "[{\"user_id\": 5, \"ts\": \"2024-01-01 10:00:00\", \"clicks\": 4},"
                    + " {\"user_id\": 5, \"ts\": \"2024-01-01 12:00:00\", \"clicks\": 8}]");
            cs.registerOutParameter(3, Types.BIGINT);
            cs.execute();
            assertThat(cs.getLong(3)).isEqualTo(2);
        }
        try (CallableStatement cs = connection.prepareCall("{call sluice.feature_write(?, ?, ?)}")) {
            cs.setString(1, "main." + schema + ".clicks");
            cs.setString(2, "[{\"user_id\": 5, \"ts\": \"yesterday\", \"clicks\": 4}]");
            cs.registerOutParameter(3, Types.BIGINT);
            assertThatThrownBy(cs::execute).hasMessageContaining("yesterday").extracting("SQLState").isEqualTo("22018");
        }
        String spec = "{\"entity_query\": \"SELECT 5L AS user_id, TIMESTAMP'2024-01-01 11:00:00' AS at\","
                + " \"event_time\": \"at\", \"lookups\": [{\"table\": \"main." + schema + ".clicks\","
                + " \"lookup_keys\": [\"user_id\"], \"lookback_seconds\": 7200}]}";
        try (CallableStatement cs = connection.prepareCall("{call sluice.feature_training_set(?)}")) {
            cs.setString(1, spec);
            try (ResultSet rs = cs.executeQuery()) {
                assertThat(render(rs)).containsExactly("5|2024-01-01 11:00:00.0|4");
            }
        }
        features.createOnlineStore("fs-store");
        String online = "main." + schema + ".clicks_online";
        features.publish(table("clicks"), "fs-store", online);
        features.serve("proc-" + schema, List.of(online));
        try (CallableStatement cs = connection.prepareCall("{call sluice.feature_lookup(?, ?)}")) {
            cs.setString(1, "proc-" + schema);
            cs.setString(2, "[{\"user_id\": 5}, {\"user_id\": 6}]");
            try (ResultSet rs = cs.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("clicks")).isEqualTo(8);
                assertThat(rs.getBoolean("found")).isTrue();
                assertThat(rs.getLong("staleness_ms")).isNotNegative();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean("found")).isFalse();
                assertThat(rs.getString("missing_tables")).isEqualTo(online);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private List<String> rows(String query) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return render(rs);
        }
    }

    private static List<String> render(ResultSet rs) throws Exception {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                cells.add(String.valueOf(rs.getObject(i)));
            }
            out.add(String.join("|", cells));
        }
        return out;
    }
}
