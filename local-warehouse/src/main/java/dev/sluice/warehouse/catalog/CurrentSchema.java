package dev.sluice.warehouse.catalog;

import org.apache.spark.sql.classic.SparkSession;

/** Sets a session's current Spark database (the UC catalog and schema it stands for). */
public final class CurrentSchema {

    private CurrentSchema() {
    }

    public static void set(SparkSession session, String database) {
        try {
            session.catalog().setCurrentDatabase(database);
        } catch (Exception e) {
            // Spark declares AnalysisException; callers checked the database exists
            String[] parts = UcNames.split(database);
            throw parts == null ? new IllegalStateException(e.getMessage(), e)
                    : WarehouseSqlError.schemaNotFound(parts[0], parts[1]);
        }
    }
}
