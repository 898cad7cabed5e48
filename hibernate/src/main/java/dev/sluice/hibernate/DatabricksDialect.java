package dev.sluice.hibernate;

import java.sql.Types;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.pagination.LimitHandler;
import org.hibernate.dialect.pagination.LimitOffsetLimitHandler;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * Databricks SQL for Hibernate 6: backquoted identifiers, {@code LIMIT ... OFFSET}, Databricks type names for
 * schema generation, and no row locks (Delta tables have none; {@code FOR UPDATE} is not Databricks SQL).
 * Every statement commits on its own unless the driver maps transactions to Databricks SQL's, so keep one
 * write per unit of work where a failure must leave nothing behind.
 */
public class DatabricksDialect extends Dialect {

    public DatabricksDialect() {
        super(DatabaseVersion.make(4));
    }

    public DatabricksDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        switch (sqlTypeCode) {
            case Types.BOOLEAN:
            case Types.BIT:
                return "boolean";
            case Types.TINYINT:
                return "tinyint";
            case Types.INTEGER:
                return "int";
            case Types.REAL:
                return "float";
            case Types.FLOAT:
            case Types.DOUBLE:
                return "double";
            case Types.CHAR:
            case Types.NCHAR:
            case Types.VARCHAR:
            case Types.NVARCHAR:
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return "string";
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return "binary";
            case Types.TIMESTAMP:
                return "timestamp_ntz";
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return "timestamp";
            default:
                return super.columnType(sqlTypeCode);
        }
    }

    @Override
    public char openQuote() {
        return '`';
    }

    @Override
    public char closeQuote() {
        return '`';
    }

    @Override
    public LimitHandler getLimitHandler() {
        return LimitOffsetLimitHandler.INSTANCE;
    }

    /** Delta tables have no row locks: a locking read is a plain read. */
    @Override
    public String getForUpdateString() {
        return "";
    }

    @Override
    public boolean supportsLockTimeouts() {
        return false;
    }
}
