package dev.sluice.warehouse.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.catalog.CatalogBrowser;
import dev.sluice.warehouse.catalog.KeyConstraint;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import dev.sluice.warehouse.sql.ScriptRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Feature engineering on the local warehouse: feature tables (Delta tables with a primary key, optionally a
 * TIMESERIES key), online stores, publishing a feature table to an online table (the latest row per key), feature
 * serving endpoints over online tables and their invocations. Errors in Databricks' body.
 */
public final class FeatureStoreApi implements AutoCloseable {

    private static final String FS = "/api/2.0/feature-store/";
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_ ,()<>:]*");
    private static final int PAGE = 100;

    private final OnlineStore store;
    private final ScriptRunner sql;
    private final CatalogBrowser browser;

    public FeatureStoreApi(Path warehouseDir, ScriptRunner sql, CatalogBrowser browser) throws IOException {
        this.store = new OnlineStore(warehouseDir);
        this.sql = sql;
        this.browser = browser;
    }

    public void register(HttpApi http) {
        http.route("POST", FS + "feature-tables", true, this::createFeatureTable);
        http.route("GET", FS + "feature-tables/get", true, r -> featureTable(requiredQuery(r, "name")));
        http.route("GET", FS + "feature-tables/search", true, this::searchFeatureTables);
        http.route("DELETE", FS + "feature-tables/delete", true, this::deleteFeatureTable);
        http.route("POST", FS + "online-stores", true, this::createStore);
        http.route("GET", FS + "online-stores", true, this::listStores);
        http.route("GET", FS + "online-stores/{name}", true, r -> onlineStore(r.pathVar("name")));
        http.route("DELETE", FS + "online-stores/{name}", true, this::deleteStore);
        http.route("POST", FS + "tables/{source}/publish", true, this::publish);
        http.route("GET", FS + "online-tables/{name}", true, r -> onlineTableInfo(onlineTable(r.pathVar("name"))));
        http.route("DELETE", FS + "online-tables/{name}", true, this::deleteOnlineTable);
        http.route("POST", "/api/2.0/serving-endpoints", true, this::createEndpoint);
        http.route("GET", "/api/2.0/serving-endpoints/{name}", true, r -> endpoint(r.pathVar("name")));
        http.route("DELETE", "/api/2.0/serving-endpoints/{name}", true, this::deleteEndpoint);
        http.route("POST", "/serving-endpoints/{name}/invocations", true, this::invoke);
    }

    @Override
    public void close() {
        store.close();
    }

    // ---- feature tables

    private JsonNode createFeatureTable(Request r) throws IOException {
        ObjectNode body = r.json();
        String[] name = threePart(requiredText(body, "name"), "name");
        List<String> keys = strings(body, "primary_keys");
        List<String> timeseries = strings(body, "timeseries_columns");
        if (keys.isEmpty()) {
            throw ApiError.invalid("A feature table needs at least one column in 'primary_keys'.");
        }
        if (timeseries.size() > 1 || !keys.containsAll(timeseries)) {
            throw ApiError.invalid("'timeseries_columns' must name at most one of the primary key columns " + keys
                    + ", got " + timeseries + ".");
        }
        JsonNode features = body.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw ApiError.invalid("'features' must list every column as {name, data_type}.");
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(quoted(name)).append(" (");
        List<String> columns = new ArrayList<>();
        for (JsonNode f : features) {
            String col = requiredText(f, "name");
            String type = requiredText(f, "data_type");
            if (!TYPE.matcher(type).matches()) {
                throw ApiError.invalid("Column '" + col + "' has the data_type '" + type + "', which is not a type.");
            }
            columns.add(col);
            ddl.append(quote(col)).append(' ').append(type).append(keys.contains(col) ? " NOT NULL" : "").append(", ");
        }
        for (String k : keys) {
            if (!columns.contains(k)) {
                throw ApiError.invalid("Primary key column '" + k + "' is not among the features " + columns + ".");
            }
        }
        ddl.append("CONSTRAINT ").append(quote(name[2] + "_pk")).append(" PRIMARY KEY (");
        for (int i = 0; i < keys.size(); i++) {
            ddl.append(i > 0 ? ", " : "").append(quote(keys.get(i)))
                    .append(timeseries.contains(keys.get(i)) ? " TIMESERIES" : "");
        }
        ddl.append(")) USING DELTA");
        String description = Json.text(body, "description");
        if (description != null) {
            ddl.append(" COMMENT ").append(literal(description));
        }
        JsonNode tags = body.path("tags");
        if (tags.isArray() && !tags.isEmpty()) {
            ddl.append(" TBLPROPERTIES (");
            int i = 0;
            for (JsonNode t : tags) {
                ddl.append(i++ > 0 ? ", " : "").append(literal("tag." + requiredText(t, "key"))).append(" = ")
                        .append(literal(t.path("value").asText("")));
            }
            ddl.append(")");
        }
        if (browser.table(name[0], name[1], name[2]) != null) {
            throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", "Feature table '" + String.join(".", name)
                    + "' already exists.");
        }
        runSql(ddl.toString());
        return featureTable(String.join(".", name));
    }

    private ObjectNode featureTable(String fullName) {
        return featureTableInfo(requireFeatureTable(fullName));
    }

    private record FeatureTable(CatalogBrowser.TableEntry table, KeyConstraint key) {
    }

    private FeatureTable requireFeatureTable(String fullName) {
        String[] name = threePart(fullName, "name");
        CatalogBrowser.TableEntry t = browser.registry().exists(name[0]) ? browser.table(name[0], name[1], name[2])
                : null;
        if (t == null) {
            throw ApiError.notFound("Feature table '" + fullName + "' does not exist.");
        }
        KeyConstraint key = primaryKey(t);
        if (key == null) {
            throw ApiError.notFound("Table '" + fullName + "' is not a feature table: it has no primary key.");
        }
        return new FeatureTable(t, key);
    }

    private KeyConstraint primaryKey(CatalogBrowser.TableEntry t) {
        return browser.keyConstraints(t).stream().filter(KeyConstraint::isPrimaryKey).findFirst().orElse(null);
    }

    private ObjectNode featureTableInfo(FeatureTable f) {
        ObjectNode o = Json.object();
        o.put("name", f.table().fullName());
        f.key().columns().forEach(o.putArray("primary_keys")::add);
        f.key().timeseries().forEach(o.putArray("timeseries_columns")::add);
        ArrayNode features = o.putArray("features");
        for (StructField field : browser.columns(f.table()).fields()) {
            features.addObject().put("name", field.name()).put("data_type", field.dataType().sql());
        }
        if (f.table().comment() != null) {
            o.put("description", f.table().comment());
        }
        ArrayNode tags = o.putArray("tags");
        browser.formatProperties(f.table()).forEach((k, v) -> {
            if (k.startsWith("tag.")) {
                tags.addObject().put("key", k.substring(4)).put("value", v);
            }
        });
        o.put("creation_timestamp", f.table().createdAt());
        o.put("last_updated_timestamp", Math.max(f.table().createdAt(), f.table().lastAccess()));
        return o;
    }

    private JsonNode searchFeatureTables(Request r) {
        String text = r.query("text") == null ? "" : r.query("text").toLowerCase(Locale.ROOT);
        List<ObjectNode> found = new ArrayList<>();
        for (String catalog : browser.catalogNames()) {
            for (CatalogBrowser.SchemaEntry s : browser.schemas(catalog)) {
                for (CatalogBrowser.TableEntry t : browser.tables(catalog, s.schema())) {
                    if (!t.fullName().contains(text)) {
                        continue;
                    }
                    KeyConstraint key = primaryKey(t);
                    if (key != null) {
                        found.add(featureTableInfo(new FeatureTable(t, key)));
                    }
                }
            }
        }
        return page(r, "feature_tables", found);
    }

    private JsonNode deleteFeatureTable(Request r) {
        FeatureTable f = requireFeatureTable(requiredQuery(r, "name"));
        runSql("DROP TABLE " + quoted(new String[] {f.table().catalog(), f.table().schema(), f.table().name()}));
        return Json.object();
    }

    // ---- online stores

    private JsonNode createStore(Request r) throws IOException {
        ObjectNode body = r.json();
        String name = requiredText(body, "name");
        String capacity = body.path("capacity").asText("CU_1");
        if (!List.of("CU_1", "CU_2", "CU_4", "CU_8").contains(capacity)) {
            throw ApiError.invalid("capacity must be one of CU_1, CU_2, CU_4, CU_8, got '" + capacity + "'.");
        }
        ObjectNode doc = Json.object();
        doc.put("name", name);
        doc.put("capacity", capacity);
        doc.put("read_replica_count", body.path("read_replica_count").asInt(0));
        doc.put("state", "AVAILABLE");
        doc.put("creator", r.principal() == null ? "local-user" : "local-user");
        doc.put("creation_time", java.time.Instant.now().toString());
        if (!store.putDocument("store", name, doc, true)) {
            throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", "Online store '" + name + "' already exists.");
        }
        return doc;
    }

    private ObjectNode onlineStore(String name) {
        ObjectNode doc = store.document("store", name);
        if (doc == null) {
            throw ApiError.notFound("Online store '" + name + "' does not exist.");
        }
        return doc;
    }

    private JsonNode listStores(Request r) {
        int[] window = window(r);
        List<ObjectNode> docs = store.documents("store", window[0], window[1] + 1);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("online_stores");
        docs.stream().limit(window[1]).forEach(arr::add);
        if (docs.size() > window[1]) {
            out.put("next_page_token", Integer.toString(window[0] + window[1]));
        }
        return out;
    }

    private JsonNode deleteStore(Request r) {
        String name = r.pathVar("name");
        if (!store.deleteDocument("store", name)) {
            throw ApiError.notFound("Online store '" + name + "' does not exist.");
        }
        return Json.object();
    }

    // ---- publish and online tables

    private JsonNode publish(Request r) throws IOException {
        FeatureTable f = requireFeatureTable(r.pathVar("source"));
        ObjectNode body = r.json();
        JsonNode spec = body.path("publish_spec");
        if (!spec.isObject()) {
            throw ApiError.invalid("Field 'publish_spec' is required.");
        }
        String storeName = requiredText(spec, "online_store");
        onlineStore(storeName);
        String online = String.join(".", threePart(requiredText(spec, "online_table_name"), "online_table_name"));
        String mode = spec.path("publish_mode").asText("SNAPSHOT");
        if (!List.of("SNAPSHOT", "TRIGGERED", "CONTINUOUS").contains(mode)) {
            throw ApiError.invalid("publish_mode must be SNAPSHOT, TRIGGERED or CONTINUOUS, got '" + mode + "'.");
        }
        OnlineStore.OnlineTable existing = store.onlineTable(online);
        if (existing != null && !existing.source().equals(f.table().fullName())) {
            throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", "Online table '" + online + "' is published from "
                    + existing.source() + ", not " + f.table().fullName() + ".");
        }
        List<String> keys = new ArrayList<>(f.key().columns());
        String ts = f.key().timeseries().isEmpty() ? null : f.key().timeseries().get(0);
        keys.remove(ts);
        Map<String, OnlineStore.Found> rows = latestRows(f.table(), keys, ts);
        OnlineStore.OnlineTable table = new OnlineStore.OnlineTable(online, f.table().fullName(), storeName, keys, ts,
                System.currentTimeMillis(), rows.size());
        store.publish(table, rows);
        return onlineTableInfo(table).put("publish_mode", mode);
    }

    /** The latest row per lookup key (by the timeseries column when there is one), as key text to features. */
    private Map<String, OnlineStore.Found> latestRows(CatalogBrowser.TableEntry t, List<String> keys, String ts) {
        String table = quoted(new String[] {t.catalog(), t.schema(), t.name()});
        String partition = String.join(", ", keys.stream().map(FeatureStoreApi::quote).toList());
        String query = ts == null ? "SELECT * FROM " + table
                : "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY " + partition
                + " ORDER BY " + quote(ts) + " DESC) AS `__sluice_rank` FROM " + table + ") WHERE `__sluice_rank` = 1";
        List<String> json = runQueryJson(query);
        Map<String, OnlineStore.Found> out = new LinkedHashMap<>();
        for (String line : json) {
            ObjectNode row = Json.parseObject(line.getBytes(StandardCharsets.UTF_8));
            List<JsonNode> values = new ArrayList<>();
            for (String k : keys) {
                values.add(row.get(k));
            }
            out.put(keyText(values), new OnlineStore.Found(row, ts == null ? null : row.path(ts).asText(null)));
        }
        return out;
    }

    private OnlineStore.OnlineTable onlineTable(String name) {
        OnlineStore.OnlineTable t = store.onlineTable(name);
        if (t == null) {
            throw ApiError.notFound("Online table '" + name + "' does not exist.");
        }
        return t;
    }

    private static ObjectNode onlineTableInfo(OnlineStore.OnlineTable t) {
        ObjectNode o = Json.object();
        o.put("name", t.name());
        o.put("source_table_name", t.source());
        o.put("online_store", t.store());
        t.keys().forEach(o.putArray("primary_key_columns")::add);
        if (t.timeseries() != null) {
            o.put("timeseries_key", t.timeseries());
        }
        o.put("state", "ONLINE");
        o.put("last_published_time", t.publishedAt());
        o.put("row_count", t.rows());
        return o;
    }

    private JsonNode deleteOnlineTable(Request r) {
        String name = r.pathVar("name");
        if (!store.deleteOnlineTable(name)) {
            throw ApiError.notFound("Online table '" + name + "' does not exist.");
        }
        return Json.object();
    }

    // ---- serving endpoints

    private JsonNode createEndpoint(Request r) throws IOException {
        ObjectNode body = r.json();
        String name = requiredText(body, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,63}")) {
            throw ApiError.invalid("Endpoint name '" + name + "' must be 1 to 63 letters, digits, '-' or '_'.");
        }
        JsonNode entities = body.path("config").path("served_entities");
        if (!entities.isArray() || entities.isEmpty()) {
            throw ApiError.invalid("'config.served_entities' must name at least one online table as entity_name.");
        }
        ObjectNode doc = Json.object();
        doc.put("name", name);
        ArrayNode served = doc.putObject("config").putArray("served_entities");
        for (JsonNode e : entities) {
            String table = requiredText(e, "entity_name");
            onlineTable(table);
            served.addObject().put("entity_name", table).put("name", table.replace('.', '-'));
        }
        doc.putObject("state").put("ready", "READY").put("config_update", "NOT_UPDATING");
        doc.put("creation_timestamp", System.currentTimeMillis());
        doc.put("creator", "local-user");
        if (!store.putDocument("endpoint", name, doc, true)) {
            throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", "Endpoint with name '" + name + "' already exists.");
        }
        return doc;
    }

    private ObjectNode endpoint(String name) {
        ObjectNode doc = store.document("endpoint", name);
        if (doc == null) {
            throw ApiError.notFound("Endpoint with name '" + name + "' does not exist.");
        }
        return doc;
    }

    private JsonNode deleteEndpoint(Request r) {
        if (!store.deleteDocument("endpoint", r.pathVar("name"))) {
            throw ApiError.notFound("Endpoint with name '" + r.pathVar("name") + "' does not exist.");
        }
        return Json.object();
    }

    /**
     * {@code dataframe_records}: one output per record, the features of every served online table merged (a key
     * not published gives nulls, as Databricks does). Beside {@code outputs}, {@code lookup_metadata} says per record
     * which tables missed and when each table was published, so a client can tell a missing key from a null.
     */
    private JsonNode invoke(Request r) throws IOException {
        ObjectNode endpoint = endpoint(r.pathVar("name"));
        JsonNode records = r.json().get("dataframe_records");
        if (records == null || !records.isArray()) {
            throw new ApiError(400, "BAD_REQUEST", "Invalid input: the body must have 'dataframe_records', a list of"
                    + " objects naming the lookup keys.");
        }
        List<OnlineStore.OnlineTable> tables = new ArrayList<>();
        for (JsonNode e : endpoint.path("config").path("served_entities")) {
            tables.add(onlineTable(e.path("entity_name").asText()));
        }
        int n = records.size();
        ObjectNode[] outputs = new ObjectNode[n];
        ObjectNode[] metadata = new ObjectNode[n];
        for (int i = 0; i < n; i++) {
            outputs[i] = Json.object();
            metadata[i] = Json.object();
            metadata[i].putArray("missing_tables");
            metadata[i].putObject("published_at");
        }
        for (OnlineStore.OnlineTable t : tables) {
            String[] keyOf = new String[n];
            List<String> wanted = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                JsonNode rec = records.get(i);
                List<JsonNode> values = new ArrayList<>();
                for (String k : t.keys()) {
                    JsonNode v = rec.get(k);
                    if (v == null || v.isNull()) {
                        throw new ApiError(400, "BAD_REQUEST", "Record " + i + " lacks the lookup key '" + k
                                + "' of " + t.name() + ".");
                    }
                    values.add(v);
                }
                keyOf[i] = keyText(values);
                wanted.add(keyOf[i]);
            }
            Map<String, OnlineStore.Found> found = store.lookup(t.name(), wanted.stream().distinct().toList());
            for (int i = 0; i < n; i++) {
                OnlineStore.Found row = found.get(keyOf[i]);
                ((ObjectNode) metadata[i].get("published_at")).put(t.name(), t.publishedAt());
                if (row == null) {
                    ((ArrayNode) metadata[i].get("missing_tables")).add(t.name());
                    for (String k : t.keys()) {
                        outputs[i].set(k, records.get(i).get(k));
                    }
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = row.features().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    outputs[i].set(e.getKey(), e.getValue());
                }
                if (row.featureTimestamp() != null) {
                    metadata[i].with("feature_timestamps").put(t.name(), row.featureTimestamp());
                }
            }
        }
        ObjectNode out = Json.object();
        ArrayNode o = out.putArray("outputs");
        ArrayNode m = out.putArray("lookup_metadata");
        for (int i = 0; i < n; i++) {
            o.add(outputs[i]);
            m.add(metadata[i]);
        }
        return out;
    }

    // ---- plumbing

    /** A lookup key as text: the JSON of its values, numbers in one canonical spelling (1, 1.0 and 1e0 alike). */
    static String keyText(List<JsonNode> values) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (JsonNode v : values) {
            if (v == null || v.isNull()) {
                a.addNull();
            } else if (v.isNumber()) {
                a.add(v.decimalValue().stripTrailingZeros().toPlainString());
            } else {
                a.add(v.asText());
            }
        }
        return Json.write(a);
    }

    private void runSql(String text) {
        String sid = sql.openSession();
        try {
            sql.run(sql.session(sid), text, Map.of()).collectAsList();
        } catch (RuntimeException e) {
            throw sqlError(e);
        } finally {
            sql.close(sid);
        }
    }

    private List<String> runQueryJson(String text) {
        String sid = sql.openSession();
        try {
            SparkSession s = sql.session(sid);
            // the rank column of a time series' query is dropped here: Spark's SELECT * EXCEPT is not everywhere
            return sql.run(s, text, Map.of()).drop("__sluice_rank").toJSON().collectAsList();
        } catch (RuntimeException e) {
            throw sqlError(e);
        } finally {
            sql.close(sid);
        }
    }

    private static ApiError sqlError(Throwable e) {
        String message = e instanceof org.apache.spark.sql.AnalysisException a ? a.getSimpleMessage() : e.getMessage();
        return ApiError.invalid(String.valueOf(message).replace("__", ".").strip());
    }

    private static JsonNode page(Request r, String field, List<ObjectNode> items) {
        int[] window = window(r);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray(field);
        items.stream().skip(window[0]).limit(window[1]).forEach(arr::add);
        if (window[0] + window[1] < items.size()) {
            out.put("next_page_token", Integer.toString(window[0] + window[1]));
        }
        return out;
    }

    /** {offset, limit} from page_token and max_results. */
    private static int[] window(Request r) {
        try {
            int offset = r.query("page_token") == null || r.query("page_token").isEmpty() ? 0
                    : Integer.parseInt(r.query("page_token"));
            int limit = r.query("max_results") == null ? PAGE : Integer.parseInt(r.query("max_results"));
            if (offset < 0 || limit <= 0) {
                throw ApiError.invalid("page_token and max_results must not be negative; max_results must be > 0.");
            }
            return new int[] {offset, Math.min(limit, 1000)};
        } catch (NumberFormatException e) {
            throw ApiError.invalid("page_token and max_results must be integers.");
        }
    }

    private static String[] threePart(String name, String field) {
        String[] p = name.split("\\.", -1);
        if (p.length != 3 || java.util.Arrays.stream(p).anyMatch(String::isBlank)) {
            throw ApiError.invalid("'" + field + "' must be a three-part name catalog.schema.table, got '" + name + "'.");
        }
        return p;
    }

    private static String requiredText(JsonNode body, String field) {
        String v = Json.text(body, field);
        if (v == null || v.isBlank()) {
            throw ApiError.invalid("Field '" + field + "' is required.");
        }
        return v;
    }

    private static String requiredQuery(Request r, String name) {
        String v = r.query(name);
        if (v == null || v.isBlank()) {
            throw ApiError.invalid("Query parameter '" + name + "' is required.");
        }
        return v;
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode a = body.get(field);
        List<String> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw ApiError.invalid("Field '" + field + "' must be a list of column names.");
        }
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String quoted(String[] parts) {
        return String.join(".", java.util.Arrays.stream(parts).map(FeatureStoreApi::quote).toList());
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
