package dev.sluice.jdbc;

import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.config.JdbcUrl;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.jdbc.SluiceConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Sluice JDBC driver. Accepts the official Databricks URL form
 * {@code jdbc:databricks://host[:port][/schema];httpPath=/sql/1.0/warehouses/<id>;AuthMech=3;UID=token;PWD=<token>}
 * and speaks the SQL Statement Execution API. Registered with {@link DriverManager} through
 * {@code META-INF/services/java.sql.Driver} and when this class is loaded.
 */
public final class SluiceDriver implements java.sql.Driver {
    static {
        try {
            DriverManager.registerDriver(new SluiceDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Returns null for URLs of other drivers, as {@link java.sql.Driver#connect} requires.
     *
     * @throws SQLException 08001 for a null URL (as {@code DriverManager.getConnection(null)} does), 22023 for a
     *     malformed one
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (url == null) {
            throw Errors.of(SqlState.UNABLE_TO_CONNECT, "cannot connect: the JDBC URL is null");
        }
        if (!acceptsURL(url)) {
            return null;
        }
        ConnectionConfig config = ConnectionConfig.of(JdbcUrl.parse(url), info);
        return SluiceConnection.open(config, url);
    }

    @Override
    public boolean acceptsURL(String url) {
        return JdbcUrl.accepts(url);
    }

    /**
     * Every property with its current value (secrets shown as set or not, never their value), description,
     * whether it is required and its choices.
     */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        ConnectionConfig config = acceptsURL(url) ? ConnectionConfig.of(JdbcUrl.parse(url), info) : null;
        List<DriverPropertyInfo> out = new ArrayList<>();
        for (ConnectionProperty p : ConnectionProperty.values()) {
            String value = config == null ? p.defaultValue() : p.get(config);
            if (p.isSecret() && value != null) {
                value = "<set>";
            }
            DriverPropertyInfo d = new DriverPropertyInfo(p.propertyName(), value);
            d.description = p.description();
            d.required = p.required();
            d.choices = p.choices();
            out.add(d);
        }
        return out.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return Version.MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return Version.MINOR;
    }

    /** Not JDBC compliant in the strict sense: there are no transactions to roll back. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Sluice logs through SLF4J, not java.util.logging", "0A000");
    }
}
