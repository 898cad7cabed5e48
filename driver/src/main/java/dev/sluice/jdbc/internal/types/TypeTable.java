package dev.sluice.jdbc.internal.types;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.Locale;

/**
 * The one type table: Databricks type -> {@link java.sql.Types} code, SQL name, Java class, precision,
 * scale, display size and signedness. Both the result set metadata and the accessors' complex values
 * ({@code Array.getBaseType}) read it, so what metadata promises is what {@code getObject} returns.
 *
 * <p>Choices where JDBC leaves room, made for the tools that read these answers:
 * <ul>
 *   <li>FLOAT is {@code Types.REAL} (JDBC's FLOAT means double precision; Spark's Databricks dialect maps
 *       REAL back to a 4-byte float).</li>
 *   <li>TIMESTAMP and TIMESTAMP_NTZ are both {@code Types.TIMESTAMP} with {@code java.sql.Timestamp}; their
 *       names stay distinct so a reader can tell an instant from a wall-clock value.</li>
 *   <li>INTERVAL and VARIANT are {@code Types.VARCHAR} with {@code java.lang.String}: their values are text
 *       (interval text, JSON), and VARCHAR is what CachedRowSet, SchemaCrawler and Spark's JDBC source can
 *       carry; {@code Types.OTHER} makes Spark refuse the column.</li>
 *   <li>ARRAY is {@code Types.ARRAY} ({@code java.sql.Array}), STRUCT {@code Types.STRUCT}
 *       ({@code java.sql.Struct}), MAP {@code Types.JAVA_OBJECT} ({@code java.util.Map}: JDBC has no map
 *       type, and JAVA_OBJECT is its word for "getObject returns this Java class"). When complex types are
 *       read as JSON text all three are {@code Types.VARCHAR} with {@code java.lang.String}, as in the
 *       official driver.</li>
 *   <li>VOID (the type of a bare NULL) is {@code Types.NULL}; unknown types are {@code Types.VARCHAR}.</li>
 * </ul>
 */
public final class TypeTable {
    /** Display size of {@code -178956970-8}, the widest year-month interval. */
    private static final int YEAR_MONTH_INTERVAL_SIZE = 12;
    /** Display size of {@code -106751991 04:00:54.775808000}, the widest day-time interval. */
    private static final int DAY_TIME_INTERVAL_SIZE = 29;
    private static final int NULLABLE = ResultSetMetaData.columnNullableUnknown;

    private TypeTable() {
    }

    /**
     * The type of a manifest column: {@code type_text} parsed, with {@code type_name},
     * {@code type_precision}/{@code type_scale} and {@code type_interval_type} filling what the text lacks.
     */
    public static SqlType sqlType(ColumnInfo column) {
        SqlType fromText = TypeParser.parse(column.typeText());
        SqlType t = fromText;
        if (t.kind() == SqlKind.OTHER && column.typeName() != null && !column.typeName().isBlank()) {
            SqlType fromName = TypeParser.parse(column.typeName());
            if (fromName.kind() != SqlKind.OTHER || fromText.name().isEmpty()) {
                t = fromName;
            }
        }
        if (t.kind() == SqlKind.DECIMAL && column.precision() > 0) {
            t = SqlType.decimal(column.precision(), Math.max(0, column.scale()));
        }
        if ((t.kind() == SqlKind.INTERVAL_DAY_TIME || t.kind() == SqlKind.INTERVAL_YEAR_MONTH)
                && t.name().equals("INTERVAL") && column.intervalType() != null && !column.intervalType().isBlank()) {
            t = TypeParser.interval("INTERVAL " + column.intervalType().trim().toUpperCase(Locale.ROOT));
        }
        return t;
    }

    /** Describes a manifest column with complex types read as objects (the driver's default). */
    public static ColumnType describe(ColumnInfo column, int defaultStringLength) {
        return describe(sqlType(column), defaultStringLength, true);
    }

    /**
     * Describes a manifest column.
     *
     * @param defaultStringLength precision and display size of STRING (and of other unbounded text), the
     *     official driver's {@code DefaultStringColumnLength}, 255 by default
     * @param complexTypesAsObjects false when ARRAY/MAP/STRUCT values are read as JSON text
     */
    public static ColumnType describe(ColumnInfo column, int defaultStringLength, boolean complexTypesAsObjects) {
        return describe(sqlType(column), defaultStringLength, complexTypesAsObjects);
    }

    /** Describes a parsed type; see {@link #describe(ColumnInfo, int, boolean)}. */
    public static ColumnType describe(SqlType t, int defaultStringLength, boolean complexTypesAsObjects) {
        int text = Math.max(0, defaultStringLength);
        switch (t.kind()) {
            case BOOLEAN:
                return exact(t, Types.BOOLEAN, "java.lang.Boolean", 1, 5, false);
            case TINYINT:
                return exact(t, Types.TINYINT, "java.lang.Byte", 3, 4, true);
            case SMALLINT:
                return exact(t, Types.SMALLINT, "java.lang.Short", 5, 6, true);
            case INT:
                return exact(t, Types.INTEGER, "java.lang.Integer", 10, 11, true);
            case BIGINT:
                return exact(t, Types.BIGINT, "java.lang.Long", 19, 20, true);
            case FLOAT:
                return exact(t, Types.REAL, "java.lang.Float", 7, 15, true);
            case DOUBLE:
                return exact(t, Types.DOUBLE, "java.lang.Double", 15, 24, true);
            case DECIMAL:
                return decimal(t);
            case STRING:
                return textual(t, Types.VARCHAR, text);
            case CHAR:
                return textual(t, Types.CHAR, t.precision() > 0 ? t.precision() : text);
            case VARCHAR:
                return textual(t, Types.VARCHAR, t.precision() > 0 ? t.precision() : text);
            case BINARY:
                return new ColumnType(Types.BINARY, "BINARY", "[B", text, 0, 2 * text, false, false, NULLABLE, t);
            case DATE:
                return new ColumnType(Types.DATE, "DATE", "java.sql.Date", 10, 0, 10, false, false, NULLABLE, t);
            case TIME:
                return new ColumnType(Types.TIME, "TIME", "java.sql.Time", 15, 6, 15, false, false, NULLABLE, t);
            case TIMESTAMP:
            case TIMESTAMP_NTZ:
                // yyyy-MM-dd HH:mm:ss.ffffff
                return new ColumnType(Types.TIMESTAMP, t.name(), "java.sql.Timestamp", 26, 6, 26, false, false,
                        NULLABLE, t);
            case INTERVAL_YEAR_MONTH:
                return interval(t, YEAR_MONTH_INTERVAL_SIZE);
            case INTERVAL_DAY_TIME:
                return interval(t, DAY_TIME_INTERVAL_SIZE);
            case ARRAY:
                return complex(t, Types.ARRAY, "java.sql.Array", text, complexTypesAsObjects);
            case STRUCT:
                return complex(t, Types.STRUCT, "java.sql.Struct", text, complexTypesAsObjects);
            case MAP:
                return complex(t, Types.JAVA_OBJECT, "java.util.Map", text, complexTypesAsObjects);
            case VARIANT:
                return new ColumnType(Types.VARCHAR, "VARIANT", "java.lang.String", text, 0, text, false, true,
                        NULLABLE, t);
            case VOID:
                return new ColumnType(Types.NULL, "VOID", "java.lang.Object", 0, 0, 4, false, false, NULLABLE, t);
            default:
                return new ColumnType(Types.VARCHAR, t.name().isEmpty() ? "STRING" : t.name(), "java.lang.String",
                        text, 0, text, false, true, NULLABLE, t);
        }
    }

    /** The {@link java.sql.Types} code of values of {@code t} when read as objects (Array base types). */
    public static int jdbcType(SqlType t) {
        return describe(t, 0, true).jdbcType();
    }

    private static ColumnType exact(SqlType t, int jdbc, String cls, int precision, int display, boolean signed) {
        return new ColumnType(jdbc, t.name(), cls, precision, 0, display, signed, false, NULLABLE, t);
    }

    private static ColumnType decimal(SqlType t) {
        int precision = Math.max(0, t.precision());
        int scale = Math.min(Math.max(0, t.scale()), precision);
        int display = precision + 1 + (scale > 0 ? 1 : 0);
        return new ColumnType(Types.DECIMAL, "DECIMAL", "java.math.BigDecimal", precision, scale, display, true,
                false, NULLABLE, t);
    }

    private static ColumnType textual(SqlType t, int jdbc, int length) {
        return new ColumnType(jdbc, t.name(), "java.lang.String", length, 0, length, false, true, NULLABLE, t);
    }

    private static ColumnType interval(SqlType t, int size) {
        return new ColumnType(Types.VARCHAR, t.name(), "java.lang.String", size, 0, size, true, false, NULLABLE, t);
    }

    private static ColumnType complex(SqlType t, int jdbc, String cls, int text, boolean asObjects) {
        if (!asObjects) {
            return new ColumnType(Types.VARCHAR, t.name(), "java.lang.String", text, 0, text, false, true,
                    NULLABLE, t);
        }
        return new ColumnType(jdbc, t.name(), cls, text, 0, text, false, false, NULLABLE, t);
    }
}
