package dev.sluice.dao.delta;

import java.sql.SQLException;

/**
 * A failure while a read's stream is consumed (streams cannot throw checked exceptions); {@link #getCause()} is
 * the SQLException, of the Delta taxonomy's types when it is one.
 */
public final class DeltaReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeltaReadException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
