package dev.sluice.testing.sea;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request classified by method and path, with the identifiers its path carries.
 *
 * @param endpoint    what the request addressed
 * @param statementId statement id from the path, or null
 * @param chunkIndex  chunk index from the path, or -1
 * @param sessionId   session id from the path, or null
 * @param warehouseId warehouse id from the path, or null
 */
record Route(Endpoint endpoint, String statementId, int chunkIndex, String sessionId, String warehouseId) {

    /** Path prefix of the external links; no Authorization is expected below it. */
    static final String DOWNLOAD_PREFIX = "/storage/results/";

    private static final Pattern SESSIONS = Pattern.compile("/api/2\\.0/sql/(?:statements/)?sessions/?");
    private static final Pattern WAREHOUSE_SESSIONS = Pattern.compile("/api/2\\.0/sql/warehouses/([^/]+)/sessions/?");
    private static final Pattern SESSION = Pattern.compile("/api/2\\.0/sql/(?:statements/)?sessions/([^/]+)/?");
    private static final Pattern STATEMENTS = Pattern.compile("/api/2\\.0/sql/statements/?");
    private static final Pattern STATEMENT = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/?");
    private static final Pattern CANCEL = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/cancel/?");
    private static final Pattern CHUNK =
            Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/result/chunks/(\\d{1,9})/?");
    private static final Pattern DOWNLOAD = Pattern.compile("/storage/results/([^/]+)/chunk-(\\d{1,9})");

    /** Classifies a request; never null. */
    static Route of(String method, String path) {
        Route route = switch (method) {
            case "POST" -> post(path);
            case "DELETE" -> delete(path);
            case "GET" -> get(path);
            default -> null;
        };
        return route != null ? route : new Route(Endpoint.OTHER, null, -1, null, null);
    }

    /** Whether the path is a REST API path, where a bearer token is required. */
    static boolean isApiPath(String path) {
        return path.startsWith("/api/");
    }

    private static Route post(String path) {
        Matcher m;
        if (SESSIONS.matcher(path).matches()) {
            return new Route(Endpoint.CREATE_SESSION, null, -1, null, null);
        }
        if ((m = WAREHOUSE_SESSIONS.matcher(path)).matches()) {
            return new Route(Endpoint.CREATE_SESSION, null, -1, null, m.group(1));
        }
        if (STATEMENTS.matcher(path).matches()) {
            return new Route(Endpoint.EXECUTE_STATEMENT, null, -1, null, null);
        }
        if ((m = CANCEL.matcher(path)).matches()) {
            return statement(Endpoint.CANCEL_STATEMENT, m.group(1));
        }
        return null;
    }

    private static Route delete(String path) {
        Matcher m;
        if ((m = SESSION.matcher(path)).matches()) {
            return new Route(Endpoint.DELETE_SESSION, null, -1, m.group(1), null);
        }
        if ((m = STATEMENT.matcher(path)).matches()) {
            return statement(Endpoint.CLOSE_STATEMENT, m.group(1));
        }
        return null;
    }

    private static Route get(String path) {
        Matcher m;
        if ((m = CHUNK.matcher(path)).matches()) {
            return new Route(Endpoint.GET_CHUNK, m.group(1), Integer.parseInt(m.group(2)), null, null);
        }
        if ((m = DOWNLOAD.matcher(path)).matches()) {
            return new Route(Endpoint.DOWNLOAD, m.group(1), Integer.parseInt(m.group(2)), null, null);
        }
        if ((m = STATEMENT.matcher(path)).matches()) {
            return statement(Endpoint.GET_STATEMENT, m.group(1));
        }
        return null;
    }

    private static Route statement(Endpoint endpoint, String statementId) {
        return new Route(endpoint, statementId, -1, null, null);
    }
}
