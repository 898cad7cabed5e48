package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.observe.Failures;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User-defined functions and their parameters from each catalog's {@code information_schema.routines} and
 * {@code parameters} (the functions of one named catalog from {@code SHOW FUNCTIONS IN CATALOG c}, the command
 * Databricks serves its JDBC driver, with the JDBC patterns matched here), and the built-in functions from {@code SHOW SYSTEM FUNCTIONS}, listed where Databricks
 * resolves them: catalog {@code system}, schema {@code builtin}. The built-in list is read once per connection
 * (it changes only with the server's version); their parameters are not described (the server has no view of
 * them), so getFunctionColumns lists none.
 *
 * <p>A parameter's type is read from {@code data_type} with {@code numeric_precision}/{@code numeric_scale}
 * (not {@code full_data_type}, which not every server's parameters view has), so an ARRAY parameter is
 * reported as ARRAY without its element type.
 */
final class MetaRoutines {
    static final String BUILTIN_CATALOG = "system";
    static final String BUILTIN_SCHEMA = "builtin";

    private final MetaSql sql;
    private final int defaultStringLength;
    private volatile List<String> builtins;

    MetaRoutines(MetaSql sql, int defaultStringLength) {
        this.sql = sql;
        this.defaultStringLength = defaultStringLength;
    }

    static MetaQuery functionQuery(String catalog, String schemaPattern, String functionPattern) {
        return MetaQuery.of("SELECT routine_catalog, routine_schema, routine_name, comment, data_type, specific_name"
                        + " FROM " + MetaQuery.view(catalog, "routines"))
                .condition("routine_type = 'FUNCTION'")
                .equal("routine_catalog", catalog)
                .like("routine_schema", schemaPattern)
                .like("routine_name", functionPattern);
    }

    /** Rows in the {@link MetaLayout#FUNCTIONS} layout. */
    List<Object[]> functions(String catalog, String schemaPattern, String functionPattern) throws SQLException {
        if ("".equals(schemaPattern)) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>(builtins(catalog, schemaPattern, functionPattern));
        List<Object[]> shown = shownFunctions(catalog, schemaPattern, functionPattern);
        if (shown != null) {
            rows.addAll(shown);
            return rows;
        }
        rows.addAll(sql.perCatalog(catalog, c -> functionQuery(c, schemaPattern, functionPattern),
                (rs, c) -> new Object[] {
                    MetaSql.orElse(rs.getString(1), c), rs.getString(2), rs.getString(3), rs.getString(4),
                    (short) ("TABLE".equalsIgnoreCase(rs.getString(5))
                            ? DatabaseMetaData.functionReturnsTable : DatabaseMetaData.functionNoTable),
                    MetaSql.orElse(rs.getString(6), rs.getString(3)),
                }));
        return rows;
    }

    /**
     * The functions of one named catalog (not {@code system}, whose built-ins are listed apart) from
     * {@code SHOW FUNCTIONS IN CATALOG c [SCHEMA LIKE ..] [LIKE ..]}, in the {@link MetaLayout#FUNCTIONS} layout:
     * rows of that catalog whose schema and name match the patterns as {@code LIKE} does, FUNCTION_TYPE as the
     * server's number (or {@code TABLE} for a table function). Null when the server does not serve the command.
     */
    private List<Object[]> shownFunctions(String catalog, String schemaPattern, String functionPattern)
            throws SQLException {
        if (catalog == null || catalog.isEmpty() || catalog.equalsIgnoreCase(BUILTIN_CATALOG)) {
            return null;
        }
        Pattern schemas = JdbcPatterns.regex(schemaPattern, false);
        Pattern names = JdbcPatterns.regex(functionPattern, false);
        return sql.show("SHOW FUNCTIONS IN CATALOG " + Identifiers.quote(catalog)
                        + JdbcPatterns.showLike(" SCHEMA LIKE ", schemaPattern)
                        + JdbcPatterns.showLike(" LIKE ", functionPattern),
                (rs, c) -> {
                    String rowCatalog = MetaSql.orElse(rs.getString("catalogName"), catalog);
                    String schema = rs.getString("namespace");
                    String name = rs.getString("functionName");
                    if (!rowCatalog.equals(catalog) || schema == null || name == null
                            || !schemas.matcher(schema).matches() || !names.matcher(name).matches()) {
                        return null;
                    }
                    return new Object[] {rowCatalog, schema, name, rs.getString("remarks"),
                        functionType(rs.getString("functionType")), MetaSql.orElse(rs.getString("specificName"), name)};
                });
    }

    /** FUNCTION_TYPE from SHOW FUNCTIONS: the JDBC number the server gives, or {@code TABLE} for a table function. */
    private static short functionType(String value) {
        if (value == null) {
            return (short) DatabaseMetaData.functionResultUnknown;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("TABLE")) {
            return (short) DatabaseMetaData.functionReturnsTable;
        }
        try {
            return Short.parseShort(v);
        } catch (NumberFormatException e) {
            return (short) DatabaseMetaData.functionNoTable;
        }
    }

    /** The built-in functions a getFunctions call asks for, in the {@link MetaLayout#FUNCTIONS} layout. */
    private List<Object[]> builtins(String catalog, String schemaPattern, String functionPattern)
            throws SQLException {
        if (catalog != null && !catalog.equals(BUILTIN_CATALOG)
                || !JdbcPatterns.regex(schemaPattern).matcher(BUILTIN_SCHEMA).matches()) {
            return List.of();
        }
        List<String> names = builtins;
        if (names == null) {
            names = new ArrayList<>();
            Failures.Handled handled = Failures.handledHere();
            try {
                for (Object[] row : sql.run(MetaQuery.of("SHOW SYSTEM FUNCTIONS"), null,
                        (rs, c) -> new Object[] {rs.getString(1)})) {
                    names.add((String) row[0]);
                }
            } catch (SQLException e) {
                if (MetaSql.isFatal(e)) {
                    throw e;
                }
                // a server without the command lists no built-in functions rather than failing the call
            } finally {
                handled.close();
            }
            builtins = names = List.copyOf(names);
        }
        Pattern wanted = JdbcPatterns.regex(functionPattern);
        List<Object[]> rows = new ArrayList<>();
        for (String name : names) {
            if (name != null && wanted.matcher(name).matches()) {
                rows.add(new Object[] {BUILTIN_CATALOG, BUILTIN_SCHEMA, name, null,
                    (short) DatabaseMetaData.functionResultUnknown, name});
            }
        }
        return rows;
    }

    static MetaQuery parameterQuery(String catalog, String schemaPattern, String functionPattern,
                                    String parameterPattern) {
        return MetaQuery.of("SELECT r.routine_catalog, r.routine_schema, r.routine_name, p.parameter_name,"
                        + " p.parameter_mode, p.data_type, p.numeric_precision, p.numeric_scale, p.comment,"
                        + " p.ordinal_position, r.specific_name FROM " + MetaQuery.view(catalog, "routines")
                        + " AS r JOIN " + MetaQuery.view(catalog, "parameters") + " AS p"
                        + " ON p.specific_catalog = r.specific_catalog AND p.specific_schema = r.specific_schema"
                        + " AND p.specific_name = r.specific_name")
                .condition("r.routine_type = 'FUNCTION'")
                .equal("r.routine_catalog", catalog)
                .like("r.routine_schema", schemaPattern)
                .like("r.routine_name", functionPattern)
                .like("p.parameter_name", parameterPattern);
    }

    /** Rows in the {@link MetaLayout#FUNCTION_COLUMNS} layout. */
    List<Object[]> functionColumns(String catalog, String schemaPattern, String functionPattern,
                                   String parameterPattern) throws SQLException {
        if ("".equals(schemaPattern)) {
            return List.of();
        }
        return sql.perCatalog(catalog, c -> parameterQuery(c, schemaPattern, functionPattern, parameterPattern),
                this::parameterRow);
    }

    private Object[] parameterRow(ResultSet rs, String catalog) throws SQLException {
        Integer precision = MetaSql.intOrNull(rs, 7);
        Integer scale = MetaSql.intOrNull(rs, 8);
        MetaColumns.Described t = MetaColumns.describe(rs.getString(6), null, precision == null ? -1 : precision,
                scale == null ? -1 : scale, defaultStringLength, sql.complexTypesAsObjects());
        return new Object[] {
            MetaSql.orElse(rs.getString(1), catalog), rs.getString(2), rs.getString(3), rs.getString(4),
            columnType(rs.getString(5)), t.type().jdbcType(), t.name(), t.type().precision(),
            null, // LENGTH: the server does not say how many bytes a value takes
            t.decimalDigits() == null ? null : (short) (int) t.decimalDigits(),
            t.radix() == null ? null : (short) (int) t.radix(),
            (short) DatabaseMetaData.functionNullable, rs.getString(9), t.charOctetLength(),
            MetaSql.intOrNull(rs, 10), "YES", MetaSql.orElse(rs.getString(11), rs.getString(3)),
        };
    }

    private static short columnType(String mode) {
        String m = mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT);
        switch (m) {
            case "IN":
                return (short) DatabaseMetaData.functionColumnIn;
            case "OUT":
                return (short) DatabaseMetaData.functionColumnOut;
            case "INOUT":
                return (short) DatabaseMetaData.functionColumnInOut;
            default:
                return (short) DatabaseMetaData.functionColumnUnknown;
        }
    }
}
