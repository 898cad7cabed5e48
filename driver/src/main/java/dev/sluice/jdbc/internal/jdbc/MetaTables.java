package dev.sluice.jdbc.internal.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Catalogs, schemas, tables and table privileges, read from {@code SHOW CATALOGS}, the SHOW commands Databricks
 * serves for JDBC metadata ({@code SHOW SCHEMAS IN c}, {@code SHOW SCHEMAS IN ALL CATALOGS},
 * {@code SHOW TABLES IN CATALOG c | IN ALL CATALOGS [SCHEMA LIKE ..] [LIKE ..]}), which a server answers from its
 * catalog without planning a query, and {@code information_schema} ({@code schemata}, {@code tables},
 * {@code table_privileges}) where it does not serve them. The SHOW commands' {@code LIKE} is given a pattern that
 * admits at least the names asked for ({@link JdbcPatterns#showPattern}); the JDBC pattern itself is matched here.
 *
 * <p>Table types: Databricks says MANAGED, EXTERNAL, VIEW, MATERIALIZED_VIEW, STREAMING_TABLE, FOREIGN and
 * more; JDBC tools know TABLE and VIEW. Views of every kind report VIEW and everything else TABLE, and a
 * types filter may use either spelling, so {@code "TABLE"} and {@code "MANAGED"} both find a managed table.
 */
final class MetaTables {
    static final String TABLE = "TABLE";
    static final String VIEW = "VIEW";

    private final MetaSql sql;

    MetaTables(MetaSql sql) {
        this.sql = sql;
    }

    List<Object[]> catalogs() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String c : sql.showCatalogs()) {
            rows.add(new Object[] {c});
        }
        return rows;
    }

    /**
     * TABLE_SCHEM, TABLE_CATALOG rows. For one named catalog {@code SHOW SCHEMAS IN}, for every catalog
     * {@code SHOW SCHEMAS IN ALL CATALOGS}, which list the same schemas as {@code schemata} without building that
     * view, with the JDBC pattern matched here ignoring case, as Unity Catalog compares names.
     */
    List<Object[]> schemas(String catalog, String schemaPattern) throws SQLException {
        if ("".equals(schemaPattern)) {
            return List.of();
        }
        Pattern wanted = JdbcPatterns.regex(schemaPattern);
        if (catalog != null) {
            return sql.perCatalog(catalog, c -> MetaQuery.of("SHOW SCHEMAS IN " + Identifiers.quote(c)),
                    (rs, c) -> {
                        String name = rs.getString(1);
                        return name != null && wanted.matcher(name).matches() ? new Object[] {name, c} : null;
                    });
        }
        List<Object[]> rows = sql.show("SHOW SCHEMAS IN ALL CATALOGS" + JdbcPatterns.showLike(" LIKE ", schemaPattern), (rs, c) -> {
            String name = rs.getString("databaseName");
            return name != null && wanted.matcher(name).matches() ? new Object[] {name, rs.getString("catalog")}
                    : null;
        });
        if (rows != null) {
            return rows;
        }
        return sql.perCatalog(catalog,
                c -> MetaQuery.of("SELECT catalog_name, schema_name FROM " + MetaQuery.view(c, "schemata"))
                        .equal("catalog_name", c)
                        .like("schema_name", schemaPattern),
                (rs, c) -> new Object[] {rs.getString(2), MetaSql.orElse(rs.getString(1), c)});
    }

    /**
     * TABLE rows from {@code SHOW TABLES IN CATALOG c} (or {@code IN ALL CATALOGS}) with the patterns matched here
     * as {@code LIKE} matches them, with case; from {@code information_schema.tables} where the server does not
     * serve that, or where a types filter names a Databricks table type ({@code MANAGED}), which only the view
     * spells.
     */
    List<Object[]> tables(String catalog, String schemaPattern, String tablePattern, String[] types)
            throws SQLException {
        if ("".equals(schemaPattern) || "".equals(catalog)) {
            return List.of();
        }
        if (jdbcTypesOnly(types)) {
            Pattern schemas = JdbcPatterns.regex(schemaPattern, false);
            Pattern tables = JdbcPatterns.regex(tablePattern, false);
            List<Object[]> rows = sql.show("SHOW TABLES " + (catalog == null ? "IN ALL CATALOGS"
                            : "IN CATALOG " + Identifiers.quote(catalog))
                            + JdbcPatterns.showLike(" SCHEMA LIKE ", schemaPattern)
                            + JdbcPatterns.showLike(" LIKE ", tablePattern),
                    (rs, c) -> {
                        String schema = rs.getString("namespace");
                        String table = rs.getString("tableName");
                        String type = rs.getString("tableType");
                        String jdbcType = jdbcTableType(type);
                        return schema == null || table == null || !schemas.matcher(schema).matches()
                                || !tables.matcher(table).matches()
                                || types != null && !wanted(types, jdbcType, type) ? null
                                : new Object[] {
                                    MetaSql.orElse(rs.getString("catalogName"), catalog), schema, table, jdbcType,
                                    rs.getString("remarks"), null, null, null, null, null,
                                };
                    });
            if (rows != null) {
                return rows;
            }
        }
        return sql.perCatalog(catalog,
                c -> MetaQuery.of("SELECT table_catalog, table_schema, table_name, table_type, comment FROM "
                                + MetaQuery.view(c, "tables"))
                        .equal("table_catalog", c)
                        .like("table_schema", schemaPattern)
                        .like("table_name", tablePattern),
                (rs, c) -> tableRow(rs, c, types));
    }

    /** Whether a types filter names only JDBC's table types, which the SHOW command's TABLE/VIEW answer. */
    private static boolean jdbcTypesOnly(String[] types) {
        if (types == null) {
            return true;
        }
        for (String t : types) {
            if (t != null && !t.equalsIgnoreCase(TABLE) && !t.equalsIgnoreCase(VIEW)
                    && !t.equalsIgnoreCase("BASE TABLE")) {
                return false;
            }
        }
        return true;
    }

    private static Object[] tableRow(ResultSet rs, String catalog, String[] types) throws SQLException {
        String serverType = rs.getString(4);
        String jdbcType = jdbcTableType(serverType);
        if (types != null && !wanted(types, jdbcType, serverType)) {
            return null;
        }
        return new Object[] {
            MetaSql.orElse(rs.getString(1), catalog), rs.getString(2), rs.getString(3), jdbcType, rs.getString(5),
            null, null, null, null, null,
        };
    }

    /** The JDBC TABLE_TYPE of a Databricks {@code table_type}. */
    static String jdbcTableType(String serverType) {
        if (serverType == null) {
            return TABLE;
        }
        String t = serverType.trim().toUpperCase(Locale.ROOT);
        return t.equals("VIEW") || t.endsWith("_VIEW") || t.endsWith(" VIEW") ? VIEW : TABLE;
    }

    private static boolean wanted(String[] types, String jdbcType, String serverType) {
        for (String t : types) {
            if (t != null && (t.equalsIgnoreCase(jdbcType) || t.equalsIgnoreCase(serverType)
                    || (t.equalsIgnoreCase("BASE TABLE") && jdbcType.equals(TABLE)))) {
                return true;
            }
        }
        return false;
    }

    List<Object[]> tableTypes() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {TABLE});
        rows.add(new Object[] {VIEW});
        return rows;
    }

    /** TABLE_CAT, TABLE_SCHEM, TABLE_NAME, GRANTOR, GRANTEE, PRIVILEGE, IS_GRANTABLE rows. */
    List<Object[]> tablePrivileges(String catalog, String schemaPattern, String tablePattern) throws SQLException {
        if ("".equals(schemaPattern)) {
            return List.of();
        }
        return sql.perCatalog(catalog,
                c -> MetaQuery.of("SELECT table_catalog, table_schema, table_name, grantor, grantee, privilege_type,"
                                + " is_grantable FROM " + MetaQuery.view(c, "table_privileges"))
                        .equal("table_catalog", c)
                        .like("table_schema", schemaPattern)
                        .like("table_name", tablePattern),
                (rs, c) -> new Object[] {
                    MetaSql.orElse(rs.getString(1), c), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7),
                });
    }
}
