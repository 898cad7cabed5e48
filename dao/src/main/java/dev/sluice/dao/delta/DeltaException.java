package dev.sluice.dao.delta;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The base of the Delta error taxonomy. It keeps the server's SQLSTATE, vendor code and error class (the
 * {@code [CLASS]} the message started with), and the server's exception as its cause.
 */
public abstract class DeltaException extends SQLException {

    private static final long serialVersionUID = 1L;

    private final String errorClass;

    protected DeltaException(String message, String sqlState, int vendorCode, String errorClass, Throwable cause) {
        super(message, sqlState, vendorCode, cause);
        this.errorClass = errorClass;
    }

    /** The server's error class, e.g. {@code DELTA_VERSION_NOT_FOUND}; empty when the error was found here. */
    public Optional<String> errorClass() {
        return Optional.ofNullable(errorClass);
    }

    /** The kind, as {@link DeltaErrors#kind(SQLException)} would name it. */
    public abstract DeltaErrorKind kind();
}
