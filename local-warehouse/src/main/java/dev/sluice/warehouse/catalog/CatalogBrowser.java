package dev.sluice.warehouse.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.catalog.CatalogDatabase;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads the warehouse's catalogs, schemas, tables and columns in Unity Catalog terms, for SHOW commands,
 * information_schema and the Unity Catalog REST API.
 */
public final class CatalogBrowser {

    public record SchemaEntry(String catalog, String schema, String comment, String location) {
        public String database() {
            return UcNames.database(catalog, schema);
        }
    }

    public record TableEntry(String catalog, String schema, String name, String tableType, String format,
                             String location, String comment, long createdAt, long lastAccess,
                             Map<String, String> properties, String viewText, List<String> partitionColumns) {
        public String fullName() {
            return catalog + "." + schema + "." + name;
        }

        public String sparkName() {
            return "`" + UcNames.database(catalog, schema) + "`.`" + name.replace("`", "``") + "`";
        }

        public boolean isView() {
            return tableType.equals("VIEW");
        }
    }

    private final SparkSession spark;
    private final CatalogRegistry catalogs;

    public CatalogBrowser(SparkSession spark, CatalogRegistry catalogs) {
        this.spark = spark;
        this.catalogs = catalogs;
    }

    public CatalogRegistry registry() {
        return catalogs;
    }

    /** Catalogs whose contents are real (the system catalog holds only information_schema). */
    public List<String> catalogNames() {
        return catalogs.names();
    }

    public List<SchemaEntry> schemas(String catalog) {
        String c = UcNames.normalizeCatalog(catalog);
        List<SchemaEntry> out = new ArrayList<>();
        if (!catalogs.exists(c)) {
            return out;
        }
        ExternalCatalog ext = external();
        if (!c.equals(UcNames.SYSTEM_CATALOG)) {
            for (String db : CollectionConverters.asJava(ext.listDatabases(c + UcNames.SEPARATOR + "*"))) {
                String[] parts = UcNames.split(db);
                if (parts != null && parts[0].equals(c)) {
                    CatalogDatabase d = ext.getDatabase(db);
                    URI loc = d.locationUri();
                    out.add(new SchemaEntry(c, parts[1], emptyToNull(d.description()), loc == null ? null : loc.toString()));
                }
            }
        }
        out.add(new SchemaEntry(c, UcNames.INFORMATION_SCHEMA, "Information schema (read only)", null));
        out.sort((a, b) -> a.schema().compareTo(b.schema()));
        return out;
    }

    public List<TableEntry> tables(String catalog, String schema) {
        String db = UcNames.database(catalog, schema);
        List<TableEntry> out = new ArrayList<>();
        ExternalCatalog ext = external();
        if (!ext.databaseExists(db)) {
            return out;
        }
        for (String t : CollectionConverters.asJava(ext.listTables(db))) {
            try {
                out.add(entry(UcNames.normalizeCatalog(catalog), schema.toLowerCase(Locale.ROOT), ext.getTable(db, t)));
            } catch (RuntimeException e) {
                // dropped by another statement while listing
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    public TableEntry table(String catalog, String schema, String name) {
        String db = UcNames.database(catalog, schema);
        ExternalCatalog ext = external();
        String t = name.toLowerCase(Locale.ROOT);
        if (!ext.databaseExists(db) || !ext.tableExists(db, t)) {
            return null;
        }
        return entry(UcNames.normalizeCatalog(catalog), schema.toLowerCase(Locale.ROOT), ext.getTable(db, t));
    }

    /** The table's columns as readers see them (Delta keeps the schema in its log, not in the catalog). */
    public StructType columns(TableEntry t) {
        return UcParser.raw(() -> spark.table(t.sparkName()).schema());
    }

    private TableEntry entry(String catalog, String schema, CatalogTable t) {
        String type = switch (t.tableType().name()) {
            case "VIEW" -> "VIEW";
            case "EXTERNAL" -> "EXTERNAL";
            default -> "MANAGED";
        };
        String format = t.provider().isDefined() ? t.provider().get().toUpperCase(Locale.ROOT) : null;
        if ("VIEW".equals(type)) {
            format = null;
        }
        String location = t.storage().locationUri().isDefined() ? t.storage().locationUri().get().toString() : null;
        return new TableEntry(catalog, schema, t.identifier().table(), type, format, location,
                t.comment().isDefined() ? t.comment().get() : null, t.createTime(), t.lastAccessTime(),
                CollectionConverters.asJava(t.properties()),
                t.viewText().isDefined() ? t.viewText().get() : null,
                CollectionConverters.asJava(t.partitionColumnNames()));
    }

    private ExternalCatalog external() {
        return spark.sharedState().externalCatalog();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
