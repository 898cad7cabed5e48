package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.Version;
import dev.sluice.jdbc.internal.call.BuiltinProcedures;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.observe.Failures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link java.sql.DatabaseMetaData} of one connection. The fixed answers live in {@link MetaLimits} and
 * {@link MetaFeatures}; the result-set methods run SQL in the connection's session ({@code SHOW CATALOGS},
 * then each catalog's {@code information_schema}) and return in-memory results with exactly the JDBC column
 * layouts ({@link MetaLayout}), sorted as the JDBC javadoc asks.
 *
 * <p>Pattern arguments are JDBC search patterns ({@code %}, {@code _}, escape {@code \}) and null means "any";
 * catalog null means every catalog and "" none, schema "" means none (Databricks has no objects outside a
 * schema). Methods for things Databricks does not have (indexes, UDTs, pseudo columns, column
 * privileges, row identifiers) return empty results in their proper layouts rather than throwing.
 *
 * <p>The product name is {@code SparkSQL}, which the official driver reports and Flyway's Databricks support
 * recognises. The server version comes from {@code SELECT version()} on first use and is kept for the life of
 * this object.
 */
public final class SluiceDatabaseMetaData extends MetaFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceDatabaseMetaData.class);
    static final String PRODUCT_NAME = "SparkSQL";
    static final String DRIVER_NAME = "Sluice";

    private final SluiceConnection connection;
    private final MetaSql sql;
    private final MetaTables tables;
    private final MetaColumns columns;
    private final MetaKeys keys;
    private final MetaRoutines routines;
    private final MetaProcedures procedures;
    private final int stringLength;
    private volatile String serverVersion;
    private volatile String userName;

    SluiceDatabaseMetaData(SluiceConnection connection) {
        this.connection = connection;
        this.sql = new MetaSql(connection);
        MetaCatalog rest = new MetaCatalog(connection);
        this.stringLength = connection.settings().defaultStringLength();
        this.tables = new MetaTables(sql);
        this.columns = new MetaColumns(sql, rest, stringLength);
        this.keys = new MetaKeys(sql, rest);
        this.routines = new MetaRoutines(sql, stringLength);
        this.procedures = new MetaProcedures(sql, stringLength,
                ConnectionProperty.PROCEDURE_NAMESPACE.get(connection.config()), BuiltinProcedures.get());
    }

    // ---- the connection and the server

    @Override
    boolean serverTransactions() {
        return connection.transactions().onServer();
    }

    /** The connection URL with secrets (PWD, tokens, client secrets) replaced. */
    @Override
    public String getURL() {
        return connection.redactedUrl();
    }

    /** {@code current_user()} of the session; the UID property if the server cannot say. */
    @Override
    public String getUserName() throws SQLException {
        String u = userName;
        if (u == null) {
            u = serverFact("SELECT current_user()", ConnectionProperty.UID.get(connection.config()));
            userName = u;
        }
        return u;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String getDatabaseProductName() {
        return PRODUCT_NAME;
    }

    /** The server's version, e.g. {@code 4.2.0}: the first word of {@code version()}. */
    @Override
    public String getDatabaseProductVersion() throws SQLException {
        String v = serverVersion;
        if (v == null) {
            String text = serverFact("SELECT version()", "");
            int blank = text.indexOf(' ');
            v = (blank < 0 ? text : text.substring(0, blank)).trim();
            serverVersion = v;
        }
        return v;
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return versionPart(getDatabaseProductVersion(), 0);
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return versionPart(getDatabaseProductVersion(), 1);
    }

    /** The {@code index}-th dot-separated number of {@code version}; 0 when there is none. */
    static int versionPart(String version, int index) {
        String[] parts = version.split("\\.");
        if (index >= parts.length) {
            return 0;
        }
        String digits = parts[index].replaceAll("\\D.*", "");
        try {
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String serverFact(String query, String fallback) throws SQLException {
        Failures.Handled handled = Failures.handledHere();
        try {
            String v = sql.scalar(query);
            return v == null ? fallback : v;
        } catch (SQLException e) {
            if (MetaSql.isFatal(e)) {
                throw e;
            }
            LOG.debug("{} failed, answering '{}' instead: {}", query, fallback, e.getMessage());
            return fallback;
        } finally {
            handled.close();
        }
    }

    @Override
    public String getDriverName() {
        return DRIVER_NAME;
    }

    @Override
    public String getDriverVersion() {
        return Version.TEXT;
    }

    @Override
    public int getDriverMajorVersion() {
        return Version.MAJOR;
    }

    @Override
    public int getDriverMinorVersion() {
        return Version.MINOR;
    }

    // ---- catalogs, schemas, tables, columns

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return MetaLayout.CATALOGS.resultSet(tables.catalogs(), stringLength, "TABLE_CAT");
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return MetaLayout.SCHEMAS.resultSet(tables.schemas(catalog, schemaPattern), stringLength,
                "TABLE_CATALOG", "TABLE_SCHEM");
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return MetaLayout.TABLE_TYPES.resultSet(tables.tableTypes(), stringLength, "TABLE_TYPE");
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        return MetaLayout.TABLES.resultSet(tables.tables(catalog, schemaPattern, tableNamePattern, types),
                stringLength, "TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME");
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
                                String columnNamePattern) throws SQLException {
        List<Object[]> rows = columns.columns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
        return MetaLayout.COLUMNS.resultSet(rows, stringLength, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
                "ORDINAL_POSITION");
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return MetaLayout.TABLE_PRIVILEGES.resultSet(tables.tablePrivileges(catalog, schemaPattern,
                tableNamePattern), stringLength, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "PRIVILEGE");
    }

    /** Unity Catalog grants privileges on tables, not on single columns. */
    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        return empty(MetaLayout.COLUMN_PRIVILEGES);
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return MetaLayout.TYPE_INFO.resultSet(MetaTypeInfo.rows(), stringLength, "DATA_TYPE");
    }

    // ---- keys

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return MetaLayout.PRIMARY_KEYS.resultSet(keys.primaryKeys(catalog, schema, table), stringLength,
                "COLUMN_NAME");
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = keys.foreignKeys(catalog, MetaKeys.Named.FOREIGN_TABLE, null, null, schema, table);
        return MetaLayout.KEYS.resultSet(rows, stringLength, "PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
                "KEY_SEQ");
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = keys.foreignKeys(catalog, MetaKeys.Named.PRIMARY_TABLE, schema, table, null, null);
        return MetaLayout.KEYS.resultSet(rows, stringLength, "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME",
                "KEY_SEQ");
    }

    /** Keys are found within one catalog (see {@link MetaKeys}): two different catalogs give no rows. */
    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        List<Object[]> rows;
        if ("".equals(parentCatalog) || (parentCatalog != null && foreignCatalog != null
                && !parentCatalog.equals(foreignCatalog))) {
            rows = List.of();
        } else {
            String catalog = foreignCatalog != null ? foreignCatalog : parentCatalog;
            rows = keys.foreignKeys(catalog, MetaKeys.Named.BOTH, parentSchema, parentTable, foreignSchema,
                    foreignTable);
        }
        return MetaLayout.KEYS.resultSet(rows, stringLength, "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME",
                "KEY_SEQ");
    }

    /** Delta tables have no indexes. */
    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return empty(MetaLayout.INDEX_INFO);
    }

    /**
     * No row identifier: Databricks has no row ids, and its primary keys are informational (not enforced),
     * so they do not identify a row for certain.
     */
    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope,
                                          boolean nullable) throws SQLException {
        return empty(MetaLayout.ROW_IDENTIFIERS);
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return empty(MetaLayout.ROW_IDENTIFIERS);
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
                                      String columnNamePattern) throws SQLException {
        return empty(MetaLayout.PSEUDO_COLUMNS);
    }

    // ---- routines and types

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        return MetaLayout.FUNCTIONS.resultSet(routines.functions(catalog, schemaPattern, functionNamePattern),
                stringLength, "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        List<Object[]> rows = routines.functionColumns(catalog, schemaPattern, functionNamePattern,
                columnNamePattern);
        return MetaLayout.FUNCTION_COLUMNS.resultSet(rows, stringLength, "FUNCTION_CAT", "FUNCTION_SCHEM",
                "FUNCTION_NAME", "SPECIFIC_NAME", "ORDINAL_POSITION");
    }

    /**
     * The built-in procedures (no catalog, the procedure namespace as schema) and the server's procedures
     * from {@code information_schema.routines}.
     */
    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        return MetaLayout.PROCEDURES.resultSet(procedures.procedures(catalog, schemaPattern, procedureNamePattern),
                stringLength, "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "SPECIFIC_NAME");
    }

    /** Parameters of the procedures {@link #getProcedures} lists, in call order. */
    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
                                         String columnNamePattern) throws SQLException {
        List<Object[]> rows = procedures.columns(catalog, schemaPattern, procedureNamePattern, columnNamePattern);
        return MetaLayout.PROCEDURE_COLUMNS.resultSet(rows, stringLength, "PROCEDURE_CAT", "PROCEDURE_SCHEM",
                "PROCEDURE_NAME", "SPECIFIC_NAME", "ORDINAL_POSITION");
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        return empty(MetaLayout.UDTS);
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
            throws SQLException {
        return empty(MetaLayout.SUPER_TYPES);
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return empty(MetaLayout.SUPER_TABLES);
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
                                   String attributeNamePattern) throws SQLException {
        return empty(MetaLayout.ATTRIBUTES);
    }

    /** Client info set on the connection stays in the driver and reaches no server, so none is listed. */
    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return empty(MetaLayout.CLIENT_INFO_PROPERTIES);
    }

    private ResultSet empty(MetaLayout layout) throws SQLException {
        return layout.resultSet(List.of(), stringLength);
    }

    // ---- Wrapper

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface != null && iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "not a wrapper for "
                + (iface == null ? "null" : iface.getName()));
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface != null && iface.isInstance(this);
    }
}
