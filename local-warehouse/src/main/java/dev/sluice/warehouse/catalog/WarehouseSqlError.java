package dev.sluice.warehouse.catalog;

import java.util.Map;
import org.apache.spark.SparkThrowable;

/**
 * A SQL error raised by the warehouse itself (Unity Catalog semantics Spark lacks), shaped like Spark's:
 * an error condition, a SQLSTATE and a message that ends with the SQLSTATE.
 */
public final class WarehouseSqlError extends RuntimeException implements SparkThrowable {

    private final String condition;
    private final String sqlState;

    public WarehouseSqlError(String condition, String sqlState, String message) {
        super("[" + condition + "] " + message + " SQLSTATE: " + sqlState, null, false, false);
        this.condition = condition;
        this.sqlState = sqlState;
    }

    public static WarehouseSqlError noSuchCatalog(String catalog) {
        return new WarehouseSqlError("NO_SUCH_CATALOG_EXCEPTION", "42704",
                "Catalog '" + catalog + "' was not found. Please verify the catalog name and then retry the query"
                        + " or command again.");
    }

    public static WarehouseSqlError schemaNotFound(String catalog, String schema) {
        return new WarehouseSqlError("SCHEMA_NOT_FOUND", "42704",
                "The schema `" + catalog + "`.`" + schema + "` cannot be found. Verify the spelling and correctness"
                        + " of the schema and catalog.");
    }

    public static WarehouseSqlError syntax(String message) {
        return new WarehouseSqlError("PARSE_SYNTAX_ERROR", "42601", message);
    }

    @Override
    public String getCondition() {
        return condition;
    }

    @Override
    public String getSqlState() {
        return sqlState;
    }

    @Override
    public Map<String, String> getMessageParameters() {
        return Map.of();
    }
}
