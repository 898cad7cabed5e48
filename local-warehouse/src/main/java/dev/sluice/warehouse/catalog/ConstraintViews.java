package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code information_schema.table_constraints}, {@code key_column_usage} and {@code referential_constraints}
 * over the informational keys the warehouse records ({@link KeyConstraint}), in Databricks' layouts. A
 * constraint lives in its table's catalog and schema. A foreign key reaches referential_constraints (and
 * a position_in_unique_constraint) only while its parent has a primary key on the referenced columns.
 */
final class ConstraintViews {

    private ConstraintViews() {
    }

    private record Keyed(CatalogBrowser.TableEntry table, KeyConstraint key) {
    }

    static InformationSchema.Table tableConstraints(CatalogBrowser browser, List<String> scope, ViewPruning prune) {
        StructType s = InformationSchema.schema("constraint_catalog", "constraint_schema", "constraint_name",
                "table_catalog", "table_schema", "table_name", "constraint_type", "is_deferrable",
                "initially_deferred", "enforced", "comment");
        List<Row> rows = new ArrayList<>();
        for (Keyed k : keys(browser, scope, prune)) {
            CatalogBrowser.TableEntry t = k.table();
            // informational only: Databricks reports them deferrable, deferred and not enforced
            rows.add(RowFactory.create(t.catalog(), t.schema(), k.key().name(), t.catalog(), t.schema(), t.name(),
                    k.key().type().sql(), "YES", "YES", "NO", null));
        }
        return new InformationSchema.Table(s, rows);
    }

    static InformationSchema.Table keyColumnUsage(CatalogBrowser browser, List<String> scope, ViewPruning prune) {
        StructType s = InformationSchema.schema("constraint_catalog", "constraint_schema", "constraint_name",
                        "table_catalog", "table_schema", "table_name", "column_name")
                .add("ordinal_position", DataTypes.IntegerType)
                .add("position_in_unique_constraint", DataTypes.IntegerType);
        Map<List<String>, KeyConstraint> parents = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Keyed k : keys(browser, scope, prune)) {
            CatalogBrowser.TableEntry t = k.table();
            KeyConstraint parentKey = k.key().isPrimaryKey() ? null : parentKey(browser, k.key(), parents);
            List<String> columns = k.key().columns();
            for (int i = 0; i < columns.size(); i++) {
                Integer inParent = parentKey == null ? null
                        : indexOf(parentKey.columns(), k.key().parentColumns().get(i)) + 1;
                rows.add(RowFactory.create(t.catalog(), t.schema(), k.key().name(), t.catalog(), t.schema(), t.name(),
                        columns.get(i), i + 1, inParent));
            }
        }
        return new InformationSchema.Table(s, rows);
    }

    static InformationSchema.Table referentialConstraints(CatalogBrowser browser, List<String> scope) {
        StructType s = InformationSchema.schema("constraint_catalog", "constraint_schema", "constraint_name",
                "unique_constraint_catalog", "unique_constraint_schema", "unique_constraint_name", "match_option",
                "update_rule", "delete_rule");
        Map<List<String>, KeyConstraint> parents = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        // its rows name no table (only constraints), so every table of the scope is read
        for (Keyed k : keys(browser, scope, ViewPruning.NONE)) {
            KeyConstraint parentKey = k.key().isPrimaryKey() ? null : parentKey(browser, k.key(), parents);
            if (parentKey != null) {
                List<String> parent = k.key().parent();
                rows.add(RowFactory.create(k.table().catalog(), k.table().schema(), k.key().name(), parent.get(0),
                        parent.get(1), parentKey.name(), "FULL", "NO ACTION", "NO ACTION"));
            }
        }
        return new InformationSchema.Table(s, rows);
    }

    /** The keys of every table in the catalogs of {@code scope} that {@code prune} admits. */
    private static List<Keyed> keys(CatalogBrowser browser, List<String> scope, ViewPruning prune) {
        List<Keyed> out = new ArrayList<>();
        for (CatalogBrowser.TableEntry t : InformationSchema.allTables(browser, scope, prune)) {
            for (KeyConstraint k : browser.keyConstraints(t)) {
                out.add(new Keyed(t, k));
            }
        }
        return out;
    }

    /**
     * The referenced columns of a foreign key as its parent's primary key spells them, in the foreign key's
     * order; null when the parent has no primary key on exactly those columns (the views then list no such key).
     */
    static List<String> referencedKeyColumns(CatalogBrowser browser, KeyConstraint foreignKey) {
        KeyConstraint primary = parentKey(browser, foreignKey, new HashMap<>());
        if (primary == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String c : foreignKey.parentColumns()) {
            out.add(primary.columns().get(indexOf(primary.columns(), c)));
        }
        return out;
    }

    /** The parent's primary key when it covers exactly the referenced columns, else null. */
    private static KeyConstraint parentKey(CatalogBrowser browser, KeyConstraint foreignKey,
                                           Map<List<String>, KeyConstraint> cache) {
        List<String> parent = foreignKey.parent();
        KeyConstraint primary = cache.computeIfAbsent(parent, p -> primaryKey(browser, p));
        if (primary == null || primary.columns().size() != foreignKey.parentColumns().size()) {
            return null;
        }
        for (String c : foreignKey.parentColumns()) {
            if (indexOf(primary.columns(), c) < 0) {
                return null;
            }
        }
        return primary;
    }

    private static KeyConstraint primaryKey(CatalogBrowser browser, List<String> table) {
        CatalogBrowser.TableEntry entry = browser.table(table.get(0), table.get(1), table.get(2));
        if (entry == null) {
            return null;
        }
        return browser.keyConstraints(entry).stream().filter(KeyConstraint::isPrimaryKey).findFirst().orElse(null);
    }

    private static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }
}
