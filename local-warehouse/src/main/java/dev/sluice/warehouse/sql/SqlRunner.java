package dev.sluice.warehouse.sql;

import dev.sluice.warehouse.catalog.CatalogRegistry;
import dev.sluice.warehouse.catalog.MetadataCommands;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs one statement text in a Spark session: Databricks-only commands first, then Spark SQL with
 * parameters, and the Databricks result row for INSERT (OSS Spark returns none).
 */
final class SqlRunner {

    private static final StructType INSERT_RESULT = new StructType()
            .add("num_affected_rows", DataTypes.LongType).add("num_inserted_rows", DataTypes.LongType);

    private final CatalogRegistry catalogs;

    SqlRunner(CatalogRegistry catalogs) {
        this.catalogs = catalogs;
    }

    Dataset<Row> run(SparkSession spark, String sql, Parameters params) {
        Dataset<Row> special = new MetadataCommands(spark, catalogs).run(sql);
        if (special != null) {
            return special;
        }
        ZoneId zone = ZoneId.of(spark.sessionState().conf().sessionLocalTimeZone());
        Dataset<Row> df;
        if (params.isEmpty()) {
            df = spark.sql(sql);
        } else if (params.positional()) {
            Object[] values = params.ordered(zone);
            Map<String, Object> named = new java.util.LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                named.put(Markers.PREFIX + (i + 1), values[i]);
            }
            String text = Markers.positionalToNamed(sql, i -> {
                String nullLiteral = params.nullLiteral(i);
                return nullLiteral != null ? nullLiteral : ":" + Markers.PREFIX + i;
            });
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    named.remove(Markers.PREFIX + (i + 1));
                }
            }
            df = named.isEmpty() ? spark.sql(text) : spark.sql(text, named);
        } else {
            df = spark.sql(sql, (Map<String, Object>) params.named(zone));
        }
        if (df.schema().isEmpty() && startsWithInsert(sql)) {
            return insertResult(spark, df);
        }
        return df;
    }

    private static boolean startsWithInsert(String sql) {
        String s = sql.stripLeading();
        return s.length() >= 6 && s.substring(0, 6).toUpperCase(Locale.ROOT).equals("INSERT");
    }

    /** INSERT counts from the Delta commit the statement just made. */
    private static Dataset<Row> insertResult(SparkSession spark, Dataset<Row> executed) {
        long rows = -1;
        InsertIntoStatement insert = findInsert(executed.queryExecution().logical(), 3);
        if (insert != null) {
            rows = insertedRows(spark, insert.table());
        }
        Row r = RowFactory.create(rows, rows);
        return spark.createDataFrame(List.of(r), INSERT_RESULT);
    }

    /** The INSERT itself, or inside the parameter-binding node that wraps it. */
    private static InsertIntoStatement findInsert(LogicalPlan plan, int depth) {
        if (plan instanceof InsertIntoStatement insert) {
            return insert;
        }
        if (depth == 0) {
            return null;
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            InsertIntoStatement found = findInsert(child, depth - 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static long insertedRows(SparkSession spark, LogicalPlan table) {
        try {
            Seq<String> parts = (Seq<String>) table.productElement(0);
            StringBuilder name = new StringBuilder();
            for (String p : CollectionConverters.asJava(parts)) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append('`').append(p.replace("`", "``")).append('`');
            }
            Row h = spark.sql("DESCRIBE HISTORY " + name + " LIMIT 1").first();
            Map<String, String> metrics = CollectionConverters.asJava(
                    (scala.collection.Map<String, String>) h.getAs("operationMetrics"));
            String n = metrics.get("numOutputRows");
            return n == null ? -1 : Long.parseLong(n);
        } catch (RuntimeException e) {
            return -1; // not a Delta table: Databricks reports counts only for Delta
        }
    }
}
