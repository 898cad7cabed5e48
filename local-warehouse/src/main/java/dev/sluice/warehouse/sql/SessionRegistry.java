package dev.sluice.warehouse.sql;

import dev.sluice.warehouse.catalog.CatalogRegistry;
import dev.sluice.warehouse.catalog.UcNames;
import dev.sluice.warehouse.catalog.WarehouseSqlError;
import dev.sluice.warehouse.http.ApiError;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.sql.classic.SparkSession;

/**
 * SQL sessions: each one a Spark session ({@code newSession()}) with its own current catalog, schema
 * and confs. Statements without a session borrow a pooled scratch session reset to the request's
 * catalog and schema.
 */
public final class SessionRegistry {

    private static final String TIMEZONE_KEY = "spark.sql.session.timeZone";

    private final SparkSession root;
    private final CatalogRegistry catalogs;
    private final Map<String, SparkSession> sessions = new ConcurrentHashMap<>();
    /** Session id to the principal that created it; sessions made by the warehouse itself have none. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<SparkSession> scratch = new ConcurrentLinkedQueue<>();

    public SessionRegistry(SparkSession root, CatalogRegistry catalogs) {
        this.root = root;
        this.catalogs = catalogs;
    }

    org.apache.spark.SparkContext context() {
        return root.sparkContext();
    }

    /** A session for the warehouse's own use (no owner). */
    public String create(String catalog, String schema, Map<String, String> confs) {
        return create(catalog, schema, confs, null);
    }

    /** A session that only {@code principal} may use or close. */
    public String create(String catalog, String schema, Map<String, String> confs, String principal) {
        SparkSession s = root.newSession();
        try {
            use(s, catalog, schema);
        } catch (WarehouseSqlError e) {
            throw ApiError.invalid(e.getMessage());
        }
        confs.forEach((k, v) -> applyConf(s, k, v));
        String id = Ids.timeOrdered();
        if (principal != null) {
            owners.put(id, principal);
        }
        sessions.put(id, s);
        return id;
    }

    public SparkSession get(String id) {
        SparkSession s = sessions.get(id);
        if (s == null) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Session " + id + " does not exist or was closed.");
        }
        return s;
    }

    /** The session if {@code principal} created it; another principal's session is as unknown as none. */
    public SparkSession get(String id, String principal) {
        SparkSession s = get(id);
        if (!java.util.Objects.equals(owners.get(id), principal)) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Session " + id + " does not exist or was closed.");
        }
        return s;
    }

    /** Closes the warehouse's own session. */
    public void close(String id) {
        close(id, null);
    }

    public void close(String id, String principal) {
        get(id, principal);
        if (sessions.remove(id) == null) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Session " + id + " does not exist or was closed.");
        }
        owners.remove(id);
    }

    /** A session for one statement without session_id; give it back with {@link #release}. */
    SparkSession borrow(String catalog, String schema) {
        SparkSession s = scratch.poll();
        if (s == null) {
            s = root.newSession();
        }
        s.conf().set(TIMEZONE_KEY, root.conf().get(TIMEZONE_KEY));
        try {
            use(s, catalog, schema);
        } catch (RuntimeException e) {
            release(s);
            throw e;
        }
        return s;
    }

    void release(SparkSession s) {
        if (scratch.size() < 4) {
            scratch.add(s);
        }
    }

    /** Makes catalog.schema current; null catalog (or the legacy "SPARK") means main, null schema default. */
    static void use(SparkSession s, String catalog, String schema, CatalogRegistry catalogs) {
        String c = catalog == null || catalog.isBlank() ? UcNames.DEFAULT_CATALOG : UcNames.normalizeCatalog(catalog);
        String sc = schema == null || schema.isBlank() ? UcNames.DEFAULT_SCHEMA : schema.toLowerCase(Locale.ROOT);
        if (!catalogs.exists(c)) {
            throw WarehouseSqlError.noSuchCatalog(c);
        }
        String db = UcNames.database(c, sc);
        if (!s.sharedState().externalCatalog().databaseExists(db)) {
            throw WarehouseSqlError.schemaNotFound(c, sc);
        }
        dev.sluice.warehouse.catalog.CurrentSchema.set(s, db);
    }

    private void use(SparkSession s, String catalog, String schema) {
        use(s, catalog, schema, catalogs);
    }

    /** Databricks session confs onto Spark confs; unknown keys are rejected like the real service does. */
    static void applyConf(SparkSession s, String key, String value) {
        String k = key.toUpperCase(Locale.ROOT);
        switch (k) {
            case "TIMEZONE" -> set(s, key, TIMEZONE_KEY, value);
            case "ANSI_MODE" -> set(s, key, "spark.sql.ansi.enabled", value);
            case "LEGACY_TIME_PARSER_POLICY" -> set(s, key, "spark.sql.legacy.timeParserPolicy", value);
            case "MAX_FILE_PARTITION_BYTES" -> set(s, key, "spark.sql.files.maxPartitionBytes", value);
            case "ENABLE_PHOTON", "READ_ONLY_EXTERNAL_METASTORE", "STATEMENT_TIMEOUT", "USE_CACHED_RESULT",
                 "QUERY_TAGS" -> {
                // accepted; they change nothing in a local warehouse
            }
            default -> {
                if (!key.startsWith("spark.")) {
                    throw ApiError.invalid("Configuration " + key + " is not available.");
                }
                String refused = dev.sluice.warehouse.sandbox.Sandbox.refusedSetting(key);
                if (refused != null) {
                    throw new ApiError(403, "PERMISSION_DENIED", refused);
                }
                set(s, key, key, value);
            }
        }
    }

    /** Sets one conf; a value Spark refuses (or a static conf) is the client's error, named with its value. */
    private static void set(SparkSession s, String given, String sparkKey, String value) {
        try {
            s.conf().set(sparkKey, value);
        } catch (Exception e) {
            // Spark throws AnalysisException (checked in Java's eyes) for static confs, IllegalArgumentException
            // for bad values; either way the request is wrong, not the server
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw ApiError.invalid("Configuration " + given + " cannot be set to '" + abbreviate(value) + "': "
                    + abbreviate(why));
        }
        if (sparkKey.equals(TIMEZONE_KEY)) {
            // Spark checks the zone only when a query uses it; a statement should not be the first to find out
            try {
                java.time.ZoneId.of(s.sessionState().conf().sessionLocalTimeZone());
            } catch (java.time.DateTimeException e) {
                s.conf().unset(sparkKey);
                throw ApiError.invalid("Configuration " + given + " cannot be set to '" + abbreviate(value)
                        + "': not a time zone Java knows (" + e.getMessage() + ")");
            }
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 300 ? one : one.substring(0, 300) + "...";
    }

    /** Time-ordered ids in the UUID shape Databricks uses for statements and sessions. */
    static final class Ids {
        private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

        private Ids() {
        }

        static String timeOrdered() {
            long high = (System.currentTimeMillis() << 20) | (COUNTER.incrementAndGet() & 0xFFFFF);
            String h = String.format(Locale.ROOT, "%016x%016x", high, UUID.randomUUID().getLeastSignificantBits());
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20, 32);
        }
    }
}
