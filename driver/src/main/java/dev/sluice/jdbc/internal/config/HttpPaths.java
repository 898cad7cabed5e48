package dev.sluice.jdbc.internal.config;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the warehouse id out of the httpPath the official drivers use. */
final class HttpPaths {
    private static final Pattern WAREHOUSE = Pattern.compile("^/?sql/(?:1\\.0|2\\.0)/(?:warehouses|endpoints)/([^/?#]+)/?$");
    private static final Pattern CLUSTER = Pattern.compile("^/?sql/protocolv1/o/.*");

    private HttpPaths() {
    }

    static String warehouseId(String httpPath) throws SQLException {
        if (httpPath == null || httpPath.isBlank()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE,
                    "connection property httpPath is required, e.g. httpPath=/sql/1.0/warehouses/<id>");
        }
        String p = httpPath.trim();
        Matcher m = WAREHOUSE.matcher(p);
        if (m.matches()) {
            return m.group(1);
        }
        if (CLUSTER.matcher(p).matches()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "httpPath '" + p + "' names an all-purpose cluster;"
                    + " Sluice speaks the Statement Execution API, which needs a SQL warehouse path"
                    + " /sql/1.0/warehouses/<id>");
        }
        throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + p
                + "' for connection property httpPath: expected /sql/1.0/warehouses/<id>");
    }
}
