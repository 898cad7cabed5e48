package dev.sluice.jdbc.internal.features;

import dev.sluice.jdbc.features.FeatureStoreClient;
import dev.sluice.jdbc.features.FeatureTableInfo;
import dev.sluice.jdbc.features.LookupRow;
import dev.sluice.jdbc.features.OnlineStoreInfo;
import dev.sluice.jdbc.features.OnlineTableInfo;
import dev.sluice.jdbc.internal.workspace.RestCalls;
import dev.sluice.jdbc.internal.workspace.RestJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static dev.sluice.jdbc.internal.workspace.RestCalls.encode;

/** The feature-store and serving endpoints over a workspace's {@link RestCalls}. */
public final class HttpFeatureStoreClient implements FeatureStoreClient {
    private static final String FS = "/api/2.0/feature-store/";
    private static final String ENDPOINTS = "/api/2.0/serving-endpoints";

    private final RestCalls calls;

    public HttpFeatureStoreClient(RestCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls is null");
    }

    @Override
    public FeatureTableInfo createFeatureTable(FeatureTableInfo table) throws IOException {
        Objects.requireNonNull(table, "table is null");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", table.name());
        body.put("primary_keys", table.primaryKeys());
        body.put("timeseries_columns", table.timeseriesColumns());
        List<Map<String, Object>> features = new ArrayList<>();
        for (FeatureTableInfo.Feature f : table.features()) {
            features.add(Map.of("name", f.name(), "data_type", f.dataType()));
        }
        body.put("features", features);
        if (table.description() != null) {
            body.put("description", table.description());
        }
        List<Map<String, Object>> tags = new ArrayList<>();
        table.tags().forEach((k, v) -> tags.add(Map.of("key", k, "value", v)));
        body.put("tags", tags);
        // a name is its own idempotency: a repeated create after a lost answer fails with ALREADY_EXISTS
        return featureTable(calls.call("POST", FS + "feature-tables", null, body));
    }

    @Override
    public FeatureTableInfo getFeatureTable(String fullName) throws IOException {
        return featureTable(calls.call("GET", FS + "feature-tables/get", "name=" + encode(fullName), null));
    }

    @Override
    public Stream<FeatureTableInfo> searchFeatureTables(String text) {
        String query = "text=" + encode(text == null ? "" : text);
        return calls.pagedGet(FS + "feature-tables/search", FS + "feature-tables/search", query, "feature_tables")
                .map(HttpFeatureStoreClient::featureTable);
    }

    @Override
    public void deleteFeatureTable(String fullName) throws IOException {
        calls.call("DELETE", FS + "feature-tables/delete", "name=" + encode(fullName), null);
    }

    @Override
    public OnlineStoreInfo createOnlineStore(String name, String capacity) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Objects.requireNonNull(name, "name is null"));
        body.put("capacity", capacity == null ? "CU_1" : capacity);
        return store(calls.call("POST", FS + "online-stores", null, body));
    }

    @Override
    public OnlineStoreInfo getOnlineStore(String name) throws IOException {
        return store(calls.call("GET", FS + "online-stores/" + encode(name), FS + "online-stores/{name}", null, null));
    }

    @Override
    public List<OnlineStoreInfo> listOnlineStores() throws IOException {
        List<OnlineStoreInfo> out = new ArrayList<>();
        calls.pagedGet(FS + "online-stores", FS + "online-stores", "", "online_stores")
                .forEach(m -> out.add(store(m)));
        return out;
    }

    @Override
    public void deleteOnlineStore(String name) throws IOException {
        calls.call("DELETE", FS + "online-stores/" + encode(name), FS + "online-stores/{name}", null, null);
    }

    @Override
    public OnlineTableInfo publish(String sourceTable, String onlineStore, String onlineTable, String publishMode)
            throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("online_store", Objects.requireNonNull(onlineStore, "onlineStore is null"));
        spec.put("online_table_name", Objects.requireNonNull(onlineTable, "onlineTable is null"));
        spec.put("publish_mode", publishMode == null ? "SNAPSHOT" : publishMode);
        return onlineTable(calls.call("POST", FS + "tables/" + encode(sourceTable) + "/publish",
                FS + "tables/{source_table_name}/publish", null, Map.of("publish_spec", spec)));
    }

    @Override
    public OnlineTableInfo getOnlineTable(String name) throws IOException {
        return onlineTable(calls.call("GET", FS + "online-tables/" + encode(name), FS + "online-tables/{name}",
                null, null));
    }

    @Override
    public void deleteOnlineTable(String name) throws IOException {
        calls.call("DELETE", FS + "online-tables/" + encode(name), FS + "online-tables/{name}", null, null);
    }

    @Override
    public void createFeatureEndpoint(String name, List<String> onlineTables) throws IOException {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (String t : onlineTables) {
            entities.add(Map.of("entity_name", t));
        }
        calls.call("POST", ENDPOINTS, null, Map.of("name", Objects.requireNonNull(name, "name is null"),
                "config", Map.of("served_entities", entities)));
    }

    @Override
    public void deleteServingEndpoint(String name) throws IOException {
        calls.call("DELETE", ENDPOINTS + "/" + encode(name), ENDPOINTS + "/{name}", null, null);
    }

    @Override
    public List<LookupRow> invoke(String endpoint, List<Map<String, Object>> records) throws IOException {
        Objects.requireNonNull(records, "records is null");
        Map<String, Object> answer = calls.call("POST", "/serving-endpoints/" + encode(endpoint) + "/invocations",
                "/serving-endpoints/{name}/invocations", null, Map.of("dataframe_records", records));
        Object outputs = answer.get("outputs");
        if (!(outputs instanceof List<?> rows) || rows.size() != records.size()) {
            throw new IOException("POST /serving-endpoints/" + endpoint + "/invocations: expected " + records.size()
                    + " outputs, got " + (outputs instanceof List<?> l ? l.size() : "none"));
        }
        List<Map<String, Object>> metadata = RestJson.objects(answer, "lookup_metadata");
        List<LookupRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = rows.get(i) instanceof Map ? (Map<String, Object>) rows.get(i) : Map.of();
            Map<String, Object> meta = i < metadata.size() ? metadata.get(i) : Map.of();
            Map<String, Long> published = new LinkedHashMap<>();
            RestJson.object(meta, "published_at").forEach((k, v) -> published.put(k, ((Number) v).longValue()));
            Map<String, String> timestamps = new LinkedHashMap<>();
            RestJson.object(meta, "feature_timestamps").forEach((k, v) -> timestamps.put(k, String.valueOf(v)));
            out.add(new LookupRow(Collections.unmodifiableMap(values), strings(meta.get("missing_tables")),
                    Collections.unmodifiableMap(published), Collections.unmodifiableMap(timestamps)));
        }
        return out;
    }

    private static FeatureTableInfo featureTable(Map<String, Object> m) {
        List<FeatureTableInfo.Feature> features = new ArrayList<>();
        for (Map<String, Object> f : RestJson.objects(m, "features")) {
            features.add(new FeatureTableInfo.Feature(RestJson.string(f, "name"), RestJson.string(f, "data_type")));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, Object> t : RestJson.objects(m, "tags")) {
            tags.put(RestJson.string(t, "key"), String.valueOf(t.getOrDefault("value", "")));
        }
        return new FeatureTableInfo(RestJson.string(m, "name"), strings(m.get("primary_keys")),
                strings(m.get("timeseries_columns")), features, RestJson.string(m, "description"), tags);
    }

    private static OnlineStoreInfo store(Map<String, Object> m) {
        return new OnlineStoreInfo(RestJson.string(m, "name"), RestJson.string(m, "capacity"),
                RestJson.string(m, "state"));
    }

    private static OnlineTableInfo onlineTable(Map<String, Object> m) {
        return new OnlineTableInfo(RestJson.string(m, "name"), RestJson.string(m, "source_table_name"),
                RestJson.string(m, "online_store"), strings(m.get("primary_key_columns")),
                RestJson.string(m, "timeseries_key"), longOr(m.get("last_published_time")),
                longOr(m.get("row_count")));
    }

    private static long longOr(Object v) {
        return v instanceof Number n ? n.longValue() : -1;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
