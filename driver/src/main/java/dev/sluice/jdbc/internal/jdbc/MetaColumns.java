package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.types.ColumnType;
import dev.sluice.jdbc.internal.types.SqlKind;
import dev.sluice.jdbc.internal.types.SqlType;
import dev.sluice.jdbc.internal.types.TypeTable;
import dev.sluice.jdbc.internal.workspace.RestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code getColumns} from each catalog's {@code information_schema.columns}. A column's type is its
 * {@code full_data_type} ({@code decimal(10,2)}, {@code array<int>}) described by the same type table as
 * result columns, so getColumns and ResultSetMetaData agree on DATA_TYPE, COLUMN_SIZE and DECIMAL_DIGITS.
 *
 * <p>ORDINAL_POSITION: Databricks numbers {@code ordinal_position} from 0 while its documentation (and the
 * local warehouse) number from 1. The driver takes the smallest position of each table as its first column,
 * so JDBC's 1-based numbering comes out right either way; for that the column-name pattern is applied here,
 * after the numbering, rather than in the query (a window function in the query cost the server a sort).
 *
 * <p>The columns of one table named exactly (a catalog, and schema and table patterns without wildcards) come
 * from Unity Catalog REST ({@link MetaCatalog}), one {@code GET tables/{full_name}}, with the same rows.
 */
final class MetaColumns {
    private static final int COLUMN_NAME = MetaLayout.COLUMNS.index("COLUMN_NAME");
    private static final int ORDINAL = MetaLayout.COLUMNS.index("ORDINAL_POSITION");
    /** Largest UTF-8 encoding of one character, for CHAR_OCTET_LENGTH. */
    private static final int BYTES_PER_CHAR = 4;

    private final MetaSql sql;
    private final MetaCatalog rest;
    private final int defaultStringLength;

    MetaColumns(MetaSql sql, MetaCatalog rest, int defaultStringLength) {
        this.sql = sql;
        this.rest = rest;
        this.defaultStringLength = defaultStringLength;
    }

    List<Object[]> columns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        if ("".equals(schemaPattern)) {
            return List.of();
        }
        MetaCatalog.Lookup found = JdbcPatterns.isLiteral(schemaPattern) && JdbcPatterns.isLiteral(tablePattern)
                ? rest.table(catalog, JdbcPatterns.literal(schemaPattern), JdbcPatterns.literal(tablePattern), true)
                : null;
        List<Object[]> rows = found != null ? restRows(found.table())
                : sql.perCatalog(catalog, c -> query(c, schemaPattern, tablePattern), this::row);
        numberFromOne(rows);
        if (columnPattern == null) {
            return rows;
        }
        Pattern wanted = JdbcPatterns.regex(columnPattern);
        List<Object[]> kept = new ArrayList<>();
        for (Object[] row : rows) {
            if (wanted.matcher((String) row[COLUMN_NAME]).matches()) {
                kept.add(row);
            }
        }
        return kept;
    }

    static MetaQuery query(String catalog, String schemaPattern, String tablePattern) {
        return MetaQuery.of("SELECT table_catalog, table_schema, table_name, column_name, ordinal_position,"
                        + " is_nullable, full_data_type, data_type, comment, column_default, is_identity,"
                        + " is_generated FROM " + MetaQuery.view(catalog, "columns"))
                .equal("table_catalog", catalog)
                .like("table_schema", schemaPattern)
                .like("table_name", tablePattern);
    }

    /** Rewrites ORDINAL_POSITION as position - (the table's smallest position) + 1. */
    private static void numberFromOne(List<Object[]> rows) {
        Map<List<Object>, Integer> first = new HashMap<>();
        for (Object[] row : rows) {
            if (row[ORDINAL] != null) {
                first.merge(table(row), (Integer) row[ORDINAL], Math::min);
            }
        }
        for (Object[] row : rows) {
            if (row[ORDINAL] != null) {
                row[ORDINAL] = (Integer) row[ORDINAL] - first.get(table(row)) + 1;
            }
        }
    }

    private static List<Object> table(Object[] row) {
        return Arrays.asList(row[0], row[1], row[2]);
    }

    private Object[] row(ResultSet rs, String catalog) throws SQLException {
        String nullable = rs.getString(6);
        Described t = describe(rs.getString(8), rs.getString(7), -1, -1, defaultStringLength,
                sql.complexTypesAsObjects());
        return new Object[] {
            MetaSql.orElse(rs.getString(1), catalog), rs.getString(2), rs.getString(3), rs.getString(4),
            t.type().jdbcType(), t.name(), t.type().precision(),
            null, // BUFFER_LENGTH: unused
            t.decimalDigits(), t.radix(), nullability(nullable), rs.getString(9), rs.getString(10),
            null, null, // SQL_DATA_TYPE, SQL_DATETIME_SUB: unused
            t.charOctetLength(), MetaSql.intOrNull(rs, 5), yesNo(nullable),
            null, null, null, null, // SCOPE_CATALOG, SCOPE_SCHEMA, SCOPE_TABLE, SOURCE_DATA_TYPE: no REF types
            yesNo(rs.getString(11)), generated(rs.getString(12)),
        };
    }

    /**
     * The rows of one table REST found (none for a missing table), as {@link #row} makes them from
     * {@code information_schema.columns}: the same type text ({@code type_text} is {@code full_data_type}),
     * nullability and comment, and from the column's Delta metadata in {@code type_json} what the view takes
     * from it too: the default ({@code CURRENT_DEFAULT}), identity ({@code delta.identity.start}) and generation
     * ({@code delta.generationExpression}).
     */
    private List<Object[]> restRows(TableInfo table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (table == null) {
            return rows;
        }
        for (dev.sluice.jdbc.catalog.ColumnInfo c : table.columns()) {
            Map<String, Object> metadata = fieldMetadata(c);
            Object fallback = metadata.get("CURRENT_DEFAULT");
            String nullable = c.nullable() ? "YES" : "NO";
            Described t = describe(c.typeName(), c.typeText(), -1, -1, defaultStringLength,
                    sql.complexTypesAsObjects());
            rows.add(new Object[] {
                table.catalogName(), table.schemaName(), table.name(), c.name(),
                t.type().jdbcType(), t.name(), t.type().precision(),
                null, // BUFFER_LENGTH: unused
                t.decimalDigits(), t.radix(), nullability(nullable), c.comment(),
                fallback instanceof String d ? d : null,
                null, null, // SQL_DATA_TYPE, SQL_DATETIME_SUB: unused
                t.charOctetLength(), c.position(), yesNo(nullable),
                null, null, null, null, // SCOPE_CATALOG, SCOPE_SCHEMA, SCOPE_TABLE, SOURCE_DATA_TYPE: no REF types
                metadata.containsKey("delta.identity.start") ? "YES" : "NO",
                metadata.containsKey("delta.generationExpression") ? "YES" : "NO",
            });
        }
        return rows;
    }

    /** The {@code metadata} object of a column's {@code type_json}; empty when the server sent none. */
    private static Map<String, Object> fieldMetadata(dev.sluice.jdbc.catalog.ColumnInfo column) throws SQLException {
        if (column.typeJson() == null || column.typeJson().isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> field = RestJson.read(column.typeJson().getBytes(StandardCharsets.UTF_8),
                    "type_json");
            Object metadata = field.get("metadata");
            @SuppressWarnings("unchecked")
            Map<String, Object> m = metadata instanceof Map<?, ?> ? (Map<String, Object>) metadata : Map.of();
            return m;
        } catch (IOException e) {
            throw Errors.of(SqlState.GENERAL_ERROR, "the server sent a column type_json that is not JSON: "
                    + column.name(), e);
        }
    }

    /**
     * A type as getColumns and getFunctionColumns present it.
     *
     * @param name TYPE_NAME: the type table's name, with the element types spelled out for ARRAY, MAP and STRUCT
     * @param decimalDigits DECIMAL_DIGITS: scale for DECIMAL, fractional-second digits for timestamps, 0 for
     *     integers, null where it does not apply
     * @param radix NUM_PREC_RADIX: 10 for numbers (sizes are decimal digits), null otherwise
     * @param charOctetLength the largest UTF-8 size of a text value, null for other types
     */
    record Described(ColumnType type, String name, Integer decimalDigits, Integer radix, Integer charOctetLength) {
    }

    /**
     * Describes a column or parameter type from {@code data_type} and {@code full_data_type} (either may be
     * null) and, when the text lacks them, a DECIMAL's precision and scale (-1 when unknown). ARRAY, MAP and
     * STRUCT are described as the connection's result sets describe them ({@code complexTypesAsObjects}).
     */
    static Described describe(String dataType, String fullType, int precision, int scale, int defaultStringLength,
                              boolean complexTypesAsObjects) {
        String text = fullType == null || fullType.isBlank() ? dataType : fullType;
        ColumnType t = TypeTable.describe(new ColumnInfo("", 0, dataType, text, precision, scale, null),
                defaultStringLength, complexTypesAsObjects);
        SqlType sqlType = t.sqlType();
        SqlKind kind = sqlType.kind();
        String name = kind.isComplex() ? sqlType.text() : t.typeName();
        return new Described(t, name, decimalDigits(kind, t), radix(kind), charOctetLength(kind, t));
    }

    private static Integer decimalDigits(SqlKind kind, ColumnType t) {
        switch (kind) {
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
            case DECIMAL:
            case TIMESTAMP:
            case TIMESTAMP_NTZ:
                return t.scale();
            default:
                return null;
        }
    }

    private static Integer radix(SqlKind kind) {
        switch (kind) {
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
            case FLOAT:
            case DOUBLE:
            case DECIMAL:
                return 10;
            default:
                return null;
        }
    }

    private static Integer charOctetLength(SqlKind kind, ColumnType t) {
        if (kind != SqlKind.STRING && kind != SqlKind.CHAR && kind != SqlKind.VARCHAR) {
            return null;
        }
        return (int) Math.min(Integer.MAX_VALUE, (long) t.precision() * BYTES_PER_CHAR);
    }

    /** NULLABLE from {@code is_nullable}. */
    static int nullability(String isNullable) {
        if ("YES".equalsIgnoreCase(isNullable)) {
            return DatabaseMetaData.columnNullable;
        }
        if ("NO".equalsIgnoreCase(isNullable)) {
            return DatabaseMetaData.columnNoNulls;
        }
        return DatabaseMetaData.columnNullableUnknown;
    }

    /** "YES", "NO", or "" when the server does not say, as JDBC spells IS_NULLABLE and IS_AUTOINCREMENT. */
    static String yesNo(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.equals("YES") || v.equals("TRUE") ? "YES" : v.equals("NO") || v.equals("FALSE") ? "NO" : "";
    }

    /** IS_GENERATEDCOLUMN from {@code is_generated}, which Databricks spells ALWAYS or NEVER. */
    static String generated(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.equals("ALWAYS") || v.equals("YES")) {
            return "YES";
        }
        return v.equals("NEVER") || v.equals("NO") ? "NO" : "";
    }
}
