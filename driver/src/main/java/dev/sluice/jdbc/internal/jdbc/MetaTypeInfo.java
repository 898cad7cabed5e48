package dev.sluice.jdbc.internal.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code getTypeInfo}: every type a Databricks column can be declared with, in the
 * {@link MetaLayout#TYPE_INFO} layout, ordered by DATA_TYPE and then by how closely the type maps to it (the
 * first row of a DATA_TYPE is the one a tool should pick to create a column of that JDBC type).
 *
 * <p>The JDBC codes and names agree with {@link dev.sluice.jdbc.internal.types.TypeTable}, so that a column's
 * TYPE_NAME in getColumns finds its row here. PRECISION is the largest value the type holds (38 digits for
 * DECIMAL, 2^31-1 characters or bytes for text and binary), not the size results report for STRING.
 */
final class MetaTypeInfo {
    private static final short NULLABLE = DatabaseMetaData.typeNullable;
    private static final short ALL_PREDICATES = DatabaseMetaData.typeSearchable;
    private static final short NO_LIKE = DatabaseMetaData.typePredBasic;
    private static final short NOT_COMPARABLE = DatabaseMetaData.typePredNone;
    private static final int LONGEST = Integer.MAX_VALUE;
    private static final int MAX_DECIMAL_DIGITS = 38;
    private static final int MICROSECOND_DIGITS = 6;
    private static final int CREATE_PARAMS = MetaLayout.TYPE_INFO.index("CREATE_PARAMS");
    private static final int MAXIMUM_SCALE = MetaLayout.TYPE_INFO.index("MAXIMUM_SCALE");
    private static final int NUM_PREC_RADIX = MetaLayout.TYPE_INFO.index("NUM_PREC_RADIX");

    private MetaTypeInfo() {
    }

    static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(number("TINYINT", Types.TINYINT, 3));
        rows.add(number("BIGINT", Types.BIGINT, 19));
        rows.add(type("BINARY", Types.BINARY, LONGEST, "X'", "'", null, false, NO_LIKE));
        rows.add(type("VOID", Types.NULL, 0, null, null, null, false, NOT_COMPARABLE));
        rows.add(type("CHAR", Types.CHAR, LONGEST, "'", "'", "length", true, ALL_PREDICATES));
        rows.add(decimal());
        rows.add(number("INT", Types.INTEGER, 10));
        rows.add(number("SMALLINT", Types.SMALLINT, 5));
        rows.add(number("FLOAT", Types.REAL, 7));
        rows.add(number("DOUBLE", Types.DOUBLE, 15));
        rows.add(type("STRING", Types.VARCHAR, LONGEST, "'", "'", null, true, ALL_PREDICATES));
        rows.add(type("VARCHAR", Types.VARCHAR, LONGEST, "'", "'", "length", true, ALL_PREDICATES));
        rows.add(type("INTERVAL YEAR TO MONTH", Types.VARCHAR, 12, "INTERVAL '", "' YEAR TO MONTH", null, false,
                NO_LIKE));
        rows.add(type("INTERVAL DAY TO SECOND", Types.VARCHAR, 29, "INTERVAL '", "' DAY TO SECOND", null, false,
                NO_LIKE));
        // VARIANT values are compared only after a cast; its literal is parse_json('...'), not a prefixed string
        rows.add(type("VARIANT", Types.VARCHAR, LONGEST, null, null, null, false, NOT_COMPARABLE));
        rows.add(type("BOOLEAN", Types.BOOLEAN, 1, null, null, null, false, NO_LIKE));
        rows.add(type("DATE", Types.DATE, 10, "DATE '", "'", null, false, NO_LIKE));
        rows.add(timestamp("TIMESTAMP"));
        rows.add(timestamp("TIMESTAMP_NTZ"));
        // MAP values cannot be compared at all; ARRAY and STRUCT support = and ordering
        rows.add(type("MAP", Types.JAVA_OBJECT, 0, null, null, null, false, NOT_COMPARABLE));
        rows.add(type("STRUCT", Types.STRUCT, 0, null, null, null, false, NO_LIKE));
        rows.add(type("ARRAY", Types.ARRAY, 0, null, null, null, false, NO_LIKE));
        return rows;
    }

    private static Object[] number(String name, int jdbcType, int digits) {
        Object[] row = type(name, jdbcType, digits, null, null, null, false, NO_LIKE);
        row[NUM_PREC_RADIX] = 10;
        return row;
    }

    private static Object[] decimal() {
        Object[] row = number("DECIMAL", Types.DECIMAL, MAX_DECIMAL_DIGITS);
        row[CREATE_PARAMS] = "precision,scale";
        row[MAXIMUM_SCALE] = (short) MAX_DECIMAL_DIGITS;
        return row;
    }

    private static Object[] timestamp(String name) {
        Object[] row = type(name, Types.TIMESTAMP, 26, name + " '", "'", null, false, NO_LIKE);
        row[MAXIMUM_SCALE] = (short) MICROSECOND_DIGITS;
        return row;
    }

    private static Object[] type(String name, int jdbcType, int precision, String prefix, String suffix,
                                 String createParams, boolean caseSensitive, short searchable) {
        return new Object[] {
            name, jdbcType, precision, prefix, suffix, createParams, NULLABLE, caseSensitive, searchable,
            false, // UNSIGNED_ATTRIBUTE: Databricks has no unsigned types
            false, // FIXED_PREC_SCALE: no money type
            false, // AUTO_INCREMENT: identity is a column property, not a type
            name, (short) 0, (short) 0,
            null, null, // SQL_DATA_TYPE, SQL_DATETIME_SUB: unused by JDBC
            null, // NUM_PREC_RADIX: set for numbers only
        };
    }
}
