package dev.sluice.warehouse.catalog;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.classic.SparkSession;

/**
 * Spark's catalog lives in memory; the tables live on disk. At start-up every Delta table found under
 * {@code <tables>/<database>.db/<table>/_delta_log} is registered again, as the managed table it was.
 */
public final class TableRestorer {

    private TableRestorer() {
    }

    /** Registers databases and tables found on disk; returns the number of tables restored. */
    public static int restore(SparkSession spark, Path tablesDir, CatalogRegistry registry) throws IOException {
        Files.createDirectories(tablesDir);
        int count = 0;
        List<Path> dbDirs;
        try (Stream<Path> s = Files.list(tablesDir)) {
            dbDirs = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().endsWith(".db")).sorted().toList();
        }
        for (Path dbDir : dbDirs) {
            String name = dbDir.getFileName().toString();
            String db = name.substring(0, name.length() - 3);
            sql(spark, "CREATE DATABASE IF NOT EXISTS `" + db + "`");
            List<Path> tables;
            try (Stream<Path> s = Files.list(dbDir)) {
                tables = s.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).sorted().toList();
            }
            for (Path table : tables) {
                if (register(spark, db, table)) {
                    count++;
                }
            }
        }
        String main = UcNames.database(UcNames.DEFAULT_CATALOG, UcNames.DEFAULT_SCHEMA);
        sql(spark, "CREATE DATABASE IF NOT EXISTS `" + main + "`");
        for (String c : registry.names()) {
            if (!c.equals(UcNames.SYSTEM_CATALOG) && !c.equals(UcNames.DEFAULT_CATALOG)) {
                sql(spark, "CREATE DATABASE IF NOT EXISTS `" + UcNames.database(c, UcNames.DEFAULT_SCHEMA) + "`");
            }
        }
        registry.adoptFrom(spark.sharedState().externalCatalog());
        return count;
    }

    private static boolean register(SparkSession spark, String db, Path dir) {
        String table = dir.getFileName().toString();
        ExternalCatalog ext = spark.sharedState().externalCatalog();
        if (ext.tableExists(db, table)) {
            return false;
        }
        String location = dir.toAbsolutePath().toUri().toString().replace("'", "\\'");
        try {
            sql(spark, "CREATE TABLE `" + db + "`.`" + table + "` USING delta LOCATION '" + location + "'");
            ext.alterTable(asManaged(ext.getTable(db, table)));
            return true;
        } catch (RuntimeException e) {
            System.err.println("Skipping table directory " + dir + ": " + e.getMessage());
            return false;
        }
    }

    /** The same table as MANAGED, so DROP TABLE deletes its files as it did before the restart. */
    private static CatalogTable asManaged(CatalogTable t) {
        Object[] args = new Object[t.productArity()];
        for (int i = 0; i < args.length; i++) {
            args[i] = t.productElement(i);
        }
        args[1] = CatalogTableType.MANAGED();
        try {
            for (Constructor<?> c : CatalogTable.class.getConstructors()) {
                if (c.getParameterCount() == args.length) {
                    return (CatalogTable) c.newInstance(args);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy the catalog entry of " + t.identifier(), e);
        }
        throw new IllegalStateException("no CatalogTable constructor with " + args.length + " parameters");
    }

    private static void sql(SparkSession spark, String text) {
        UcParser.raw(() -> spark.sql(text));
    }
}
