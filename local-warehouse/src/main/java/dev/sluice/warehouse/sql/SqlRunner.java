package dev.sluice.warehouse.sql;

import dev.sluice.warehouse.catalog.CatalogRegistry;
import dev.sluice.warehouse.catalog.InsertText;
import dev.sluice.warehouse.catalog.MetadataCommands;
import dev.sluice.warehouse.catalog.TransactionStatements;
import dev.sluice.warehouse.catalog.UcNames;
import dev.sluice.warehouse.catalog.VolumeCommands;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs one statement text in a Spark session: transaction statements and Databricks-only commands first,
 * then Spark SQL with parameters, and the Databricks result row for INSERT (OSS Spark returns none).
 */
final class SqlRunner {

    private static final StructType INSERT_RESULT = new StructType()
            .add("num_affected_rows", DataTypes.LongType).add("num_inserted_rows", DataTypes.LongType);

    private final CatalogRegistry catalogs;
    private final TransactionStatements transactions = new TransactionStatements();

    SqlRunner(CatalogRegistry catalogs) {
        this.catalogs = catalogs;
    }

    /** A borrowed session goes back to the pool: its transaction state goes with the statement. */
    void sessionReleased(SparkSession spark) {
        transactions.forget(spark);
    }

    Dataset<Row> run(SparkSession spark, String sql, Parameters params) {
        Dataset<Row> transaction = transactions.run(spark, sql);
        if (transaction != null) {
            return transaction;
        }
        // no metadata or volume command starts with INSERT: a batch INSERT's megabytes need no tokenizing there
        if (!InsertText.isInsert(sql)) {
            Dataset<Row> special = new MetadataCommands(spark, catalogs).run(sql);
            if (special != null) {
                return special;
            }
            Dataset<Row> volume = new VolumeCommands(spark, catalogs).run(sql);
            if (volume != null) {
                return volume;
            }
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
        if (df.schema().isEmpty()) {
            InsertIntoStatement insert = findInsert(df.queryExecution().logical());
            if (insert != null) {
                return insertResult(spark, insert);
            }
        }
        if (isDescribeDetail(df.schema())) {
            return detailWithUcName(spark, df);
        }
        return df;
    }

    /** DESCRIBE DETAIL's layout: Delta's columns, named as Databricks names them. */
    private static boolean isDescribeDetail(StructType schema) {
        List<String> names = List.of(schema.fieldNames());
        return names.containsAll(List.of("format", "id", "name", "location", "createdAt", "lastModified",
                "partitionColumns", "numFiles", "sizeInBytes", "minReaderVersion", "minWriterVersion"));
    }

    /**
     * DESCRIBE DETAIL with {@code name} as Databricks shows it ({@code main.sales.orders}) instead of the session
     * catalog's {@code spark_catalog.main__sales.orders}. The command has run by now; its rows are a local
     * relation, rewritten here in place.
     */
    private static Dataset<Row> detailWithUcName(SparkSession spark, Dataset<Row> df) {
        int at = df.schema().fieldIndex("name");
        List<Row> rows = new java.util.ArrayList<>();
        for (Row r : df.collectAsList()) {
            Object[] values = new Object[r.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            if (values[at] instanceof String n) {
                values[at] = UcNames.tableName(n);
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, df.schema());
    }

    /** INSERT counts from the Delta commit the statement just made. */
    private static Dataset<Row> insertResult(SparkSession spark, InsertIntoStatement insert) {
        long rows = insertedRows(spark, insert.table());
        Row r = RowFactory.create(rows, rows);
        return spark.createDataFrame(List.of(r), INSERT_RESULT);
    }

    /**
     * The INSERT of a parsed statement, wherever the parser put it: parameters, a leading WITH clause and
     * comments all wrap or precede it, so neither the text nor the plan's top node tells.
     */
    private static InsertIntoStatement findInsert(LogicalPlan plan) {
        if (plan instanceof InsertIntoStatement insert) {
            return insert;
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            InsertIntoStatement found = findInsert(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * {@code numOutputRows} of the table's latest commit, read from that commit's file: the same commit and metric
     * as {@code DESCRIBE HISTORY <table> LIMIT 1}, which ran a statement and a Spark job after every INSERT.
     */
    @SuppressWarnings("unchecked")
    private static long insertedRows(SparkSession spark, LogicalPlan table) {
        try {
            List<String> parts = CollectionConverters.asJava((Seq<String>) table.productElement(0));
            int n = parts.size();
            TableIdentifier id = new TableIdentifier(parts.get(n - 1),
                    n > 1 ? Option.apply(parts.get(n - 2)) : Option.empty(),
                    n > 2 ? Option.apply(parts.get(n - 3)) : Option.empty());
            DeltaLog log = DeltaLog.forTable(spark, id);
            long version = log.unsafeVolatileSnapshot().version();
            scala.collection.Iterator<Tuple2<Object, Seq<Action>>> changes =
                    log.getChanges(version, Option.empty(), false);
            if (changes.hasNext()) {
                for (Action a : CollectionConverters.asJava(changes.next()._2())) {
                    if (a instanceof CommitInfo info && info.operationMetrics().isDefined()) {
                        Option<String> rows = info.operationMetrics().get().get("numOutputRows");
                        return rows.isDefined() ? Long.parseLong(rows.get()) : -1;
                    }
                }
            }
            return -1;
        } catch (Exception e) {
            // not a Delta table (Databricks reports counts only for Delta); Scala throws checked exceptions
            // undeclared, and the rows are written by now, so the INSERT succeeded
            return -1;
        }
    }
}
