package dev.sluice.dao.delta;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource over one Driver instance and URL (never DriverManager: two drivers accept jdbc:databricks). */
final class DriverDataSource implements DataSource {

    private final Driver driver;
    private final String url;

    DriverDataSource(Driver driver, String url) {
        this.driver = driver;
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = driver.connect(url, new Properties());
        if (c == null) {
            throw new SQLException("driver refused " + url);
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
