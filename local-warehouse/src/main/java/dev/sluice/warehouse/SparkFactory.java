package dev.sluice.warehouse;

import java.nio.file.Path;
import org.apache.spark.sql.classic.SparkSession;

/** The one Spark session of the warehouse: local mode, Delta, tuned for two cores (engineering notes). */
final class SparkFactory {

    private SparkFactory() {
    }

    static SparkSession create(WarehouseOptions o, Path tablesDir) {
        return (SparkSession) org.apache.spark.sql.SparkSession.builder()
                .master(o.sparkMaster())
                .appName("sluice-local-warehouse")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                // FAIR between pools (one per session, see StatementService): a short statement's tasks do not
                // wait for every task of the long jobs submitted before it, as they would in FIFO order
                .config("spark.scheduler.mode", "FAIR")
                // one executor on this host: locality means nothing, and delay scheduling would keep a short
                // job's task waiting for a "better" slot while the long jobs take every slot that frees up
                .config("spark.locality.wait", "0s")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.sql.extensions",
                        "io.delta.sql.DeltaSparkSessionExtension,dev.sluice.warehouse.catalog.UcExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.warehouse.dir", tablesDir.toUri().toString())
                .config("spark.sql.sources.default", "delta")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", "true")
                // delta-io/delta#7640: parameterized SQL needs the legacy substitution once Delta is loaded
                .config("spark.sql.legacy.parameterSubstitution.constantsOnly", "true")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
                .config("spark.databricks.delta.stats.collect", "true")
                .getOrCreate();
    }
}
