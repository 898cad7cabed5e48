package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.call.BuiltinProcedures;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Procedures: the server's, from each catalog's {@code information_schema.routines} and {@code parameters}
 * (routine_type PROCEDURE), and the built-in ones the driver runs itself, listed without a catalog under the
 * schema that is the connection's procedure namespace.
 */
final class MetaProcedures {
    private final MetaSql sql;
    private final int defaultStringLength;
    private final String namespace;
    private final BuiltinProcedures builtins;

    MetaProcedures(MetaSql sql, int defaultStringLength, String namespace, BuiltinProcedures builtins) {
        this.sql = sql;
        this.defaultStringLength = defaultStringLength;
        this.namespace = namespace;
        this.builtins = builtins;
    }

    /** Rows in the {@link MetaLayout#PROCEDURES} layout. */
    List<Object[]> procedures(String catalog, String schemaPattern, String namePattern) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (ProcedureSpec p : builtins(catalog, schemaPattern, namePattern)) {
            rows.add(new Object[] {null, namespace, p.name(), null, null, null, p.remarks(),
                (short) (p.returnsResultSet() ? DatabaseMetaData.procedureReturnsResult
                        : DatabaseMetaData.procedureNoResult), p.name()});
        }
        if (!"".equals(schemaPattern)) {
            rows.addAll(sql.perCatalog(catalog, c -> MetaQuery.of("SELECT routine_catalog, routine_schema,"
                            + " routine_name, comment, specific_name FROM " + MetaQuery.view(c, "routines"))
                            .condition("routine_type = 'PROCEDURE'")
                            .equal("routine_catalog", c)
                            .like("routine_schema", schemaPattern)
                            .like("routine_name", namePattern),
                    (rs, c) -> new Object[] {MetaSql.orElse(rs.getString(1), c), rs.getString(2), rs.getString(3),
                        null, null, null, rs.getString(4), (short) DatabaseMetaData.procedureResultUnknown,
                        MetaSql.orElse(rs.getString(5), rs.getString(3))}));
        }
        return rows;
    }

    /** Rows in the {@link MetaLayout#PROCEDURE_COLUMNS} layout. */
    List<Object[]> columns(String catalog, String schemaPattern, String namePattern, String columnPattern)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Pattern column = JdbcPatterns.regex(columnPattern);
        for (ProcedureSpec p : builtins(catalog, schemaPattern, namePattern)) {
            List<ParameterSpec> params = p.parameters();
            for (int i = 0; i < params.size(); i++) {
                if (column.matcher(params.get(i).name()).matches()) {
                    rows.add(builtinColumn(p, params.get(i), i + 1));
                }
            }
        }
        if (!"".equals(schemaPattern)) {
            rows.addAll(sql.perCatalog(catalog, c -> serverColumns(c, schemaPattern, namePattern, columnPattern),
                    this::serverColumn));
        }
        return rows;
    }

    private List<ProcedureSpec> builtins(String catalog, String schemaPattern, String namePattern) {
        // built-in procedures belong to no catalog: JDBC's "" asks for exactly those, null for everything
        if (catalog != null && !catalog.isEmpty() || namespace == null || namespace.isBlank()
                || !JdbcPatterns.regex(schemaPattern).matcher(namespace).matches()) {
            return List.of();
        }
        Pattern name = JdbcPatterns.regex(namePattern);
        List<ProcedureSpec> out = new ArrayList<>();
        for (ProcedureSpec p : builtins.all().values()) {
            if (name.matcher(p.name()).matches()) {
                out.add(p);
            }
        }
        return out;
    }

    private Object[] builtinColumn(ProcedureSpec p, ParameterSpec param, int position) {
        String text = ProcedureResults.sqlType(param.type());
        int paren = text.indexOf('(');
        MetaColumns.Described t = MetaColumns.describe(paren < 0 ? text : text.substring(0, paren), text,
                paren < 0 ? -1 : 38, paren < 0 ? -1 : 18, defaultStringLength,
                sql.complexTypesAsObjects());
        boolean optional = !param.required() || param.mode() == ParameterMode.OUT;
        Object def = param.defaultValue();
        return row(null, namespace, p.name(), param.name(), mode(param.mode().name()), t, param.remarks(),
                param.mode() != ParameterMode.OUT && !param.required() ? (def == null ? "NULL" : def.toString())
                        : null,
                position, optional, p.name());
    }

    private static MetaQuery serverColumns(String catalog, String schemaPattern, String namePattern,
                                           String columnPattern) {
        return MetaQuery.of("SELECT r.routine_catalog, r.routine_schema, r.routine_name, p.parameter_name,"
                        + " p.parameter_mode, p.data_type, p.numeric_precision, p.numeric_scale, p.comment,"
                        + " p.parameter_default, p.ordinal_position, r.specific_name FROM "
                        + MetaQuery.view(catalog, "routines") + " AS r JOIN " + MetaQuery.view(catalog, "parameters")
                        + " AS p ON p.specific_catalog = r.specific_catalog AND p.specific_schema = r.specific_schema"
                        + " AND p.specific_name = r.specific_name")
                .condition("r.routine_type = 'PROCEDURE'")
                .equal("r.routine_catalog", catalog)
                .like("r.routine_schema", schemaPattern)
                .like("r.routine_name", namePattern)
                .like("p.parameter_name", columnPattern);
    }

    private Object[] serverColumn(ResultSet rs, String catalog) throws SQLException {
        Integer precision = MetaSql.intOrNull(rs, 7);
        Integer scale = MetaSql.intOrNull(rs, 8);
        MetaColumns.Described t = MetaColumns.describe(rs.getString(6), null, precision == null ? -1 : precision,
                scale == null ? -1 : scale, defaultStringLength, sql.complexTypesAsObjects());
        Integer position = MetaSql.intOrNull(rs, 11);
        return row(MetaSql.orElse(rs.getString(1), catalog), rs.getString(2), rs.getString(3), rs.getString(4),
                mode(rs.getString(5)), t, rs.getString(9), rs.getString(10), position == null ? 0 : position,
                true, MetaSql.orElse(rs.getString(12), rs.getString(3)));
    }

    private static Object[] row(String catalog, String schema, String procedure, String column, short mode,
                                MetaColumns.Described t, String remarks, String columnDefault, int position,
                                boolean nullable, String specificName) {
        return new Object[] {
            catalog, schema, procedure, column, mode, t.type().jdbcType(), t.name(), t.type().precision(),
            null, // LENGTH: not known for a parameter
            t.decimalDigits() == null ? null : (short) (int) t.decimalDigits(),
            t.radix() == null ? null : (short) (int) t.radix(),
            (short) (nullable ? DatabaseMetaData.procedureNullable : DatabaseMetaData.procedureNoNulls), remarks,
            columnDefault, null, null, t.charOctetLength(), position, nullable ? "YES" : "NO", specificName,
        };
    }

    private static short mode(String mode) {
        switch (mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT)) {
            case "IN":
                return (short) DatabaseMetaData.procedureColumnIn;
            case "OUT":
                return (short) DatabaseMetaData.procedureColumnOut;
            case "INOUT":
                return (short) DatabaseMetaData.procedureColumnInOut;
            default:
                return (short) DatabaseMetaData.procedureColumnUnknown;
        }
    }
}
