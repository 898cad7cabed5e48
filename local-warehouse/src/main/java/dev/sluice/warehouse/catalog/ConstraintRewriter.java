package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.catalyst.expressions.ForeignKeyConstraint;
import org.apache.spark.sql.catalyst.expressions.PrimaryKeyConstraint;
import org.apache.spark.sql.catalyst.expressions.TableConstraint;
import org.apache.spark.sql.catalyst.plans.logical.AddConstraint;
import org.apache.spark.sql.catalyst.plans.logical.AlterTableDropConstraint;
import org.apache.spark.sql.catalyst.plans.logical.ColumnDefinition;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.DropConstraint;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.SetTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedTableSpec;
import org.apache.spark.sql.catalyst.plans.logical.UnsetTableProperties;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Table;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Informational PRIMARY KEY and FOREIGN KEY constraints, which Unity Catalog accepts and Spark's session
 * catalog refuses: CREATE TABLE keeps them as table properties instead of passing them to Spark,
 * {@code ALTER TABLE ADD CONSTRAINT} becomes {@code SET TBLPROPERTIES} and {@code DROP CONSTRAINT} of one
 * of them {@code UNSET TBLPROPERTIES} (see {@link KeyConstraint}). CHECK constraints stay with Delta.
 * Works on plans whose names {@link PlanRewriter} has already mapped.
 */
final class ConstraintRewriter {

    private final SparkSession session;
    private final UnaryOperator<List<String>> tableName;

    /** {@code tableName} maps a table name as written to Spark's {@code [database, table]}. */
    ConstraintRewriter(SparkSession session, UnaryOperator<List<String>> tableName) {
        this.session = session;
        this.tableName = tableName;
    }

    LogicalPlan rewrite(LogicalPlan p) {
        if (p instanceof AddConstraint add) {
            return add(add);
        }
        if (p instanceof DropConstraint drop) {
            return drop(drop, drop.table(), drop.name());
        }
        if (p instanceof AlterTableDropConstraint drop) {
            // Delta's parser claims a plain ALTER TABLE ... DROP CONSTRAINT before Spark's grammar sees it
            return drop(drop, drop.table(), drop.constraintName());
        }
        if (p instanceof CreateTable || p instanceof ReplaceTable || p instanceof CreateTableAsSelect
                || p instanceof ReplaceTableAsSelect) {
            return create(p);
        }
        return p;
    }

    private LogicalPlan create(LogicalPlan p) {
        Object[] args = args(p);
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof UnresolvedTableSpec spec) {
                UnresolvedTableSpec rewritten = withoutKeys(spec, columnNames(args));
                if (rewritten == spec) {
                    return p;
                }
                args[i] = rewritten;
                return (LogicalPlan) p.makeCopy(args);
            }
        }
        return p;
    }

    /** The spec with its keys moved from constraints to properties; the same spec when it has none. */
    private UnresolvedTableSpec withoutKeys(UnresolvedTableSpec spec, List<String> defined) {
        if (spec.provider().isDefined() && !spec.provider().get().equalsIgnoreCase("delta")) {
            return spec; // as on Databricks, constraints need Delta: Spark's error says so
        }
        List<TableConstraint> others = new ArrayList<>();
        scala.collection.immutable.Map<String, String> properties = spec.properties();
        for (TableConstraint c : CollectionConverters.asJava(spec.constraints())) {
            KeyConstraint key = key(c);
            if (key == null) {
                others.add(c);
                continue;
            }
            if (!defined.isEmpty()) {
                requireColumns(key.columns(), defined);
            }
            properties = properties.updated(key.propertyKey(), key.propertyValue());
        }
        if (others.size() == spec.constraints().size()) {
            return spec;
        }
        Object[] specArgs = args(spec);
        for (int i = 0; i < specArgs.length; i++) {
            switch (spec.productElementName(i)) {
                case "properties" -> specArgs[i] = properties;
                case "constraints" -> specArgs[i] = CollectionConverters.asScala(others).toList();
                default -> {
                    // every other part of the spec stays as parsed
                }
            }
        }
        return (UnresolvedTableSpec) spec.makeCopy(specArgs);
    }

    /** The column definitions of CREATE/REPLACE TABLE; none for CTAS, whose columns come from its query. */
    private static List<String> columnNames(Object[] args) {
        List<String> names = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof Seq<?> s) {
                for (Object o : CollectionConverters.asJava(s)) {
                    if (o instanceof ColumnDefinition c) {
                        names.add(c.name());
                    }
                }
            }
        }
        return names;
    }

    private LogicalPlan add(AddConstraint add) {
        KeyConstraint key = key(add.tableConstraint());
        Table table = key == null ? null : deltaTable(add.table());
        if (table == null) {
            return add; // CHECK constraints are Delta's; a missing or non-Delta table gets Spark's error
        }
        Map<String, String> properties = table.properties();
        List<String> defined = new ArrayList<>();
        for (Column c : table.columns()) {
            defined.add(c.name());
        }
        requireColumns(key.columns(), defined);
        requireNew(key, properties);
        scala.collection.immutable.Map<String, String> set = scala.collection.immutable.Map$.MODULE$
                .<String, String>empty().updated(key.propertyKey(), key.propertyValue());
        return new SetTableProperties(add.table(), set);
    }

    /** A table has at most one primary key, and constraint names are unique within it. */
    private static void requireNew(KeyConstraint key, Map<String, String> properties) {
        if (key.isPrimaryKey()) {
            for (KeyConstraint existing : KeyConstraint.fromProperties(properties)) {
                if (existing.isPrimaryKey()) {
                    throw new WarehouseSqlError("MULTIPLE_PRIMARY_KEYS", "42P16", "Multiple primary keys are defined: ("
                            + String.join(", ", existing.columns()) + "), (" + String.join(", ", key.columns())
                            + "). Please ensure that only one primary key is defined for the table.");
                }
            }
        }
        if (KeyConstraint.propertyKeyOf(properties, key.name()) != null) {
            throw new WarehouseSqlError("CONSTRAINT_ALREADY_EXISTS", "42710",
                    "Constraint '" + key.name() + "' already exists. Please delete the existing constraint first.");
        }
    }

    private LogicalPlan drop(LogicalPlan drop, LogicalPlan unresolvedTable, String name) {
        Table table = deltaTable(unresolvedTable);
        String property = table == null ? null : KeyConstraint.propertyKeyOf(table.properties(), name);
        if (property == null) {
            return drop; // a CHECK constraint, or none: Delta answers
        }
        Seq<String> keys = CollectionConverters.asScala(List.of(property)).toList();
        return new UnsetTableProperties(unresolvedTable, keys, true);
    }

    /** The key a parsed constraint declares, or null for other constraints (CHECK, UNIQUE). */
    private KeyConstraint key(TableConstraint c) {
        if (c instanceof PrimaryKeyConstraint pk) {
            List<String> columns = CollectionConverters.asJava(pk.columns());
            List<String> timeseries = TimeseriesKeys.current().stream()
                    .filter(t -> columns.stream().anyMatch(k -> k.equalsIgnoreCase(t)))
                    .map(t -> columns.stream().filter(k -> k.equalsIgnoreCase(t)).findFirst().orElseThrow())
                    .toList();
            return KeyConstraint.primaryKey(pk.name(), columns, timeseries);
        }
        if (c instanceof ForeignKeyConstraint fk) {
            List<String> parent = parentTable(CollectionConverters.asJava(fk.parentTableId()));
            List<String> parentColumns = CollectionConverters.asJava(fk.parentColumns());
            return KeyConstraint.foreignKey(fk.name(), CollectionConverters.asJava(fk.childColumns()), parent,
                    parentColumns.isEmpty() ? parentKeyColumns(parent) : parentColumns);
        }
        return null;
    }

    /** {catalog, schema, table} of a foreign key's parent, which must exist. */
    private List<String> parentTable(List<String> written) {
        List<String> spark = sparkName(written);
        String[] uc = UcNames.split(spark.get(0));
        String table = spark.get(1).toLowerCase(Locale.ROOT);
        if (uc == null || !session.sharedState().externalCatalog().tableExists(spark.get(0), table)) {
            throw new WarehouseSqlError("TABLE_OR_VIEW_NOT_FOUND", "42P01", "The table or view `"
                    + String.join("`.`", written) + "` cannot be found. Verify the spelling and correctness of the"
                    + " schema and catalog.");
        }
        return List.of(uc[0], uc[1], table);
    }

    /** A parent named without columns is referenced by its primary key. */
    private List<String> parentKeyColumns(List<String> parent) {
        Map<String, String> properties = CatalogBrowser.tableProperties(session,
                UcNames.database(parent.get(0), parent.get(1)), parent.get(2));
        if (properties != null) {
            for (KeyConstraint k : KeyConstraint.fromProperties(properties)) {
                if (k.isPrimaryKey()) {
                    return k.columns();
                }
            }
        }
        return List.of();
    }

    private Table deltaTable(LogicalPlan unresolved) {
        @SuppressWarnings("unchecked")
        List<String> spark = sparkName(CollectionConverters.asJava((Seq<String>) unresolved.productElement(0)));
        Table table = CatalogBrowser.loadTable(session, spark.get(0), spark.get(1));
        return table != null && "delta".equalsIgnoreCase(table.properties().get("provider")) ? table : null;
    }

    /** [database, table] in Spark's terms; a one-part name is in the session's current database. */
    private List<String> sparkName(List<String> written) {
        List<String> mapped = tableName.apply(written);
        if (mapped.size() == 1) {
            return List.of(session.catalog().currentDatabase(), mapped.get(0));
        }
        if (mapped.size() != 2) {
            throw WarehouseSqlError.syntax("A table name has at most three parts: " + String.join(".", written));
        }
        return mapped;
    }

    private static void requireColumns(List<String> columns, List<String> defined) {
        for (String c : columns) {
            if (defined.stream().noneMatch(d -> d.equalsIgnoreCase(c))) {
                String known = String.join(", ", defined.stream().map(d -> "`" + d + "`").toList());
                throw new WarehouseSqlError("UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703", "A column, variable, or"
                        + " function parameter with name `" + c + "` cannot be resolved. Did you mean one of the"
                        + " following? [" + known + "].");
            }
        }
    }

    private static Object[] args(scala.Product node) {
        Object[] args = new Object[node.productArity()];
        for (int i = 0; i < args.length; i++) {
            args[i] = node.productElement(i);
        }
        return args;
    }
}
