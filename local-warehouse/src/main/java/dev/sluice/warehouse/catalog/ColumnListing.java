package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import dev.sluice.warehouse.sql.ColumnTypes;

/** Rows of {@code SHOW COLUMNS IN CATALOG ...}, in the layout the JDBC drivers read. */
final class ColumnListing {

    static final StructType SCHEMA = InformationSchema.schema("col_name", "catalogName", "namespace", "tableName",
                    "columnType")
            .add("columnSize", DataTypes.IntegerType).add("decimalDigits", DataTypes.IntegerType)
            .add("radix", DataTypes.IntegerType).add("isNullable", DataTypes.StringType)
            .add("remarks", DataTypes.StringType).add("ordinalPosition", DataTypes.IntegerType)
            .add("isAutoIncrement", DataTypes.StringType).add("isGenerated", DataTypes.StringType);

    private final CatalogBrowser browser;

    ColumnListing(CatalogBrowser browser) {
        this.browser = browser;
    }

    List<Row> rows(List<String> catalogs, Predicate<String> schemaLike, Predicate<String> tableLike,
                   Predicate<String> columnLike) {
        List<Row> rows = new ArrayList<>();
        for (String c : catalogs) {
            for (var s : browser.schemas(c)) {
                if (!schemaLike.test(s.schema()) || s.schema().equals(UcNames.INFORMATION_SCHEMA)) {
                    continue;
                }
                for (var t : browser.tables(c, s.schema())) {
                    if (tableLike.test(t.name())) {
                        addTable(rows, t, columnLike);
                    }
                }
            }
        }
        return rows;
    }

    private void addTable(List<Row> rows, CatalogBrowser.TableEntry t, Predicate<String> columnLike) {
        StructField[] fields;
        try {
            fields = browser.columns(t).fields();
        } catch (RuntimeException e) {
            return; // table files gone or view no longer valid: no columns to report
        }
        for (int i = 0; i < fields.length; i++) {
            StructField f = fields[i];
            if (!columnLike.test(f.name())) {
                continue;
            }
            DataType type = f.dataType();
            Integer size = NumericFacts.precision(type);
            Integer digits = type instanceof DecimalType d ? Integer.valueOf(d.scale())
                    : NumericFacts.isIntegral(type) ? Integer.valueOf(0) : null;
            String comment = f.getComment().isDefined() ? f.getComment().get() : null;
            rows.add(RowFactory.create(f.name(), t.catalog(), t.schema(), t.name(), ColumnTypes.typeText(type),
                    size, digits, size == null ? null : 10, f.nullable() ? "true" : "false", comment, i, "NO", "NO"));
        }
    }
}
