package dev.sluice.warehouse.catalog;

import java.util.List;
import org.apache.spark.sql.classic.SparkSession;

/**
 * {@code CALL name(...)}. The warehouse's catalogs define no procedures (Databricks keeps them in Unity
 * Catalog, which has no {@code CREATE PROCEDURE} here, and Delta registers none), so every call fails as
 * Databricks fails a call of a procedure that does not exist: ROUTINE_NOT_FOUND with the name qualified by
 * the current catalog and schema. Open-source Spark would answer FAILED_TO_LOAD_ROUTINE (38000) instead.
 */
final class ProcedureCalls {

    private ProcedureCalls() {
    }

    /** Fails the call the tokens start with (after CALL). */
    static WarehouseSqlError notFound(SparkSession session, SqlTokens t) {
        List<String> name = t.qualifiedName();
        String[] current = UcNames.split(session.catalog().currentDatabase());
        String catalog = current == null ? UcNames.DEFAULT_CATALOG : current[0];
        String schema = current == null ? UcNames.DEFAULT_SCHEMA : current[1];
        String procedure = name.get(name.size() - 1);
        if (name.size() >= 2) {
            schema = name.get(name.size() - 2);
        }
        if (name.size() >= 3) {
            catalog = UcNames.normalizeCatalog(name.get(name.size() - 3));
        }
        return routineNotFound("`" + catalog + "`.`" + schema + "`.`" + procedure + "`");
    }

    static WarehouseSqlError routineNotFound(String quotedName) {
        return new WarehouseSqlError("ROUTINE_NOT_FOUND", "42883", "The routine " + quotedName
                + " cannot be found. Verify the spelling and correctness of the schema and catalog.\n"
                + "If you did not qualify the name with a schema and catalog, verify the current_schema() output,"
                + " or qualify the name with the correct schema and catalog.\n"
                + "To tolerate the error on drop use DROP ... IF EXISTS.");
    }
}
