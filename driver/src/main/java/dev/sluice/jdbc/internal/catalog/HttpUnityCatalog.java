package dev.sluice.jdbc.internal.catalog;

import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.catalog.CatalogInfo;
import dev.sluice.jdbc.catalog.ColumnInfo;
import dev.sluice.jdbc.catalog.FunctionInfo;
import dev.sluice.jdbc.catalog.SchemaInfo;
import dev.sluice.jdbc.catalog.TableConstraint;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.catalog.TableOperation;
import dev.sluice.jdbc.catalog.TemporaryCredentials;
import dev.sluice.jdbc.catalog.UnityCatalog;
import dev.sluice.jdbc.catalog.VolumeInfo;
import dev.sluice.jdbc.internal.workspace.RestCalls;
import dev.sluice.jdbc.internal.workspace.RestJson;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Unity Catalog 2.1 over a workspace's {@link RestCalls}: lists paged with {@code max_results}/{@code page_token}
 * (the first page read at once, the rest as the stream reaches them), errors as {@link WorkspaceException} with
 * the server's code. Immutable: {@link #withPageSize} makes a sibling sharing the same calls.
 */
public final class HttpUnityCatalog implements UnityCatalog {
    private static final String BASE = "/api/2.1/unity-catalog/";

    private final RestCalls calls;
    private final int pageSize;
    /** {@code 2.1} until a server turns out not to have temporary-table-credentials there; shared by siblings. */
    private final AtomicReference<String> credentialsVersion;

    public HttpUnityCatalog(RestCalls calls) {
        this(calls, 0, new AtomicReference<>("2.1"));
    }

    private HttpUnityCatalog(RestCalls calls, int pageSize, AtomicReference<String> credentialsVersion) {
        this.calls = Objects.requireNonNull(calls, "calls is null");
        this.pageSize = pageSize;
        this.credentialsVersion = credentialsVersion;
    }

    @Override
    public UnityCatalog withPageSize(int maxResults) {
        if (maxResults < 0) {
            throw new IllegalArgumentException("maxResults " + maxResults + " is negative (0 lets the server choose)");
        }
        return new HttpUnityCatalog(calls, maxResults, credentialsVersion);
    }

    /** The API version the credentials call uses now: 2.1, or 2.0 after the server lacked 2.1. */
    public String credentialsApiVersion() {
        return credentialsVersion.get();
    }

    @Override
    public Stream<CatalogInfo> listCatalogs() throws IOException {
        return list("catalogs", "", "catalogs", HttpUnityCatalog::catalog);
    }

    @Override
    public CatalogInfo getCatalog(String name) throws IOException {
        String n = name("catalog", name);
        return catalog(calls.call("GET", BASE + "catalogs/" + segment(n), BASE + "catalogs/{name}", null, null));
    }

    @Override
    public Stream<SchemaInfo> listSchemas(String catalog) throws IOException {
        String query = "catalog_name=" + RestCalls.encode(name("catalog", catalog));
        return list("schemas", query, "schemas", HttpUnityCatalog::schema);
    }

    @Override
    public SchemaInfo getSchema(String catalog, String schema) throws IOException {
        String full = name("catalog", catalog) + "." + name("schema", schema);
        return schema(calls.call("GET", BASE + "schemas/" + segment(full), BASE + "schemas/{full_name}", null, null));
    }

    @Override
    public Stream<TableInfo> listTables(String catalog, String schema) throws IOException {
        return list("tables", schemaQuery(catalog, schema), "tables", HttpUnityCatalog::table);
    }

    @Override
    public TableInfo getTable(String fullName) throws IOException {
        String n = name("table", fullName);
        return table(calls.call("GET", BASE + "tables/" + segment(n), BASE + "tables/{full_name}", null, null));
    }

    @Override
    public boolean tableExists(String fullName) throws IOException {
        String n = name("table", fullName);
        Map<String, Object> answer = calls.call("GET", BASE + "tables/" + segment(n) + "/exists",
                BASE + "tables/{full_name}/exists", null, null);
        return Boolean.TRUE.equals(answer.get("table_exists"));
    }

    @Override
    public Stream<FunctionInfo> listFunctions(String catalog, String schema) throws IOException {
        return list("functions", schemaQuery(catalog, schema), "functions", HttpUnityCatalog::function);
    }

    @Override
    public Stream<VolumeInfo> listVolumes(String catalog, String schema) throws IOException {
        return list("volumes", schemaQuery(catalog, schema), "volumes", HttpUnityCatalog::volume);
    }

    @Override
    public TemporaryCredentials temporaryTableCredentials(String tableId, TableOperation operation)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("table_id", name("table id", tableId));
        body.put("operation", Objects.requireNonNull(operation, "operation is null").name());
        String version = credentialsVersion.get();
        Map<String, Object> answer;
        try {
            answer = credentials(version, body);
        } catch (WorkspaceException e) {
            boolean noSuchEndpoint = e.httpStatus() == 404
                    && (e.errorCode() == null || "ENDPOINT_NOT_FOUND".equals(e.errorCode()));
            if (!noSuchEndpoint || !"2.1".equals(version)) {
                throw e;
            }
            credentialsVersion.set("2.0");
            answer = credentials("2.0", body);
        }
        return credentials(answer, operation);
    }

    private Map<String, Object> credentials(String version, Map<String, Object> body) throws IOException {
        // vending twice is harmless (two credentials, the first expires unused): the call may be retried
        return calls.call("POST", "/api/" + version + "/unity-catalog/temporary-table-credentials", null, body);
    }

    private static String schemaQuery(String catalog, String schema) {
        return "catalog_name=" + RestCalls.encode(name("catalog", catalog)) + "&schema_name="
                + RestCalls.encode(name("schema", schema));
    }

    /**
     * A paged list whose first page is read now (so that a missing parent fails the call, not the stream) and whose
     * other pages are read lazily.
     */
    private <T> Stream<T> list(String endpoint, String filter, String field, Function<Map<String, Object>, T> read)
            throws IOException {
        String path = BASE + endpoint;
        String query = (filter.isEmpty() ? "" : filter + "&") + "max_results=" + pageSize;
        RestCalls.PageFetcher fetcher = token -> {
            String q = token.isEmpty() ? query : query + "&page_token=" + RestCalls.encode(token);
            Map<String, Object> answer = calls.call("GET", path, path, q, null);
            return new RestCalls.Page(RestJson.objects(answer, field), RestJson.string(answer, "next_page_token"));
        };
        RestCalls.Page first = fetcher.fetch("");
        AtomicReference<RestCalls.Page> pending = new AtomicReference<>(first);
        return RestCalls.pages(token -> {
            RestCalls.Page page = token.isEmpty() ? pending.getAndSet(null) : null;
            return page != null ? page : fetcher.fetch(token);
        }).map(read);
    }

    /** Path segments carry full names: dots stay, everything else a URL would misread is escaped. */
    static String segment(String name) {
        return RestCalls.encode(name).replace("+", "%20");
    }

    private static String name(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " name is " + (value == null ? "null" : "blank"));
        }
        return value;
    }

    static CatalogInfo catalog(Map<String, Object> o) {
        return new CatalogInfo(RestJson.string(o, "name"), RestJson.string(o, "catalog_type"),
                RestJson.string(o, "comment"), RestJson.string(o, "owner"), strings(o, "properties"),
                RestJson.string(o, "storage_root"), time(o, "created_at"), RestJson.string(o, "created_by"),
                time(o, "updated_at"), RestJson.string(o, "updated_by"));
    }

    static SchemaInfo schema(Map<String, Object> o) {
        return new SchemaInfo(RestJson.string(o, "name"), RestJson.string(o, "catalog_name"),
                RestJson.string(o, "full_name"), RestJson.string(o, "comment"), RestJson.string(o, "owner"),
                strings(o, "properties"), RestJson.string(o, "storage_location"), RestJson.string(o, "schema_id"),
                time(o, "created_at"), time(o, "updated_at"));
    }

    static TableInfo table(Map<String, Object> o) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (Map<String, Object> c : RestJson.objects(o, "columns")) {
            columns.add(column(c));
        }
        columns.sort((a, b) -> Integer.compare(a.position(), b.position()));
        List<TableConstraint> constraints = new ArrayList<>();
        for (Map<String, Object> c : RestJson.objects(o, "table_constraints")) {
            TableConstraint constraint = constraint(c);
            if (constraint != null) {
                constraints.add(constraint);
            }
        }
        String name = RestJson.string(o, "name");
        String catalog = RestJson.string(o, "catalog_name");
        String schema = RestJson.string(o, "schema_name");
        String full = RestJson.string(o, "full_name");
        if (full == null && name != null && catalog != null && schema != null) {
            full = catalog + "." + schema + "." + name;
        }
        return new TableInfo(name, catalog, schema, full, RestJson.string(o, "table_type"),
                RestJson.string(o, "data_source_format"), columns, RestJson.string(o, "storage_location"),
                RestJson.string(o, "comment"), strings(o, "properties"), RestJson.string(o, "owner"),
                time(o, "created_at"), RestJson.string(o, "created_by"), time(o, "updated_at"),
                RestJson.string(o, "updated_by"), RestJson.string(o, "table_id"), RestJson.string(o, "view_definition"),
                constraints);
    }

    private static ColumnInfo column(Map<String, Object> c) {
        Object partition = c.get("partition_index");
        return new ColumnInfo(RestJson.string(c, "name"), RestJson.string(c, "type_text"),
                RestJson.string(c, "type_name"), RestJson.string(c, "type_json"), (int) RestJson.number(c, "type_precision"),
                (int) RestJson.number(c, "type_scale"), (int) RestJson.number(c, "position"),
                !Boolean.FALSE.equals(c.get("nullable")), RestJson.string(c, "comment"),
                partition instanceof Number n ? Integer.valueOf(n.intValue()) : null);
    }

    private static TableConstraint constraint(Map<String, Object> c) {
        Map<String, Object> pk = RestJson.object(c, "primary_key_constraint");
        if (!pk.isEmpty()) {
            return new TableConstraint.PrimaryKey(RestJson.string(pk, "name"), strings(pk.get("child_columns")),
                    strings(pk.get("timeseries_columns")));
        }
        Map<String, Object> fk = RestJson.object(c, "foreign_key_constraint");
        if (!fk.isEmpty()) {
            return new TableConstraint.ForeignKey(RestJson.string(fk, "name"), strings(fk.get("child_columns")),
                    RestJson.string(fk, "parent_table"), strings(fk.get("parent_columns")));
        }
        Map<String, Object> named = RestJson.object(c, "named_table_constraint");
        return named.isEmpty() ? null : new TableConstraint.Named(RestJson.string(named, "name"));
    }

    static FunctionInfo function(Map<String, Object> o) {
        String type = RestJson.string(o, "full_data_type");
        return new FunctionInfo(RestJson.string(o, "name"), RestJson.string(o, "catalog_name"),
                RestJson.string(o, "schema_name"), RestJson.string(o, "full_name"),
                type != null ? type : RestJson.string(o, "data_type"), RestJson.string(o, "routine_body"),
                RestJson.string(o, "routine_definition"), RestJson.string(o, "comment"), RestJson.string(o, "owner"),
                RestJson.string(o, "function_id"), time(o, "created_at"), time(o, "updated_at"));
    }

    static VolumeInfo volume(Map<String, Object> o) {
        return new VolumeInfo(RestJson.string(o, "name"), RestJson.string(o, "catalog_name"),
                RestJson.string(o, "schema_name"), RestJson.string(o, "full_name"), RestJson.string(o, "volume_type"),
                RestJson.string(o, "storage_location"), RestJson.string(o, "comment"), RestJson.string(o, "owner"),
                RestJson.string(o, "volume_id"), time(o, "created_at"), time(o, "updated_at"));
    }

    static TemporaryCredentials credentials(Map<String, Object> o, TableOperation operation) {
        Map<String, Object> block;
        TemporaryCredentials.Kind kind;
        if (!(block = RestJson.object(o, "aws_temp_credentials")).isEmpty()) {
            kind = TemporaryCredentials.Kind.AWS;
        } else if (!(block = RestJson.object(o, "azure_user_delegation_sas")).isEmpty()) {
            kind = TemporaryCredentials.Kind.AZURE_SAS;
        } else if (!(block = RestJson.object(o, "gcp_oauth_token")).isEmpty()) {
            kind = TemporaryCredentials.Kind.GCP_OAUTH;
        } else if (!(block = RestJson.object(o, "r2_temp_credentials")).isEmpty()) {
            kind = TemporaryCredentials.Kind.R2;
        } else if (!(block = RestJson.object(o, "local_temp_credentials")).isEmpty()) {
            kind = TemporaryCredentials.Kind.LOCAL;
        } else {
            kind = TemporaryCredentials.Kind.NONE;
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        block.forEach((k, v) -> {
            if (v != null && !(v instanceof Map) && !(v instanceof List)) {
                secrets.put(k, v.toString());
            }
        });
        return new TemporaryCredentials(kind, RestJson.string(o, "url"), time(o, "expiration_time"), operation,
                secrets);
    }

    private static Instant time(Map<String, Object> o, String key) {
        long millis = RestJson.number(o, key);
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }

    private static Map<String, String> strings(Map<String, Object> o, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        RestJson.object(o, key).forEach((k, v) -> {
            if (v != null) {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item != null) {
                    out.add(item.toString());
                }
            }
        }
        return out;
    }
}
