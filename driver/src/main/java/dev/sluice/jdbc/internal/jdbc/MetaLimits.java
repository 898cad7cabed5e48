package dev.sluice.jdbc.internal.jdbc;

import java.sql.DatabaseMetaData;

/**
 * The fixed descriptions of Databricks SQL in {@link DatabaseMetaData}: how identifiers are spelled and stored,
 * the terms, keyword and function lists, how NULLs sort, and size limits. Nothing here needs the server.
 *
 * <p>Identifiers: Unity Catalog stores catalog, schema and table names in lower case, and names are
 * case-insensitive whether quoted with backticks or not. Limits: Unity Catalog names are at most 255
 * characters; 0 means "no limit or unknown", as JDBC defines it.
 */
abstract class MetaLimits implements DatabaseMetaData {
    /** Longest catalog, schema, table or column name Unity Catalog accepts. */
    static final int MAX_NAME_LENGTH = 255;

    /** Databricks SQL keywords that SQL:2003 does not reserve. */
    static final String SQL_KEYWORDS = "ANALYZE,ANTI,CACHE,CLUSTER,CLUSTERED,COMMENT,COMPUTE,DATABASE,DATABASES,"
            + "DBPROPERTIES,DISTRIBUTE,DIV,EXPLAIN,EXTENDED,FORMATTED,FUNCTIONS,HISTORY,ILIKE,LIMIT,LIST,LOAD,"
            + "LOCATION,MINUS,MSCK,OPTIMIZE,PARTITIONED,PIVOT,QUALIFY,REFRESH,REGEXP,REPAIR,REPLACE,RESTORE,"
            + "RLIKE,SCHEMAS,SEMI,SHOW,SORT,SORTED,TABLES,TABLESAMPLE,TBLPROPERTIES,UNCACHE,UNPIVOT,USE,VACUUM,"
            + "ZORDER";

    // The function lists name functions Databricks SQL has under these Open Group names, so that tools that
    // offer them (editors complete from these lists) write SQL that runs as written.
    static final String NUMERIC_FUNCTIONS = "ABS,ACOS,ASIN,ATAN,ATAN2,CEILING,COS,COT,DEGREES,EXP,FLOOR,LOG,LOG10,"
            + "MOD,PI,POWER,RADIANS,RAND,ROUND,SIGN,SIN,SQRT,TAN";
    static final String STRING_FUNCTIONS = "ASCII,CHAR,CHAR_LENGTH,CHARACTER_LENGTH,CONCAT,LCASE,LEFT,LENGTH,LOCATE,"
            + "LOWER,LPAD,LTRIM,OCTET_LENGTH,POSITION,REPEAT,REPLACE,RIGHT,RPAD,RTRIM,SOUNDEX,SPACE,SUBSTRING,TRIM,"
            + "UCASE,UPPER";
    static final String SYSTEM_FUNCTIONS = "IFNULL,USER";
    static final String TIME_DATE_FUNCTIONS = "CURDATE,CURRENT_DATE,CURRENT_TIMESTAMP,DAYNAME,DAYOFMONTH,DAYOFWEEK,"
            + "DAYOFYEAR,HOUR,MINUTE,MONTH,MONTHNAME,NOW,QUARTER,SECOND,TIMESTAMPADD,TIMESTAMPDIFF,WEEKOFYEAR,YEAR";

    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "`";
    }

    @Override
    public String getSQLKeywords() {
        return SQL_KEYWORDS;
    }

    @Override
    public String getNumericFunctions() {
        return NUMERIC_FUNCTIONS;
    }

    @Override
    public String getStringFunctions() {
        return STRING_FUNCTIONS;
    }

    @Override
    public String getSystemFunctions() {
        return SYSTEM_FUNCTIONS;
    }

    @Override
    public String getTimeDateFunctions() {
        return TIME_DATE_FUNCTIONS;
    }

    /** The escape of JDBC search patterns; it is also Databricks' LIKE escape, so patterns pass through unchanged. */
    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    /** NULL is the smallest value: first in ascending order, last in descending (Spark's default). */
    @Override
    public boolean nullsAreSortedHigh() {
        return false;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return true;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return MAX_NAME_LENGTH;
    }

    @Override
    public int getMaxColumnsInGroupBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 0;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 0;
    }

    @Override
    public int getMaxColumnsInTable() {
        return 0;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return MAX_NAME_LENGTH;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return MAX_NAME_LENGTH;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return MAX_NAME_LENGTH;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return true;
    }

    /** The API takes 16 MiB of statement text; in characters that is not a fixed number, so: unknown. */
    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return MAX_NAME_LENGTH;
    }

    @Override
    public int getMaxTablesInSelect() {
        return 0;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    @Override
    public long getMaxLogicalLobSize() {
        return 0;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }
}
