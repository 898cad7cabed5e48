package dev.sluice.warehouse.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.catalog.CatalogBrowser;
import dev.sluice.warehouse.catalog.CatalogRegistry;
import dev.sluice.warehouse.catalog.KeyConstraint;
import dev.sluice.warehouse.catalog.UcNames;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import dev.sluice.warehouse.sql.ColumnTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Unity Catalog 2.1 read APIs: catalogs, schemas, tables (list with pagination, get, exists). */
public final class UnityCatalogApi {

    private static final String BASE = "/api/2.1/unity-catalog/";
    private static final int PAGE = 1000;
    private static final String METASTORE = "local-metastore";

    private final CatalogBrowser browser;
    private final CatalogRegistry registry;

    public UnityCatalogApi(CatalogBrowser browser) {
        this.browser = browser;
        this.registry = browser.registry();
    }

    public void register(HttpApi api) {
        api.route("GET", BASE + "catalogs", true, this::listCatalogs);
        api.route("GET", BASE + "catalogs/{name}", true, r -> catalog(r.pathVar("name")));
        api.route("GET", BASE + "schemas", true, this::listSchemas);
        api.route("GET", BASE + "schemas/{full}", true, r -> schema(r.pathVar("full")));
        api.route("GET", BASE + "tables", true, this::listTables);
        api.route("GET", BASE + "tables/{full}", true, r -> {
            CatalogBrowser.TableEntry t = table(r.pathVar("full"));
            return constraints(tableInfo(t, true), t);
        });
        api.route("GET", BASE + "tables/{full}/exists", true, this::tableExists);
    }

    private JsonNode listCatalogs(Request r) {
        return page(r, "catalogs", registry.names(), this::catalog);
    }

    private JsonNode listSchemas(Request r) {
        String catalog = required(r, "catalog_name");
        requireCatalog(catalog);
        return page(r, "schemas", browser.schemas(catalog), this::schemaInfo);
    }

    private JsonNode listTables(Request r) {
        String catalog = required(r, "catalog_name");
        String schema = required(r, "schema_name");
        requireSchema(catalog, schema);
        boolean omitColumns = "true".equalsIgnoreCase(r.query("omit_columns"));
        return page(r, "tables", browser.tables(catalog, schema), t -> tableInfo(t, !omitColumns));
    }

    private JsonNode tableExists(Request r) {
        String[] parts = split(r.pathVar("full"), 3);
        boolean exists = registry.exists(parts[0]) && browser.table(parts[0], parts[1], parts[2]) != null;
        ObjectNode out = Json.object();
        out.put("table_exists", exists);
        return out;
    }

    private ObjectNode catalog(String name) {
        requireCatalog(name);
        CatalogRegistry.CatalogInfo c = registry.get(name);
        ObjectNode o = Json.object();
        o.put("name", c.name());
        o.put("full_name", c.name());
        o.put("catalog_type", c.name().equals(UcNames.SYSTEM_CATALOG) ? "SYSTEM_CATALOG" : "MANAGED_CATALOG");
        if (c.comment() != null) {
            o.put("comment", c.comment());
        }
        o.put("owner", "local");
        o.put("metastore_id", METASTORE);
        o.put("isolation_mode", "OPEN");
        o.put("securable_type", "CATALOG");
        o.put("created_at", c.createdAt());
        o.put("created_by", "local");
        return o;
    }

    private JsonNode schema(String fullName) {
        String[] parts = split(fullName, 2);
        requireSchema(parts[0], parts[1]);
        return browser.schemas(parts[0]).stream().filter(s -> s.schema().equals(parts[1].toLowerCase()))
                .findFirst().map(this::schemaInfo).orElseThrow();
    }

    private ObjectNode schemaInfo(CatalogBrowser.SchemaEntry s) {
        ObjectNode o = Json.object();
        o.put("name", s.schema());
        o.put("catalog_name", s.catalog());
        o.put("full_name", s.catalog() + "." + s.schema());
        o.put("catalog_type", "MANAGED_CATALOG");
        if (s.comment() != null) {
            o.put("comment", s.comment());
        }
        o.put("owner", "local");
        if (s.location() != null) {
            o.put("storage_location", s.location());
        }
        o.put("metastore_id", METASTORE);
        return o;
    }

    private CatalogBrowser.TableEntry table(String fullName) {
        String[] parts = split(fullName, 3);
        requireSchema(parts[0], parts[1]);
        CatalogBrowser.TableEntry t = browser.table(parts[0], parts[1], parts[2]);
        if (t == null) {
            throw new ApiError(404, "TABLE_DOES_NOT_EXIST", "Table '" + fullName + "' does not exist.");
        }
        return t;
    }

    private ObjectNode tableInfo(CatalogBrowser.TableEntry t, boolean withColumns) {
        ObjectNode o = Json.object();
        o.put("name", t.name());
        o.put("catalog_name", t.catalog());
        o.put("schema_name", t.schema());
        o.put("full_name", t.fullName());
        o.put("table_type", t.tableType());
        if (t.format() != null) {
            o.put("data_source_format", t.format());
        }
        if (t.location() != null) {
            o.put("storage_location", t.location());
        }
        if (t.comment() != null) {
            o.put("comment", t.comment());
        }
        if (t.viewText() != null) {
            o.put("view_definition", t.viewText());
        }
        o.put("owner", "local");
        o.put("created_at", t.createdAt());
        o.put("created_by", "local");
        o.put("updated_at", Math.max(t.createdAt(), t.lastAccess()));
        o.put("updated_by", "local");
        o.put("table_id", java.util.UUID.nameUUIDFromBytes(t.fullName().getBytes(StandardCharsets.UTF_8)).toString());
        o.put("metastore_id", METASTORE);
        ObjectNode props = o.putObject("properties");
        t.properties().forEach(props::put);
        if (withColumns) {
            columns(o.putArray("columns"), t);
        }
        return o;
    }

    /** {@code table_constraints}, which get fills and list does not: primary keys with their TIMESERIES columns. */
    private ObjectNode constraints(ObjectNode info, CatalogBrowser.TableEntry t) {
        List<KeyConstraint> keys = browser.keyConstraints(t);
        if (keys.isEmpty()) {
            return info;
        }
        ArrayNode out = info.putArray("table_constraints");
        for (KeyConstraint k : keys) {
            ObjectNode c = out.addObject().putObject(k.isPrimaryKey() ? "primary_key_constraint"
                    : "foreign_key_constraint");
            c.put("name", k.name());
            k.columns().forEach(c.putArray("child_columns")::add);
            if (k.isPrimaryKey()) {
                if (!k.timeseries().isEmpty()) {
                    k.timeseries().forEach(c.putArray("timeseries_columns")::add);
                }
            } else {
                c.put("parent_table", String.join(".", k.parent()));
                k.parentColumns().forEach(c.putArray("parent_columns")::add);
            }
        }
        return info;
    }

    private void columns(ArrayNode out, CatalogBrowser.TableEntry t) {
        StructType schema;
        try {
            schema = browser.columns(t);
        } catch (RuntimeException e) {
            return;
        }
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            ObjectNode c = ColumnTypes.columnInfo(fields[i], i);
            c.put("type_text", fields[i].dataType().simpleString());
            c.put("type_json", typeJson(fields[i]));
            c.put("nullable", fields[i].nullable());
            if (fields[i].getComment().isDefined()) {
                c.put("comment", fields[i].getComment().get());
            }
            int partition = t.partitionColumns().indexOf(fields[i].name());
            if (partition >= 0) {
                c.put("partition_index", partition);
            }
            out.add(c);
        }
    }

    private static String typeJson(StructField f) {
        ObjectNode o = Json.object();
        o.put("name", f.name());
        try {
            o.set("type", Json.MAPPER.readTree(f.dataType().json()));
            o.put("nullable", f.nullable());
            o.set("metadata", Json.MAPPER.readTree(f.metadata().json()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Spark wrote invalid JSON for a type", e);
        }
        return Json.write(o);
    }

    /** max_results unset: everything; 0: the server page; >0: at most that; page_token = offset. */
    private static <T> JsonNode page(Request r, String field, List<T> items, Function<T, ObjectNode> render) {
        int offset = 0;
        String token = r.query("page_token");
        if (token != null && !token.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("page_token is not valid");
            }
        }
        int size = items.size();
        String max = r.query("max_results");
        if (max != null) {
            int m;
            try {
                m = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                throw ApiError.invalid("max_results must be an integer");
            }
            if (m < 0) {
                throw ApiError.invalid("max_results must not be negative");
            }
            size = m == 0 ? PAGE : Math.min(m, PAGE);
        }
        List<T> slice = new ArrayList<>(items.subList(Math.min(offset, items.size()), Math.min(items.size(),
                offset + size)));
        ObjectNode out = Json.object();
        if (!slice.isEmpty()) {
            ArrayNode arr = out.putArray(field);
            slice.forEach(i -> arr.add(render.apply(i)));
        }
        int next = offset + slice.size();
        if (next < items.size()) {
            out.put("next_page_token", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(next).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private void requireCatalog(String catalog) {
        if (!registry.exists(catalog)) {
            throw new ApiError(404, "CATALOG_DOES_NOT_EXIST", "Catalog '" + catalog + "' does not exist.");
        }
    }

    private void requireSchema(String catalog, String schema) {
        requireCatalog(catalog);
        boolean exists = browser.schemas(catalog).stream().anyMatch(s -> s.schema().equalsIgnoreCase(schema));
        if (!exists) {
            throw new ApiError(404, "SCHEMA_DOES_NOT_EXIST", "Schema '" + catalog + "." + schema + "' does not exist.");
        }
    }

    private static String required(Request r, String name) {
        String v = r.query(name);
        if (v == null || v.isBlank()) {
            throw ApiError.invalid("Query parameter '" + name + "' is required");
        }
        return v;
    }

    private static String[] split(String fullName, int parts) {
        String[] p = fullName.split("\\.", -1);
        if (p.length != parts) {
            throw ApiError.invalid("'" + fullName + "' is not a " + parts + "-part name");
        }
        return p;
    }
}
