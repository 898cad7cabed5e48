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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

/** Unity Catalog 2.1 read APIs: catalogs, schemas, tables (list with pagination, get, exists). */
public final class UnityCatalogApi {

    private static final String BASE = "/api/2.1/unity-catalog/";
    private static final int PAGE = 1000;
    private static final String METASTORE = "local-metastore";
    /** How long vended table credentials last, as on Databricks. */
    private static final Duration CREDENTIAL_TTL = Duration.ofHours(1);

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
            Table loaded = browser.load(t); // one read of a Delta log for properties, partitioning and keys
            return constraints(tableInfo(t, true, true, loaded), browser.keyConstraints(loaded));
        });
        api.route("GET", BASE + "tables/{full}/exists", true, this::tableExists);

        api.route("GET", BASE + "functions", true, this::listFunctions);
        api.route("GET", BASE + "volumes", true, this::listVolumes);
        new TableCredentials(browser, CREDENTIAL_TTL).register(api);
    }

    private JsonNode listCatalogs(Request r) {
        return Paging.page(r, "catalogs", "catalogs", registry.names(), name -> name, this::catalog);
    }

    private JsonNode listSchemas(Request r) {
        String catalog = required(r, "catalog_name");
        requireCatalog(catalog);
        return Paging.page(r, "schemas", "schemas:" + catalog, browser.schemas(catalog),
                CatalogBrowser.SchemaEntry::schema, this::schemaInfo);
    }

    private JsonNode listTables(Request r) {
        String catalog = required(r, "catalog_name");
        String schema = required(r, "schema_name");
        requireSchema(catalog, schema);
        boolean omitColumns = "true".equalsIgnoreCase(r.query("omit_columns"));
        boolean omitProperties = "true".equalsIgnoreCase(r.query("omit_properties"));
        return Paging.page(r, "tables", "tables:" + catalog + "." + schema, browser.tables(catalog, schema),
                CatalogBrowser.TableEntry::name, t -> tableInfo(t, !omitColumns, !omitProperties,
                        omitColumns && omitProperties ? null : browser.load(t)));
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
        return tableInfo(t, withColumns, true, browser.load(t));
    }

    /** {@code loaded}: the table as {@link CatalogBrowser#load} loaded it, or null (view, other format, unreadable). */
    private ObjectNode tableInfo(CatalogBrowser.TableEntry t, boolean withColumns, boolean withProperties,
                                 Table loaded) {
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
        o.put("table_id", TableCredentials.tableId(t));
        o.put("metastore_id", METASTORE);
        if (withProperties) {
            ObjectNode props = o.putObject("properties");
            browser.properties(t, loaded).forEach(props::put);
        }
        if (withColumns) {
            columns(o.putArray("columns"), t, loaded);
        }
        return o;
    }

    /** {@code table_constraints}, which get fills and list does not: primary keys with their TIMESERIES columns. */
    private ObjectNode constraints(ObjectNode info, List<KeyConstraint> keys) {
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

    private void columns(ArrayNode out, CatalogBrowser.TableEntry t, Table loaded) {
        StructType schema;
        try {
            // a Delta table already loaded has its schema from the log: no second load through the analyzer
            schema = loaded != null ? loaded.schema() : browser.columns(t);
        } catch (RuntimeException e) {
            return;
        }
        StructField[] fields = schema.fields();
        List<String> partitioning = browser.partitionColumns(t, loaded);
        for (int i = 0; i < fields.length; i++) {
            ObjectNode c = ColumnTypes.columnInfo(fields[i], i);
            c.put("type_text", fields[i].dataType().simpleString());
            c.put("type_json", typeJson(fields[i]));
            c.put("nullable", fields[i].nullable());
            if (fields[i].getComment().isDefined()) {
                c.put("comment", fields[i].getComment().get());
            }
            int partition = partitioning.indexOf(fields[i].name());
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

    private JsonNode listFunctions(Request r) {
        String catalog = required(r, "catalog_name");
        String schema = required(r, "schema_name");
        requireSchema(catalog, schema);
        return Paging.page(r, "functions", "functions:" + catalog + "." + schema, browser.functions(catalog, schema),
                CatalogBrowser.FunctionEntry::name, this::functionInfo);
    }

    private ObjectNode functionInfo(CatalogBrowser.FunctionEntry f) {
        ObjectNode o = Json.object();
        o.put("name", f.name());
        o.put("catalog_name", f.catalog());
        o.put("schema_name", f.schema());
        o.put("full_name", f.fullName());
        o.put("routine_body", f.sql() ? "SQL" : "EXTERNAL");
        if (f.returnType() != null) {
            o.put("data_type", f.returnType().startsWith("TABLE") ? "TABLE_TYPE" : f.returnType());
            o.put("full_data_type", f.returnType());
        }
        if (f.body() != null) {
            o.put(f.sql() ? "routine_definition" : "external_name", f.body());
        }
        if (f.comment() != null) {
            o.put("comment", f.comment());
        }
        o.put("owner", "local");
        o.put("function_id", TableCredentials.id("function", f.fullName()));
        o.put("metastore_id", METASTORE);
        if (f.createdAt() > 0) {
            o.put("created_at", f.createdAt());
            o.put("updated_at", f.createdAt());
        }
        return o;
    }

    /**
     * The volumes of a schema, from the same {@link dev.sluice.warehouse.volumes.VolumeStore} that CREATE/DROP VOLUME,
     * DROP SCHEMA/CATALOG and the Files API use, so all of them see the same volumes.
     */
    private JsonNode listVolumes(Request r) throws IOException {
        String catalog = required(r, "catalog_name");
        String schema = required(r, "schema_name");
        requireSchema(catalog, schema);
        String c = UcNames.normalizeCatalog(catalog);
        String s = schema.toLowerCase(Locale.ROOT);
        List<Path> volumes = new java.util.ArrayList<>();
        for (String v : registry.volumes().volumes(c, s)) {
            Path dir = registry.volumes().location(c, s, v);
            if (dir != null) {
                volumes.add(dir);
            }
        }
        return Paging.page(r, "volumes", "volumes:" + c + "." + s, volumes, p -> p.getFileName().toString(),
                p -> volumeInfo(c, s, p));
    }

    private ObjectNode volumeInfo(String catalog, String schema, Path dir) {
        String name = dir.getFileName().toString();
        String full = catalog + "." + schema + "." + name;
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("catalog_name", catalog);
        o.put("schema_name", schema);
        o.put("full_name", full);
        o.put("volume_type", "MANAGED");
        o.put("storage_location", dir.toUri().toString());
        o.put("owner", "local");
        o.put("volume_id", TableCredentials.id("volume", full));
        o.put("metastore_id", METASTORE);
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class, NOFOLLOW_LINKS);
            o.put("created_at", a.creationTime().toMillis());
            o.put("updated_at", a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            // removed while listing: the times stay out
        }
        return o;
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
