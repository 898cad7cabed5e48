package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.procedure.ResultColumn;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Results a built-in procedure hands over as Java values (its OUT values and rows in memory), described with
 * the Databricks type of each JDBC type so that they read like any server result.
 */
final class ProcedureResults {
    private ProcedureResults() {
    }

    /** The Databricks type a JDBC type of the procedure SPI is reported as. */
    static String sqlType(JDBCType type) {
        switch (type) {
            case BIGINT:
                return "BIGINT";
            case INTEGER:
                return "INT";
            case SMALLINT:
                return "SMALLINT";
            case TINYINT:
                return "TINYINT";
            case BOOLEAN:
            case BIT:
                return "BOOLEAN";
            case DOUBLE:
            case FLOAT:
                return "DOUBLE";
            case REAL:
                return "FLOAT";
            case DECIMAL:
            case NUMERIC:
                return "DECIMAL(38,18)";
            case TIMESTAMP:
            case TIMESTAMP_WITH_TIMEZONE:
                return "TIMESTAMP";
            case DATE:
                return "DATE";
            case BINARY:
            case VARBINARY:
            case LONGVARBINARY:
                return "BINARY";
            default:
                return "STRING";
        }
    }

    static ColumnInfo column(String name, int position, JDBCType type) {
        String text = sqlType(type);
        boolean decimal = text.startsWith("DECIMAL");
        return new ColumnInfo(name, position, decimal ? "DECIMAL" : text, text, decimal ? 38 : -1,
                decimal ? 18 : -1, null);
    }

    /** A forward-only result of {@code statement} over rows held in memory. */
    static SluiceResultSet rows(SluiceStatement statement, List<ColumnInfo> columns, List<Object[]> rows)
            throws SQLException {
        ResultColumns described = new ResultColumns(columns, statement.connection.settings().defaultStringLength(),
                false);
        return SluiceResultSet.inMemory(statement, described, new MemoryBatch(columns.size(), rows));
    }

    /** The rows of a procedure outcome as a result of {@code statement}. */
    static SluiceResultSet outcomeRows(SluiceStatement statement, List<ResultColumn> columns,
                                       List<List<Object>> rows)
            throws SQLException {
        List<ColumnInfo> infos = new ArrayList<>(columns.size());
        for (ResultColumn c : columns) {
            infos.add(column(c.name(), infos.size(), c.type()));
        }
        List<Object[]> values = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw Errors.of(SqlState.GENERAL_ERROR, "a procedure returned a row of " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            values.add(row.toArray());
        }
        return rows(statement, infos, values);
    }
}
