package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The column layout of one {@code DatabaseMetaData} result, exactly as the JDBC javadoc lists it: names, order
 * and types. Each column is declared like DDL ({@code "KEY_SEQ SMALLINT"}); the types map to the Java classes
 * the javadoc names (String, int, short, long, boolean), which is what the rows must hold.
 */
final class MetaLayout {
    static final MetaLayout CATALOGS = of("TABLE_CAT STRING");

    static final MetaLayout SCHEMAS = of("TABLE_SCHEM STRING", "TABLE_CATALOG STRING");

    static final MetaLayout TABLE_TYPES = of("TABLE_TYPE STRING");

    static final MetaLayout TABLES = of("TABLE_CAT STRING", "TABLE_SCHEM STRING", "TABLE_NAME STRING",
            "TABLE_TYPE STRING", "REMARKS STRING", "TYPE_CAT STRING", "TYPE_SCHEM STRING", "TYPE_NAME STRING",
            "SELF_REFERENCING_COL_NAME STRING", "REF_GENERATION STRING");

    static final MetaLayout COLUMNS = of("TABLE_CAT STRING", "TABLE_SCHEM STRING", "TABLE_NAME STRING",
            "COLUMN_NAME STRING", "DATA_TYPE INT", "TYPE_NAME STRING", "COLUMN_SIZE INT", "BUFFER_LENGTH INT",
            "DECIMAL_DIGITS INT", "NUM_PREC_RADIX INT", "NULLABLE INT", "REMARKS STRING", "COLUMN_DEF STRING",
            "SQL_DATA_TYPE INT", "SQL_DATETIME_SUB INT", "CHAR_OCTET_LENGTH INT", "ORDINAL_POSITION INT",
            "IS_NULLABLE STRING", "SCOPE_CATALOG STRING", "SCOPE_SCHEMA STRING", "SCOPE_TABLE STRING",
            "SOURCE_DATA_TYPE SMALLINT", "IS_AUTOINCREMENT STRING", "IS_GENERATEDCOLUMN STRING");

    static final MetaLayout TYPE_INFO = of("TYPE_NAME STRING", "DATA_TYPE INT", "PRECISION INT",
            "LITERAL_PREFIX STRING", "LITERAL_SUFFIX STRING", "CREATE_PARAMS STRING", "NULLABLE SMALLINT",
            "CASE_SENSITIVE BOOLEAN", "SEARCHABLE SMALLINT", "UNSIGNED_ATTRIBUTE BOOLEAN",
            "FIXED_PREC_SCALE BOOLEAN", "AUTO_INCREMENT BOOLEAN", "LOCAL_TYPE_NAME STRING", "MINIMUM_SCALE SMALLINT",
            "MAXIMUM_SCALE SMALLINT", "SQL_DATA_TYPE INT", "SQL_DATETIME_SUB INT", "NUM_PREC_RADIX INT");

    static final MetaLayout PRIMARY_KEYS = of("TABLE_CAT STRING", "TABLE_SCHEM STRING", "TABLE_NAME STRING",
            "COLUMN_NAME STRING", "KEY_SEQ SMALLINT", "PK_NAME STRING");

    /** getImportedKeys, getExportedKeys and getCrossReference share this layout. */
    static final MetaLayout KEYS = of("PKTABLE_CAT STRING", "PKTABLE_SCHEM STRING", "PKTABLE_NAME STRING",
            "PKCOLUMN_NAME STRING", "FKTABLE_CAT STRING", "FKTABLE_SCHEM STRING", "FKTABLE_NAME STRING",
            "FKCOLUMN_NAME STRING", "KEY_SEQ SMALLINT", "UPDATE_RULE SMALLINT", "DELETE_RULE SMALLINT",
            "FK_NAME STRING", "PK_NAME STRING", "DEFERRABILITY SMALLINT");

    static final MetaLayout INDEX_INFO = of("TABLE_CAT STRING", "TABLE_SCHEM STRING", "TABLE_NAME STRING",
            "NON_UNIQUE BOOLEAN", "INDEX_QUALIFIER STRING", "INDEX_NAME STRING", "TYPE SMALLINT",
            "ORDINAL_POSITION SMALLINT", "COLUMN_NAME STRING", "ASC_OR_DESC STRING", "CARDINALITY BIGINT",
            "PAGES BIGINT", "FILTER_CONDITION STRING");

    static final MetaLayout PROCEDURES = of("PROCEDURE_CAT STRING", "PROCEDURE_SCHEM STRING",
            "PROCEDURE_NAME STRING", "RESERVED1 STRING", "RESERVED2 STRING", "RESERVED3 STRING", "REMARKS STRING",
            "PROCEDURE_TYPE SMALLINT", "SPECIFIC_NAME STRING");

    static final MetaLayout PROCEDURE_COLUMNS = of("PROCEDURE_CAT STRING", "PROCEDURE_SCHEM STRING",
            "PROCEDURE_NAME STRING", "COLUMN_NAME STRING", "COLUMN_TYPE SMALLINT", "DATA_TYPE INT",
            "TYPE_NAME STRING", "PRECISION INT", "LENGTH INT", "SCALE SMALLINT", "RADIX SMALLINT",
            "NULLABLE SMALLINT", "REMARKS STRING", "COLUMN_DEF STRING", "SQL_DATA_TYPE INT", "SQL_DATETIME_SUB INT",
            "CHAR_OCTET_LENGTH INT", "ORDINAL_POSITION INT", "IS_NULLABLE STRING", "SPECIFIC_NAME STRING");

    static final MetaLayout FUNCTIONS = of("FUNCTION_CAT STRING", "FUNCTION_SCHEM STRING",
            "FUNCTION_NAME STRING", "REMARKS STRING", "FUNCTION_TYPE SMALLINT", "SPECIFIC_NAME STRING");

    static final MetaLayout FUNCTION_COLUMNS = of("FUNCTION_CAT STRING", "FUNCTION_SCHEM STRING",
            "FUNCTION_NAME STRING", "COLUMN_NAME STRING", "COLUMN_TYPE SMALLINT", "DATA_TYPE INT",
            "TYPE_NAME STRING", "PRECISION INT", "LENGTH INT", "SCALE SMALLINT", "RADIX SMALLINT",
            "NULLABLE SMALLINT", "REMARKS STRING", "CHAR_OCTET_LENGTH INT", "ORDINAL_POSITION INT",
            "IS_NULLABLE STRING", "SPECIFIC_NAME STRING");

    static final MetaLayout UDTS = of("TYPE_CAT STRING", "TYPE_SCHEM STRING", "TYPE_NAME STRING",
            "CLASS_NAME STRING", "DATA_TYPE INT", "REMARKS STRING", "BASE_TYPE SMALLINT");

    static final MetaLayout SUPER_TYPES = of("TYPE_CAT STRING", "TYPE_SCHEM STRING", "TYPE_NAME STRING",
            "SUPERTYPE_CAT STRING", "SUPERTYPE_SCHEM STRING", "SUPERTYPE_NAME STRING");

    static final MetaLayout SUPER_TABLES = of("TABLE_CAT STRING", "TABLE_SCHEM STRING", "TABLE_NAME STRING",
            "SUPERTABLE_NAME STRING");

    static final MetaLayout ATTRIBUTES = of("TYPE_CAT STRING", "TYPE_SCHEM STRING", "TYPE_NAME STRING",
            "ATTR_NAME STRING", "DATA_TYPE INT", "ATTR_TYPE_NAME STRING", "ATTR_SIZE INT", "DECIMAL_DIGITS INT",
            "NUM_PREC_RADIX INT", "NULLABLE INT", "REMARKS STRING", "ATTR_DEF STRING", "SQL_DATA_TYPE INT",
            "SQL_DATETIME_SUB INT", "CHAR_OCTET_LENGTH INT", "ORDINAL_POSITION INT", "IS_NULLABLE STRING",
            "SCOPE_CATALOG STRING", "SCOPE_SCHEMA STRING", "SCOPE_TABLE STRING", "SOURCE_DATA_TYPE SMALLINT");

    /** getBestRowIdentifier and getVersionColumns share this layout. */
    static final MetaLayout ROW_IDENTIFIERS = of("SCOPE SMALLINT", "COLUMN_NAME STRING", "DATA_TYPE INT",
            "TYPE_NAME STRING", "COLUMN_SIZE INT", "BUFFER_LENGTH INT", "DECIMAL_DIGITS SMALLINT",
            "PSEUDO_COLUMN SMALLINT");

    static final MetaLayout COLUMN_PRIVILEGES = of("TABLE_CAT STRING", "TABLE_SCHEM STRING",
            "TABLE_NAME STRING", "COLUMN_NAME STRING", "GRANTOR STRING", "GRANTEE STRING", "PRIVILEGE STRING",
            "IS_GRANTABLE STRING");

    static final MetaLayout TABLE_PRIVILEGES = of("TABLE_CAT STRING", "TABLE_SCHEM STRING",
            "TABLE_NAME STRING", "GRANTOR STRING", "GRANTEE STRING", "PRIVILEGE STRING", "IS_GRANTABLE STRING");

    static final MetaLayout PSEUDO_COLUMNS = of("TABLE_CAT STRING", "TABLE_SCHEM STRING", "TABLE_NAME STRING",
            "COLUMN_NAME STRING", "DATA_TYPE INT", "COLUMN_SIZE INT", "DECIMAL_DIGITS INT", "NUM_PREC_RADIX INT",
            "COLUMN_USAGE STRING", "REMARKS STRING", "CHAR_OCTET_LENGTH INT", "IS_NULLABLE STRING");

    static final MetaLayout CLIENT_INFO_PROPERTIES = of("NAME STRING", "MAX_LEN INT", "DEFAULT_VALUE STRING",
            "DESCRIPTION STRING");

    private final List<ColumnInfo> columns;
    private final List<Class<?>> classes;

    private MetaLayout(List<ColumnInfo> columns, List<Class<?>> classes) {
        this.columns = List.copyOf(columns);
        this.classes = List.copyOf(classes);
    }

    /** A layout from {@code "NAME TYPE"} specs; TYPE is one of STRING, INT, SMALLINT, BIGINT, BOOLEAN. */
    static MetaLayout of(String... specs) {
        List<ColumnInfo> columns = new ArrayList<>(specs.length);
        List<Class<?>> classes = new ArrayList<>(specs.length);
        for (String spec : specs) {
            int blank = spec.indexOf(' ');
            String name = spec.substring(0, blank);
            String sqlType = spec.substring(blank + 1);
            // type_name carries the Spark-internal spelling and type_text the SQL one, as a server manifest does
            String typeName;
            switch (sqlType) {
                case "STRING":
                    typeName = "STRING";
                    classes.add(String.class);
                    break;
                case "INT":
                    typeName = "INT";
                    classes.add(Integer.class);
                    break;
                case "SMALLINT":
                    typeName = "SHORT";
                    classes.add(Short.class);
                    break;
                case "BIGINT":
                    typeName = "LONG";
                    classes.add(Long.class);
                    break;
                case "BOOLEAN":
                    typeName = "BOOLEAN";
                    classes.add(Boolean.class);
                    break;
                default:
                    throw new IllegalArgumentException("unknown metadata column type in " + spec);
            }
            columns.add(new ColumnInfo(name, columns.size(), typeName, sqlType, -1, -1, null));
        }
        return new MetaLayout(columns, classes);
    }

    List<ColumnInfo> columns() {
        return columns;
    }

    int width() {
        return columns.size();
    }

    /** The 0-based index of the column called {@code name}. */
    int index(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /**
     * The rows as a forward-only, read-only result with no statement (as JDBC allows for metadata), sorted by
     * the named columns in order; nulls sort first.
     *
     * @param defaultStringLength the precision its STRING columns report, as for every other result
     * @throws SQLException HY000 if a row does not fit the layout, which would be a driver defect
     */
    SluiceResultSet resultSet(List<Object[]> rows, int defaultStringLength, String... sortBy) throws SQLException {
        List<Object[]> sorted = new ArrayList<>(rows);
        for (Object[] row : sorted) {
            check(row);
        }
        if (sortBy.length > 0) {
            sorted.sort(order(sortBy));
        }
        ResultColumns resultColumns = new ResultColumns(columns, defaultStringLength, false);
        return SluiceResultSet.inMemory(null, resultColumns, new MemoryBatch(columns.size(), sorted));
    }

    private void check(Object[] row) throws SQLException {
        if (row.length != columns.size()) {
            throw Errors.of(SqlState.GENERAL_ERROR, "metadata row has " + row.length + " values for "
                    + columns.size() + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null && !classes.get(i).isInstance(row[i])) {
                throw Errors.of(SqlState.GENERAL_ERROR, "metadata column " + columns.get(i).name() + " holds a "
                        + row[i].getClass().getName() + ", expected " + classes.get(i).getName());
            }
        }
    }

    private Comparator<Object[]> order(String... sortBy) {
        Comparator<Object[]> order = null;
        for (String name : sortBy) {
            int i = index(name);
            Comparator<Object[]> next = Comparator.comparing(row -> comparable(row[i]),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable<Object> comparable(Object value) {
        return (Comparable) value;
    }
}
