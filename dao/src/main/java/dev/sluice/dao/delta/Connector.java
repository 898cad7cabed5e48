package dev.sluice.dao.delta;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Where connections come from: a DataSource (one connection per operation) or a connection the caller owns. */
interface Connector {

    Connection open() throws SQLException;

    void release(Connection c) throws SQLException;

    /** Whether connections are the caller's (and so outlive an operation). */
    default boolean callerOwned() {
        return false;
    }

    static Connector of(DataSource ds) {
        return new Connector() {
            @Override
            public Connection open() throws SQLException {
                return ds.getConnection();
            }

            @Override
            public void release(Connection c) throws SQLException {
                c.close();
            }
        };
    }

    static Connector of(Connection connection) {
        return new Connector() {
            @Override
            public Connection open() {
                return connection;
            }

            @Override
            public void release(Connection c) {
                // the caller's connection: theirs to close
            }

            @Override
            public boolean callerOwned() {
                return true;
            }
        };
    }
}
