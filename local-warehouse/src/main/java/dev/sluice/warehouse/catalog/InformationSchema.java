package dev.sluice.warehouse.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code information_schema} views tools read (catalogs, schemata, tables, views, columns, routines,
 * parameters, and the key constraint views of {@link ConstraintViews}), computed from the catalog when a
 * statement names them. {@code system.information_schema} spans every catalog. Column layouts follow
 * Databricks' documentation; unknown facts are NULL.
 */
final class InformationSchema {

    private static final String OWNER = "local";
    private static final String CURRENT_DEFAULT = "CURRENT_DEFAULT";
    private static final String GENERATION = "delta.generationExpression";
    private static final String IDENTITY_START = "delta.identity.start";

    private InformationSchema() {
    }

    static LogicalPlan plan(SparkSession spark, CatalogBrowser browser, String catalog, String view) {
        return plan(spark, browser, catalog, view, ViewPruning.NONE);
    }

    /**
     * The view with only the catalogs, schemas and tables {@code prune} admits listed (and schemas read); the key
     * views list the keys of the tables it admits.
     */
    static LogicalPlan plan(SparkSession spark, CatalogBrowser browser, String catalog, String view,
            ViewPruning prune) {
        CatalogRegistry registry = browser.registry();
        List<String> scope = catalog.equals(UcNames.SYSTEM_CATALOG)
                ? browser.catalogNames().stream().filter(c -> !c.equals(UcNames.SYSTEM_CATALOG)).toList()
                : List.of(catalog);
        scope = scope.stream().filter(prune.catalog()).toList();
        String v = view.toLowerCase(Locale.ROOT);
        Table table = switch (v) {
            case "catalogs" -> catalogs(registry, scope);
            case "schemata" -> schemata(browser, scope, prune);
            case "tables" -> tables(browser, scope, prune);
            case "views" -> views(browser, scope, prune);
            case "columns" -> columns(browser, scope, prune);
            case "routines" -> new Table(schema("routine_catalog", "routine_schema", "routine_name", "routine_type",
                    "specific_catalog", "specific_schema", "specific_name", "data_type", "comment"), List.of());
            case "parameters" -> new Table(parametersSchema(), List.of());
            case "table_constraints" -> ConstraintViews.tableConstraints(browser, scope, prune);
            case "key_column_usage" -> ConstraintViews.keyColumnUsage(browser, scope, prune);
            case "referential_constraints" -> ConstraintViews.referentialConstraints(browser, scope);
            default -> null;
        };
        if (table == null) {
            throw new WarehouseSqlError("TABLE_OR_VIEW_NOT_FOUND", "42P01", "The table or view `" + catalog
                    + "`.`information_schema`.`" + view + "` cannot be found.");
        }
        return spark.createDataFrame(table.rows(), table.schema()).as(v).queryExecution().logical();
    }

    record Table(StructType schema, List<Row> rows) {
    }

    private static Table catalogs(CatalogRegistry registry, List<String> scope) {
        StructType s = schema("catalog_name", "catalog_owner", "comment")
                .add("created", DataTypes.TimestampType).add("created_by", DataTypes.StringType)
                .add("last_altered", DataTypes.TimestampType).add("last_altered_by", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (String c : scope) {
            var info = registry.get(c);
            Instant at = Instant.ofEpochMilli(info.createdAt());
            rows.add(RowFactory.create(c, OWNER, info.comment(), at, OWNER, at, OWNER));
        }
        return new Table(s, rows);
    }

    private static Table schemata(CatalogBrowser browser, List<String> scope, ViewPruning prune) {
        StructType s = schema("catalog_name", "schema_name", "schema_owner", "comment")
                .add("created", DataTypes.TimestampType).add("created_by", DataTypes.StringType)
                .add("last_altered", DataTypes.TimestampType).add("last_altered_by", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (String c : scope) {
            for (var e : browser.schemas(c)) {
                if (!prune.schema().test(e.schema())) {
                    continue;
                }
                rows.add(RowFactory.create(c, e.schema(), OWNER, e.comment(), null, OWNER, null, OWNER));
            }
        }
        return new Table(s, rows);
    }

    private static Table tables(CatalogBrowser browser, List<String> scope, ViewPruning prune) {
        StructType s = schema("table_catalog", "table_schema", "table_name", "table_type", "is_insertable_into",
                "commit_action", "table_owner", "comment")
                .add("created", DataTypes.TimestampType).add("created_by", DataTypes.StringType)
                .add("last_altered", DataTypes.TimestampType).add("last_altered_by", DataTypes.StringType)
                .add("data_source_format", DataTypes.StringType).add("storage_sub_directory", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (var t : allTables(browser, scope, prune)) {
            Instant at = Instant.ofEpochMilli(t.createdAt());
            rows.add(RowFactory.create(t.catalog(), t.schema(), t.name(), t.tableType(), t.isView() ? "NO" : "YES",
                    "PRESERVE", OWNER, t.comment(), at, OWNER, at, OWNER, t.format(), null));
        }
        return new Table(s, rows);
    }

    private static Table views(CatalogBrowser browser, List<String> scope, ViewPruning prune) {
        StructType s = schema("table_catalog", "table_schema", "table_name", "view_definition", "check_option",
                "is_updatable", "is_insertable_into", "sql_path");
        List<Row> rows = new ArrayList<>();
        for (var t : allTables(browser, scope, prune)) {
            if (t.isView()) {
                rows.add(RowFactory.create(t.catalog(), t.schema(), t.name(), t.viewText(), "NONE", "NO", "NO", null));
            }
        }
        return new Table(s, rows);
    }

    private static Table columns(CatalogBrowser browser, List<String> scope, ViewPruning prune) {
        StructType s = schema("table_catalog", "table_schema", "table_name", "column_name")
                .add("ordinal_position", DataTypes.IntegerType).add("column_default", DataTypes.StringType)
                .add("is_nullable", DataTypes.StringType).add("full_data_type", DataTypes.StringType)
                .add("data_type", DataTypes.StringType).add("character_maximum_length", DataTypes.LongType)
                .add("character_octet_length", DataTypes.LongType).add("numeric_precision", DataTypes.IntegerType)
                .add("numeric_precision_radix", DataTypes.IntegerType).add("numeric_scale", DataTypes.IntegerType)
                .add("datetime_precision", DataTypes.IntegerType).add("interval_type", DataTypes.StringType)
                .add("is_identity", DataTypes.StringType).add("is_generated", DataTypes.StringType)
                .add("generation_expression", DataTypes.StringType).add("is_updatable", DataTypes.StringType)
                .add("partition_index", DataTypes.IntegerType).add("comment", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (var t : allTables(browser, scope, prune)) {
            StructType cols;
            try {
                cols = browser.columns(t);
            } catch (RuntimeException e) {
                continue; // a table whose files are gone: listed in tables, without columns
            }
            StructField[] fields = cols.fields();
            for (int i = 0; i < fields.length; i++) {
                rows.add(columnRow(t, fields[i], i));
            }
        }
        return new Table(s, rows);
    }

    private static Row columnRow(CatalogBrowser.TableEntry t, StructField f, int i) {
        DataType type = f.dataType();
        Integer precision = NumericFacts.precision(type);
        Integer scale = type instanceof DecimalType d ? Integer.valueOf(d.scale())
                : NumericFacts.isIntegral(type) ? Integer.valueOf(0) : null;
        int partition = t.partitionColumns().indexOf(f.name());
        String comment = f.getComment().isDefined() ? f.getComment().get() : null;
        // Delta keeps a column's default, identity and generation expression in the field's metadata
        var metadata = f.metadata();
        String fallback = metadata.contains(CURRENT_DEFAULT) ? metadata.getString(CURRENT_DEFAULT) : null;
        String generation = metadata.contains(GENERATION) ? metadata.getString(GENERATION) : null;
        return RowFactory.create(t.catalog(), t.schema(), t.name(), f.name(), i + 1, fallback,
                f.nullable() ? "YES" : "NO", type.simpleString(), NumericFacts.simpleName(type), null, null,
                precision, precision == null ? null : 10, scale,
                NumericFacts.isDatetime(type) ? Integer.valueOf(6) : null,
                dev.sluice.warehouse.sql.ColumnTypes.intervalQualifier(type),
                metadata.contains(IDENTITY_START) ? "YES" : "NO", generation == null ? "NEVER" : "ALWAYS", generation,
                t.isView() ? "NO" : "YES", partition < 0 ? null : partition, comment);
    }

    static List<CatalogBrowser.TableEntry> allTables(CatalogBrowser browser, List<String> scope,
            ViewPruning prune) {
        List<CatalogBrowser.TableEntry> out = new ArrayList<>();
        for (String c : scope) {
            for (var s : browser.schemas(c)) {
                if (prune.schema().test(s.schema())) {
                    browser.tables(c, s.schema()).stream().filter(t -> prune.table().test(t.name())).forEach(out::add);
                }
            }
        }
        return out;
    }

    private static StructType parametersSchema() {
        return schema("specific_catalog", "specific_schema", "specific_name", "parameter_name", "parameter_mode",
                "is_result", "data_type")
                .add("numeric_precision", DataTypes.IntegerType).add("numeric_precision_radix", DataTypes.IntegerType)
                .add("numeric_scale", DataTypes.IntegerType).add("character_maximum_length", DataTypes.LongType)
                .add("character_octet_length", DataTypes.LongType).add("ordinal_position", DataTypes.IntegerType)
                .add("parameter_default", DataTypes.StringType).add("comment", DataTypes.StringType);
    }

    static StructType schema(String... stringColumns) {
        StructType s = new StructType();
        for (String c : stringColumns) {
            s = s.add(c, DataTypes.StringType);
        }
        return s;
    }
}
