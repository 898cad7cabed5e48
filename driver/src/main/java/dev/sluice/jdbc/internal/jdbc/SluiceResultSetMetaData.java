package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.types.ColumnType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Column descriptions from the result manifest through the one type table. Results of the Statement
 * Execution API do not say which table a column came from, so table, schema and catalog names are
 * empty strings, as JDBC asks when a value is not applicable.
 */
final class SluiceResultSetMetaData implements ResultSetMetaData {
    private final ResultColumns columns;
    private final BatchSource source;

    /** @param source the result's batches, asked for the nullability its schema carries */
    SluiceResultSetMetaData(ResultColumns columns, BatchSource source) {
        this.columns = columns;
        this.source = source;
    }

    private ColumnType type(int column) throws SQLException {
        check(column);
        return columns.type(column - 1);
    }

    private void check(int column) throws SQLException {
        if (column < 1 || column > columns.count()) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX,
                    "column index " + column + " is out of range 1.." + columns.count());
        }
    }

    @Override
    public int getColumnCount() {
        return columns.count();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return type(column).caseSensitive();
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        check(column);
        return false;
    }

    /**
     * From the Arrow schema's field nullability (a {@code NOT NULL} column or a literal is not nullable);
     * unknown for JSON results and empty ones, whose manifest does not say.
     */
    @Override
    public int isNullable(int column) throws SQLException {
        check(column);
        boolean[] nullable = source.nullability();
        if (nullable == null || nullable.length != columns.count()) {
            return columnNullableUnknown;
        }
        return nullable[column - 1] ? columnNullable : columnNoNulls;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return type(column).signed();
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return type(column).displaySize();
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        check(column);
        return columns.info(column - 1).name();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return getColumnLabel(column);
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return type(column).precision();
    }

    @Override
    public int getScale(int column) throws SQLException {
        return type(column).scale();
    }

    @Override
    public String getTableName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return type(column).jdbcType();
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        // ARRAY<INT> rather than ARRAY, as getColumns' TYPE_NAME says it
        ColumnType t = type(column);
        return t.sqlType().kind().isComplex() ? t.sqlType().text() : t.typeName();
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return type(column).className();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return Wrappers.isWrapperFor(this, iface);
    }
}
