package dev.sluice.jdbc.internal.error;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * The one place that turns an SQLSTATE into a JDBC 4 exception subclass, so that pools and frameworks
 * that dispatch on the subclass (Spring) or on the state class (HikariCP) see consistent answers.
 */
public final class Errors {
    private Errors() {
    }

    public static SQLException of(SqlState state, String message) {
        return of(state.code(), message, null);
    }

    public static SQLException of(SqlState state, String message, Throwable cause) {
        return of(state.code(), message, cause);
    }

    /**
     * Builds the exception for a five-character state (the driver's own or the server's).
     *
     * @param state the SQLSTATE; null or malformed becomes HY000
     */
    public static SQLException of(String state, String message, Throwable cause) {
        String s = state == null || state.length() != 5 ? SqlState.GENERAL_ERROR.code() : state;
        SQLException e = build(s, message);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** A failure that may succeed when tried again (rate limits and unavailability after retries). */
    public static SQLException transientFailure(String state, String message, Throwable cause) {
        SQLException e = state != null && state.startsWith("08")
                ? new SQLTransientConnectionException(message, state)
                : new SQLTransientException(message, state == null ? SqlState.GENERAL_ERROR.code() : state);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Shorthand for 0A000 naming the method or feature. */
    public static SQLFeatureNotSupportedException notSupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    private static SQLException build(String state, String message) {
        String stateClass = state.substring(0, 2);
        switch (stateClass) {
            case "08":
                // 08S01 (link failure) may succeed on a new attempt; the others mean this connection is gone.
                return "08S01".equals(state)
                        ? new SQLTransientConnectionException(message, state)
                        : new SQLNonTransientConnectionException(message, state);
            case "0A":
                return new SQLFeatureNotSupportedException(message, state);
            case "22":
                return new SQLDataException(message, state);
            case "23":
                return new SQLIntegrityConstraintViolationException(message, state);
            case "28":
                return new SQLInvalidAuthorizationSpecException(message, state);
            case "40":
                return new SQLTransactionRollbackException(message, state);
            case "42":
                return new SQLSyntaxErrorException(message, state);
            case "HY":
                if (state.startsWith("HYT")) {
                    return new SQLTimeoutException(message, state);
                }
                return new SQLException(message, state);
            case "07":
            case "21":
            case "24":
            case "25":
            case "57":
                return new SQLNonTransientException(message, state);
            default:
                return new SQLException(message, state);
        }
    }
}
