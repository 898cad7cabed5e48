package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Statements of Databricks SQL that Spark's grammar lacks or answers with another layout: catalog DDL,
 * USE/SET CATALOG, DESCRIBE CATALOG, the SHOW commands JDBC/ODBC drivers run for metadata, COPY INTO
 * ({@link CopyInto}), and CALL
 * (there are no procedures: {@link ProcedureCalls}).
 * {@link #run} returns null for every other statement.
 */
public final class MetadataCommands {

    private final SparkSession session;
    private final CatalogBrowser browser;
    private final CatalogRegistry registry;

    public MetadataCommands(SparkSession session, CatalogRegistry registry) {
        this.session = session;
        this.browser = new CatalogBrowser(session, registry);
        this.registry = registry;
    }

    public Dataset<Row> run(String sql) {
        SqlTokens t = SqlTokens.of(sql);
        if (t == null) {
            return null;
        }
        if (t.accept("CREATE", "CATALOG")) {
            return createCatalog(t);
        }
        if (t.accept("DROP", "CATALOG")) {
            return dropCatalog(t);
        }
        if (t.accept("USE", "CATALOG") || t.accept("SET", "CATALOG")) {
            String c = t.identifier();
            t.expectEnd();
            return useCatalog(c);
        }
        if (t.accept("DESCRIBE", "CATALOG") || t.accept("DESC", "CATALOG")) {
            t.accept("EXTENDED");
            String c = t.identifier();
            t.expectEnd();
            return describeCatalog(c);
        }
        if (t.accept("SHOW")) {
            return show(t);
        }
        if (t.accept("COPY", "INTO")) {
            return new CopyInto(session, registry).run(t);
        }
        if (t.accept("CALL")) {
            throw ProcedureCalls.notFound(session, t);
        }
        return null;
    }

    private Dataset<Row> show(SqlTokens t) {
        if (t.accept("CATALOGS")) {
            Predicate<String> like = like(t);
            t.expectEnd();
            List<Row> rows = new ArrayList<>();
            browser.catalogNames().stream().filter(like).forEach(c -> rows.add(RowFactory.create(c)));
            return frame(InformationSchema.schema("catalog"), rows);
        }
        if (t.accept("SCHEMAS") || t.accept("DATABASES")) {
            return showSchemas(t);
        }
        if (t.accept("TABLES", "IN", "CATALOG")) {
            return showTablesInCatalogs(List.of(catalog(t.identifier())), t);
        }
        if (t.accept("TABLES", "IN", "ALL", "CATALOGS")) {
            return showTablesInCatalogs(realCatalogs(), t);
        }
        if (t.accept("TABLES")) {
            return showTables(t);
        }
        if (t.accept("COLUMNS", "IN", "CATALOG")) {
            return showColumns(List.of(catalog(t.identifier())), t);
        }
        if (t.accept("COLUMNS", "IN", "ALL", "CATALOGS")) {
            return showColumns(realCatalogs(), t);
        }
        if (t.accept("KEYS", "IN", "CATALOG") || t.accept("PRIMARY", "KEYS", "IN", "CATALOG")) {
            return showKeys(t, true);
        }
        if (t.accept("FOREIGN", "KEYS", "IN", "CATALOG")) {
            return showKeys(t, false);
        }
        if (t.accept("TABLE_TYPES")) {
            t.expectEnd();
            return frame(InformationSchema.schema("tableType"),
                    List.of(RowFactory.create("TABLE"), RowFactory.create("VIEW")));
        }
        if (t.accept("FUNCTIONS", "IN", "CATALOG") || t.accept("FUNCTIONS", "IN", "ALL", "CATALOGS")) {
            skipRest(t);
            return frame(InformationSchema.schema("catalogName", "namespace", "functionName", "remarks",
                    "functionType", "specificName"), List.of());
        }
        return null;
    }

    private Dataset<Row> showSchemas(SqlTokens t) {
        List<String> scope;
        boolean all = false;
        if (t.accept("IN", "ALL", "CATALOGS") || t.accept("FROM", "ALL", "CATALOGS")) {
            scope = realCatalogs();
            all = true;
        } else if (t.accept("IN") || t.accept("FROM")) {
            scope = List.of(catalog(t.identifier()));
        } else {
            scope = List.of(currentCatalog());
        }
        Predicate<String> like = like(t);
        t.expectEnd();
        List<Row> rows = new ArrayList<>();
        for (String c : scope) {
            for (var s : browser.schemas(c)) {
                if (like.test(s.schema())) {
                    rows.add(all ? RowFactory.create(s.schema(), c) : RowFactory.create(s.schema()));
                }
            }
        }
        StructType schema = all ? InformationSchema.schema("databaseName", "catalog")
                : InformationSchema.schema("databaseName");
        return frame(schema, rows);
    }

    /**
     * {@code SHOW [PRIMARY|FOREIGN] KEYS IN CATALOG c IN SCHEMA s IN TABLE t}: the table's primary key columns
     * ({@code col_name, keySeq, constraintName}), or its foreign key columns with the columns they reference
     * ({@code col_name, constraintName, keySeq, parent...}), keySeq from 1, from the keys the table records. A
     * foreign key is listed as {@code referential_constraints} lists it: while its parent has a primary key on
     * exactly the referenced columns. A table that does not exist has no keys.
     */
    private Dataset<Row> showKeys(SqlTokens t, boolean primary) {
        String catalog = UcNames.normalizeCatalog(t.identifier());
        String schema = t.accept("IN", "SCHEMA") ? t.identifier() : currentSchema();
        String table = t.accept("IN", "TABLE") ? t.identifier() : null;
        t.expectEnd();
        CatalogBrowser.TableEntry entry = table == null || !registry.exists(catalog) ? null
                : browser.table(catalog, schema, table);
        List<KeyConstraint> keys = entry == null ? List.of() : browser.keyConstraints(entry);
        List<Row> rows = new ArrayList<>();
        for (KeyConstraint k : keys) {
            if (k.isPrimaryKey() != primary) {
                continue;
            }
            List<String> parentColumns = primary ? null : ConstraintViews.referencedKeyColumns(browser, k);
            if (!primary && parentColumns == null) {
                continue;
            }
            for (int i = 0; i < k.columns().size(); i++) {
                rows.add(primary ? RowFactory.create(k.columns().get(i), i + 1, k.name())
                        : RowFactory.create(k.columns().get(i), k.name(), i + 1, k.parent().get(0), k.parent().get(1),
                                k.parent().get(2), parentColumns.get(i)));
            }
        }
        StructType layout = primary
                ? InformationSchema.schema("col_name").add("keySeq", DataTypes.IntegerType)
                        .add("constraintName", DataTypes.StringType)
                : InformationSchema.schema("col_name", "constraintName").add("keySeq", DataTypes.IntegerType)
                        .add("parentCatalogName", DataTypes.StringType).add("parentNamespace", DataTypes.StringType)
                        .add("parentTableName", DataTypes.StringType).add("parentColName", DataTypes.StringType);
        return frame(layout, rows);
    }

    private Dataset<Row> showTablesInCatalogs(List<String> catalogs, SqlTokens t) {
        Predicate<String> schemaLike = t.accept("SCHEMA", "LIKE") ? NamePattern.of(t.string()) : s -> true;
        Predicate<String> like = like(t);
        t.expectEnd();
        StructType schema = InformationSchema.schema("namespace", "tableName")
                .add("isTemporary", DataTypes.BooleanType)
                .add("information", DataTypes.StringType).add("catalogName", DataTypes.StringType)
                .add("tableType", DataTypes.StringType).add("remarks", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (String c : catalogs) {
            for (var s : browser.schemas(c)) {
                if (!schemaLike.test(s.schema()) || s.schema().equals(UcNames.INFORMATION_SCHEMA)) {
                    continue;
                }
                for (var e : browser.tables(c, s.schema())) {
                    if (like.test(e.name())) {
                        rows.add(RowFactory.create(e.schema(), e.name(), false, null, c,
                                e.isView() ? "VIEW" : "TABLE", e.comment()));
                    }
                }
            }
        }
        return frame(schema, rows);
    }

    private Dataset<Row> showTables(SqlTokens t) {
        String catalog = currentCatalog();
        String schema = currentSchema();
        if (t.accept("IN") || t.accept("FROM")) {
            List<String> name = t.qualifiedName();
            if (name.size() == 2) {
                catalog = catalog(name.get(0));
                schema = name.get(1);
            } else if (name.size() == 1) {
                schema = name.get(0);
            } else {
                throw WarehouseSqlError.syntax("A schema name has at most two parts: " + String.join(".", name));
            }
        }
        Predicate<String> like = like(t);
        t.expectEnd();
        if (!session.sharedState().externalCatalog().databaseExists(UcNames.database(catalog, schema))) {
            throw WarehouseSqlError.schemaNotFound(catalog, schema);
        }
        List<Row> rows = new ArrayList<>();
        for (var e : browser.tables(catalog, schema)) {
            if (like.test(e.name())) {
                rows.add(RowFactory.create(e.schema(), e.name(), false));
            }
        }
        return frame(InformationSchema.schema("database", "tableName").add("isTemporary", DataTypes.BooleanType), rows);
    }

    private Dataset<Row> showColumns(List<String> catalogs, SqlTokens t) {
        Predicate<String> schemaLike = t.accept("SCHEMA", "LIKE") ? NamePattern.of(t.string()) : s -> true;
        Predicate<String> tableLike = t.accept("TABLE", "LIKE") ? NamePattern.of(t.string()) : s -> true;
        Predicate<String> like = like(t);
        t.expectEnd();
        return frame(ColumnListing.SCHEMA, new ColumnListing(browser).rows(catalogs, schemaLike, tableLike, like));
    }

    private Dataset<Row> createCatalog(SqlTokens t) {
        boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
        String name = t.identifier();
        String comment = null;
        while (!t.atEnd()) {
            if (t.accept("COMMENT")) {
                comment = t.string();
            } else if (t.accept("MANAGED", "LOCATION")) {
                t.string(); // storage is always the warehouse directory here
            } else {
                t.expectEnd();
            }
        }
        if (browser.registry().create(name, comment, ifNotExists)) {
            String db = UcNames.database(name, UcNames.DEFAULT_SCHEMA);
            UcParser.raw(() -> session.sql("CREATE DATABASE IF NOT EXISTS `" + db + "`"));
        }
        return empty();
    }

    private Dataset<Row> dropCatalog(SqlTokens t) {
        boolean ifExists = t.accept("IF", "EXISTS");
        String name = UcNames.normalizeCatalog(t.identifier());
        boolean cascade = t.accept("CASCADE");
        t.accept("RESTRICT");
        t.expectEnd();
        if (!browser.registry().exists(name) || name.equals(UcNames.SYSTEM_CATALOG)) {
            if (ifExists) {
                return empty();
            }
            throw WarehouseSqlError.noSuchCatalog(name);
        }
        if (name.equals(UcNames.DEFAULT_CATALOG)) {
            throw new WarehouseSqlError("INVALID_CATALOG_OPERATION", "42000", "The catalog 'main' cannot be dropped.");
        }
        List<CatalogBrowser.SchemaEntry> schemas = browser.schemas(name).stream()
                .filter(s -> !s.schema().equals(UcNames.INFORMATION_SCHEMA)).toList();
        boolean empty = schemas.stream().allMatch(s -> s.schema().equals(UcNames.DEFAULT_SCHEMA)
                && browser.tables(name, s.schema()).isEmpty());
        empty = empty && volumesOf(name, schemas).isEmpty();
        if (!empty && !cascade) {
            throw new WarehouseSqlError("CATALOG_NOT_EMPTY", "2BP01", "Cannot drop catalog '" + name
                    + "' because it contains schemas or tables. Use DROP CATALOG ... CASCADE.");
        }
        for (var s : schemas) {
            UcParser.raw(() -> session.sql("DROP DATABASE IF EXISTS `" + s.database() + "` CASCADE"));
        }
        try {
            registry.volumes().dropCatalog(name); // its volumes and their files go with it, as on Databricks
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        browser.registry().remove(name);
        if (currentCatalog().equals(name)) {
            CurrentSchema.set(session, UcNames.database(UcNames.DEFAULT_CATALOG, UcNames.DEFAULT_SCHEMA));
        }
        return empty();
    }

    private List<String> volumesOf(String catalog, List<CatalogBrowser.SchemaEntry> schemas) {
        List<String> out = new ArrayList<>();
        for (var s : schemas) {
            try {
                registry.volumes().volumes(catalog, s.schema()).forEach(v -> out.add(s.schema() + "." + v));
            } catch (java.io.IOException | RuntimeException e) {
                // a schema whose name no volume can have holds no volume
            }
        }
        return out;
    }

    private Dataset<Row> useCatalog(String name) {
        String c = catalog(name);
        String db = UcNames.database(c, UcNames.DEFAULT_SCHEMA);
        if (!session.sharedState().externalCatalog().databaseExists(db)) {
            var schemas = browser.schemas(c).stream()
                    .filter(s -> !s.schema().equals(UcNames.INFORMATION_SCHEMA)).toList();
            if (schemas.isEmpty()) {
                throw WarehouseSqlError.schemaNotFound(c, UcNames.DEFAULT_SCHEMA);
            }
            db = schemas.get(0).database();
        }
        CurrentSchema.set(session, db);
        return empty();
    }

    private Dataset<Row> describeCatalog(String name) {
        var info = browser.registry().get(name);
        String type = info.name().equals(UcNames.SYSTEM_CATALOG) ? "SYSTEM_CATALOG" : "MANAGED_CATALOG";
        List<Row> rows = List.of(RowFactory.create("Catalog Name", info.name()),
                RowFactory.create("Comment", info.comment()), RowFactory.create("Owner", "local"),
                RowFactory.create("Catalog Type", type));
        return frame(InformationSchema.schema("info_name", "info_value"), rows);
    }

    private List<String> realCatalogs() {
        return browser.catalogNames().stream().filter(c -> !c.equals(UcNames.SYSTEM_CATALOG)).toList();
    }

    private String catalog(String name) {
        String c = UcNames.normalizeCatalog(name);
        if (!browser.registry().exists(c)) {
            throw WarehouseSqlError.noSuchCatalog(name);
        }
        return c;
    }

    private String currentCatalog() {
        String[] parts = UcNames.split(session.catalog().currentDatabase());
        return parts == null ? UcNames.DEFAULT_CATALOG : parts[0];
    }

    private String currentSchema() {
        String[] parts = UcNames.split(session.catalog().currentDatabase());
        return parts == null ? UcNames.DEFAULT_SCHEMA : parts[1];
    }

    private static Predicate<String> like(SqlTokens t) {
        if (t.accept("LIKE") || t.nextIsString()) {
            return NamePattern.of(t.string());
        }
        return s -> true;
    }

    private static void skipRest(SqlTokens t) {
        while (!t.atEnd()) {
            if (t.nextIsString()) {
                t.string();
            } else if (!t.acceptSymbol(".")) {
                t.identifier();
            }
        }
    }

    private Dataset<Row> frame(StructType schema, List<Row> rows) {
        return session.createDataFrame(rows, schema);
    }

    private Dataset<Row> empty() {
        return session.createDataFrame(List.of(), new StructType());
    }
}
