package dev.sluice.warehouse.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.catalog.CatalogDatabase;
import org.apache.spark.sql.catalyst.catalog.CatalogFunction;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.catalyst.catalog.SQLFunction;
import org.apache.spark.sql.catalyst.catalog.UserDefinedFunction;
import org.apache.spark.sql.catalyst.catalog.UserDefinedFunction$;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
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
    /**
     * The keys of each table read so far, by full name, when this browser serves one statement
     * ({@link #forStatement}): the information_schema views one statement joins read each Delta log once. Null for
     * a browser that lives longer, which reads the log every time.
     */
    private final Map<String, List<KeyConstraint>> statementKeys;

    public CatalogBrowser(SparkSession spark, CatalogRegistry catalogs) {
        this(spark, catalogs, null);
    }

    private CatalogBrowser(SparkSession spark, CatalogRegistry catalogs, Map<String, List<KeyConstraint>> keys) {
        this.spark = spark;
        this.catalogs = catalogs;
        this.statementKeys = keys;
    }

    /**
     * A browser for the planning of one statement, which remembers each table's keys while the statement's views
     * are built; a later statement gets a new one and sees every change.
     */
    static CatalogBrowser forStatement(SparkSession spark, CatalogRegistry catalogs) {
        return new CatalogBrowser(spark, catalogs, new java.util.HashMap<>());
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

    /**
     * The table's columns as readers see them. Delta keeps a table's schema in its log, not in the catalog,
     * so tables are read; a view's schema is the one the catalog recorded at creation, because its text may
     * name Unity Catalog tables that only the rewriting parser understands, and those tables may be gone.
     *
     * @throws IllegalStateException when the table cannot be read (its files are gone)
     */
    public StructType columns(TableEntry t) {
        if (t.isView()) {
            return external().getTable(UcNames.database(t.catalog(), t.schema()), t.name()).schema();
        }
        try {
            return UcParser.raw(() -> spark.table(t.sparkName()).schema());
        } catch (Exception e) {
            // Spark's AnalysisException is checked in Java's eyes, so callers could not catch it
            throw new IllegalStateException("cannot read the columns of " + t.fullName() + ": " + e.getMessage(), e);
        }
    }

    /** The informational keys recorded on a Delta table ({@link KeyConstraint}); none for views and other formats. */
    public List<KeyConstraint> keyConstraints(TableEntry t) {
        if (statementKeys == null) {
            return keyConstraints(load(t));
        }
        List<KeyConstraint> known = statementKeys.get(t.fullName());
        if (known == null) {
            known = keyConstraints(load(t));
            statementKeys.put(t.fullName(), known);
        }
        return known;
    }

    /** {@link #keyConstraints(TableEntry)} of a table already loaded by {@link #load}. */
    public List<KeyConstraint> keyConstraints(Table loaded) {
        return loaded == null ? List.of() : KeyConstraint.fromProperties(loaded.properties());
    }

    /**
     * A Delta table as Spark's catalog API loads it (one read of its log), to answer several questions of one
     * request from; null for views, other formats, and a table that cannot be loaded.
     */
    public Table load(TableEntry t) {
        if (t.isView() || !"DELTA".equals(t.format())) {
            return null;
        }
        return loadTable(spark, UcNames.database(t.catalog(), t.schema()), t.name());
    }

    /** The table's properties as its format keeps them (Delta: in its log); the catalog's when it cannot be loaded. */
    public Map<String, String> formatProperties(TableEntry t) {
        Map<String, String> p = t.isView() ? null : tableProperties(spark, UcNames.database(t.catalog(), t.schema()),
                t.name());
        return p == null ? t.properties() : p;
    }

    /** A table's properties as its format keeps them (Delta: in its log), or null when it cannot be loaded. */
    static Map<String, String> tableProperties(SparkSession spark, String database, String table) {
        Table t = loadTable(spark, database, table);
        return t == null ? null : t.properties();
    }

    /** The table as Spark's catalog API loads it (for Delta, from its log), or null when it cannot be. */
    static Table loadTable(SparkSession spark, String database, String table) {
        TableCatalog catalog = (TableCatalog) spark.sessionState().catalogManager().v2SessionCatalog();
        try {
            return catalog.loadTable(Identifier.of(new String[] {database}, table));
        } catch (Exception e) {
            return null; // missing, dropped meanwhile, or its files are gone
        }
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

    /** Keys Spark's catalog API adds to a table's properties for fields Unity Catalog reports on their own. */
    private static final java.util.Set<String> RESERVED_PROPERTIES = java.util.Set.of(TableCatalog.PROP_COMMENT,
            TableCatalog.PROP_LOCATION, TableCatalog.PROP_PROVIDER, TableCatalog.PROP_OWNER, TableCatalog.PROP_EXTERNAL,
            TableCatalog.PROP_IS_MANAGED_LOCATION, TableCatalog.PROP_TABLE_TYPE, TableCatalog.PROP_COLLATION);

    /**
     * A table's properties as Unity Catalog reports them: for Delta, those in its log (where TBLPROPERTIES go), not
     * the catalog's copy; without the warehouse's own bookkeeping of key constraints ({@link KeyConstraint}), which
     * Unity Catalog reports as {@code table_constraints}.
     */
    public Map<String, String> properties(TableEntry t) {
        return properties(t, load(t));
    }

    /** {@link #properties(TableEntry)} with the table already loaded by {@link #load}. */
    public Map<String, String> properties(TableEntry t, Table loaded) {
        Map<String, String> source = loaded == null ? t.properties() : loaded.properties();
        Map<String, String> out = new java.util.TreeMap<>();
        source.forEach((k, v) -> {
            if (!k.startsWith(KeyConstraint.PROPERTY_PREFIX) && !RESERVED_PROPERTIES.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * The columns a table is partitioned by, in order: for Delta, as its log says (the catalog's copy is empty for
     * Delta tables); empty for a table that is not partitioned or cannot be loaded.
     */
    public List<String> partitionColumns(TableEntry t) {
        return partitionColumns(t, load(t));
    }

    /** {@link #partitionColumns(TableEntry)} with the table already loaded by {@link #load}. */
    public List<String> partitionColumns(TableEntry t, Table table) {
        if (table == null) {
            return t.partitionColumns();
        }
        List<String> out = new ArrayList<>();
        for (org.apache.spark.sql.connector.expressions.Transform transform : table.partitioning()) {
            if ("identity".equals(transform.name()) && transform.references().length == 1) {
                out.add(String.join(".", transform.references()[0].fieldNames()));
            }
        }
        return out;
    }

    /**
     * A persistent function of a schema: a SQL function's return type, body and comment, or a class-name
     * function's class (the sandbox refuses creating those, but a copied-in warehouse may hold some).
     */
    public record FunctionEntry(String catalog, String schema, String name, String returnType, String body,
                                String comment, boolean sql, long createdAt) {
        public String fullName() {
            return catalog + "." + schema + "." + name;
        }
    }

    /** The persistent functions of a schema, sorted by name; none when the schema does not exist. */
    public List<FunctionEntry> functions(String catalog, String schema) {
        String db = UcNames.database(catalog, schema);
        ExternalCatalog ext = external();
        List<FunctionEntry> out = new ArrayList<>();
        if (!ext.databaseExists(db)) {
            return out;
        }
        String c = UcNames.normalizeCatalog(catalog);
        String s = schema.toLowerCase(Locale.ROOT);
        for (String f : CollectionConverters.asJava(ext.listFunctions(db, "*"))) {
            try {
                CatalogFunction cf = ext.getFunction(db, f);
                if (UserDefinedFunction$.MODULE$.isUserDefinedFunction(cf.className())) {
                    UserDefinedFunction udf = UserDefinedFunction$.MODULE$.fromCatalogFunction(cf,
                            spark.sessionState().sqlParser());
                    String type = null;
                    String body = null;
                    String comment = null;
                    if (udf instanceof SQLFunction sqlf) {
                        type = sqlf.returnType().isLeft() ? sqlf.returnType().left().get().sql()
                                : "TABLE (" + sqlf.returnType().right().get().toDDL() + ")";
                        body = sqlf.exprText().isDefined() ? sqlf.exprText().get()
                                : sqlf.queryText().isDefined() ? sqlf.queryText().get() : null;
                        comment = sqlf.comment().isDefined() ? sqlf.comment().get() : null;
                    }
                    out.add(new FunctionEntry(c, s, f, type, body, comment, true, udf.createTimeMs()));
                } else {
                    out.add(new FunctionEntry(c, s, f, null, cf.className(), null, false, 0));
                }
            } catch (RuntimeException e) {
                // dropped by another statement while listing, or a definition this Spark cannot read
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private ExternalCatalog external() {
        return spark.sharedState().externalCatalog();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
