package dev.sluice.warehouse.catalog;

import java.util.Locale;
import java.util.Set;

/**
 * The mapping of Unity Catalog names onto Spark's one session catalog: schema {@code s} of catalog
 * {@code c} is the Spark database {@code c__s}. Catalog names may not contain the separator; schema
 * names may (the split is at the first separator).
 */
public final class UcNames {

    public static final String DEFAULT_CATALOG = "main";
    public static final String DEFAULT_SCHEMA = "default";
    public static final String SYSTEM_CATALOG = "system";
    public static final String INFORMATION_SCHEMA = "information_schema";
    static final String SEPARATOR = "__";

    /** Names clients use for "the workspace default catalog". */
    private static final Set<String> DEFAULT_ALIASES = Set.of("spark_catalog", "hive_metastore", "spark");

    private UcNames() {
    }

    public static String normalizeCatalog(String catalog) {
        String c = catalog.toLowerCase(Locale.ROOT);
        return DEFAULT_ALIASES.contains(c) ? DEFAULT_CATALOG : c;
    }

    public static String database(String catalog, String schema) {
        return normalizeCatalog(catalog) + SEPARATOR + schema.toLowerCase(Locale.ROOT);
    }

    /** {catalog, schema} of a Spark database, or null for databases outside the mapping (Spark's default). */
    public static String[] split(String database) {
        int i = database.indexOf(SEPARATOR);
        if (i <= 0 || i + SEPARATOR.length() >= database.length()) {
            return null;
        }
        return new String[] {database.substring(0, i), database.substring(i + SEPARATOR.length())};
    }

    public static boolean isValidCatalogName(String name) {
        return !name.isEmpty() && !name.contains(SEPARATOR) && !name.contains(".") && !name.contains("/");
    }

    /** Rewrites internal database names in a message back to the catalog.schema spelling users wrote. */
    public static String humanize(String message) {
        if (message == null) {
            return null;
        }
        String m = message.replace("`spark_catalog`.", "").replace("spark_catalog.", "");
        return m.replaceAll("`([A-Za-z0-9_-]+?)__([^`]+)`", "`$1`.`$2`")
                .replaceAll("'([A-Za-z0-9_-]+?)__([^'.]+)'", "'$1.$2'")
                .replaceAll("\\b([a-z0-9_-]+?)__([a-z0-9_]+)\\.", "$1.$2.");
    }

    /**
     * A table's name as Spark prints it ({@code spark_catalog.main__sales.orders}) in Databricks' form
     * ({@code main.sales.orders}); names outside the mapping are returned as they are.
     */
    public static String tableName(String sparkName) {
        if (sparkName == null) {
            return null;
        }
        String n = sparkName.startsWith("spark_catalog.") ? sparkName.substring("spark_catalog.".length()) : sparkName;
        int dot = n.indexOf('.');
        if (dot <= 0) {
            return sparkName;
        }
        String[] uc = split(n.substring(0, dot));
        return uc == null ? sparkName : uc[0] + "." + uc[1] + n.substring(dot);
    }
}
