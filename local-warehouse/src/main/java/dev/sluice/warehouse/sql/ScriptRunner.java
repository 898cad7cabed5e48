package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.catalog.CatalogRegistry;
import dev.sluice.warehouse.http.Json;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;

/**
 * Runs SQL for the job runtime the way the statement API runs it (transactions, Databricks-only commands,
 * named parameter markers), in a session of the warehouse, so the sandbox applies to job SQL as well.
 */
public final class ScriptRunner {

    private final SessionRegistry sessions;
    private final SqlRunner runner;

    public ScriptRunner(SessionRegistry sessions, CatalogRegistry catalogs) {
        this.sessions = sessions;
        this.runner = new SqlRunner(catalogs);
    }

    /** A fresh session of the warehouse's own (no owner); close it with {@link #close}. */
    public String openSession() {
        return sessions.create(null, null, Map.of());
    }

    public SparkSession session(String id) {
        return sessions.get(id);
    }

    public void close(String id) {
        SparkSession s = sessions.get(id);
        runner.sessionReleased(s);
        sessions.close(id);
    }

    /**
     * Runs one statement; of {@code params}, only the names the text uses as {@code :name} markers are bound
     * (as STRING), so a job parameter meant for another task does not make Spark refuse this one.
     */
    public Dataset<Row> run(SparkSession spark, String sql, Map<String, String> params) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        params.forEach((name, value) -> {
            if (Pattern.compile(":" + Pattern.quote(name) + "\\b").matcher(sql).find()) {
                ObjectNode p = array.addObject();
                p.put("name", name);
                p.put("value", value);
                p.put("type", "STRING");
            }
        });
        return runner.run(spark, sql, Parameters.parse(array));
    }
}
