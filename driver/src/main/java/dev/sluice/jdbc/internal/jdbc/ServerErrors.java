package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.ServerError;
import dev.sluice.jdbc.internal.auth.AuthenticationException;
import dev.sluice.jdbc.internal.client.ApiException;
import dev.sluice.jdbc.internal.client.ResponseTimeoutException;
import dev.sluice.jdbc.internal.client.StatementGoneException;
import dev.sluice.jdbc.internal.client.StatementStatus;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.resilience.CircuitOpenException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the server or the network said into SQLExceptions: the server's SQLSTATE and error class
 * are kept; HTTP failures map per protocol §7; class 08 is used only when the connection is unusable.
 */
final class ServerErrors {
    private static final Pattern SQLSTATE = Pattern.compile("SQLSTATE:\\s*([0-9A-Z]{5})");
    private static final Pattern ERROR_CLASS = Pattern.compile("^\\s*\\[([A-Z0-9_.]+)]");

    private ServerErrors() {
    }

    /** A FAILED statement: HTTP 200 with status.error. */
    static SQLException failed(StatementStatus status, String statementId) {
        String message = status.message() == null ? "the statement failed" : status.message().strip();
        String state = status.sqlState();
        if (state == null || state.length() != 5) {
            Matcher m = SQLSTATE.matcher(message);
            state = m.find() ? m.group(1) : stateForErrorCode(status.errorCode());
        }
        Matcher c = ERROR_CLASS.matcher(message);
        String errorClass = c.find() ? c.group(1) : null;
        ServerError detail = new ServerError(message, errorClass, status.errorCode(), 0, statementId);
        return Errors.of(state, message, detail);
    }

    /**
     * A failed HTTP exchange.
     *
     * @param what what the driver was doing, e.g. "create a session"
     * @param connecting true while opening the connection, where an unreachable server is 08001
     */
    static SQLException from(IOException e, String what, boolean connecting) {
        if (e instanceof StatementGoneException) {
            return Errors.of(SqlState.INVALID_CURSOR_STATE, "could not " + what + ": the server no longer knows"
                    + " the statement (its result expired or it was closed)", e);
        }
        if (e instanceof ApiException) {
            return fromApi((ApiException) e, what, connecting);
        }
        if (e instanceof CircuitOpenException) {
            return circuitOpen((CircuitOpenException) e, what, connecting);
        }
        if (e instanceof AuthenticationException) {
            return Errors.of(SqlState.INVALID_AUTHORIZATION, "could not " + what + ": " + e.getMessage(), e);
        }
        String message = "could not " + what + ": " + describe(e);
        if (e instanceof java.io.InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
            // the application interrupted its own thread: a cancel it asked for, not a failure of the server
            return Errors.of(SqlState.OPERATION_CANCELED, message + " (the thread was interrupted)", e);
        }
        if (e instanceof ResponseTimeoutException || e instanceof HttpTimeoutException) {
            return Errors.of(SqlState.TIMEOUT, message + " (network timeout)", e);
        }
        if (connecting) {
            return Errors.of(SqlState.UNABLE_TO_CONNECT, message, e);
        }
        // each request travels alone: the session survives a failed exchange, so this is not class 08
        return Errors.transientFailure(SqlState.IO_ERROR.code(), message, e);
    }

    /**
     * An open circuit breaker: {@link SQLTransientConnectionException}, because the workspace cannot be reached now
     * and may be later. On an open connection its SQLState is 58030 (I/O error), deliberately not class 08: pools
     * such as HikariCP evict a connection on class 08, but the connection's session is intact on the server and the
     * breaker refuses calls on every connection to the host alike, so evicting would only throw away healthy
     * sessions, leak them on the server (their DELETE fails fast too) and make the pool storm the workspace with new
     * sessions the moment the breaker lets calls through again. While connecting there is no connection to evict,
     * and 08001 (cannot connect) says exactly what happened.
     */
    private static SQLException circuitOpen(CircuitOpenException e, String what, boolean connecting) {
        return new SQLTransientConnectionException("could not " + what + ": " + e.getMessage(),
                connecting ? SqlState.UNABLE_TO_CONNECT.code() : SqlState.IO_ERROR.code(), e);
    }

    private static SQLException fromApi(ApiException e, String what, boolean connecting) {
        int status = e.httpStatus();
        String code = e.errorCode();
        // {"error_code": 403} says no more than the status, and would read "HTTP 403 403"
        String message = "could not " + what + ": HTTP " + status
                + (code == null || code.equals(String.valueOf(status)) ? "" : " " + code) + (e.serverMessage() == null ? "" : ": " + e.serverMessage());
        ServerError detail = new ServerError(message, null, code, status, null);
        String state;
        switch (status) {
            case 400:
                state = "INVALID_PARAMETER_VALUE".equals(code) ? SqlState.INVALID_PARAMETER_VALUE.code()
                        : SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code();
                break;
            case 401:
                state = SqlState.INVALID_AUTHORIZATION.code();
                break;
            case 403:
                state = "PERMISSION_DENIED".equals(code) ? SqlState.INSUFFICIENT_PRIVILEGE.code()
                        : SqlState.INVALID_AUTHORIZATION.code();
                break;
            case 404:
                // the warehouse or the session is gone: this connection cannot be used again
                state = connecting ? SqlState.UNABLE_TO_CONNECT.code() : SqlState.CONNECTION_FAILURE.code();
                break;
            case 409:
                state = SqlState.SERIALIZATION_FAILURE.code();
                break;
            case 429:
                return Errors.transientFailure(connecting ? SqlState.SERVER_REJECTED_CONNECTION.code()
                        : SqlState.INSUFFICIENT_RESOURCES.code(), message + " (rate limited: the server still answered"
                        + " 429 after the RateLimited retries; see RateLimitRetryAttempts and RateLimitRetryTimeout)",
                        detail);
            case 503:
                return Errors.transientFailure(SqlState.GENERAL_ERROR.code(), message, detail);
            case 504:
                state = SqlState.TIMEOUT.code();
                break;
            default:
                state = status >= 500 ? SqlState.SYSTEM_ERROR.code() : SqlState.GENERAL_ERROR.code();
                break;
        }
        return Errors.of(state, message, detail);
    }

    /** The server's error class carried by an exception this class built, or null. */
    static String errorClassOf(SQLException e) {
        Throwable cause = e.getCause();
        return cause instanceof ServerError ? ((ServerError) cause).errorClass().orElse(null) : null;
    }

    private static String stateForErrorCode(String errorCode) {
        if (errorCode == null) {
            return SqlState.GENERAL_ERROR.code();
        }
        switch (errorCode.toUpperCase(Locale.ROOT)) {
            case "BAD_REQUEST":
            case "INVALID_PARAMETER_VALUE":
                return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code();
            case "NOT_FOUND":
            case "RESOURCE_DOES_NOT_EXIST":
                return SqlState.UNDEFINED_TABLE.code();
            case "PERMISSION_DENIED":
                return SqlState.INSUFFICIENT_PRIVILEGE.code();
            case "UNAUTHENTICATED":
                return SqlState.INVALID_AUTHORIZATION.code();
            case "ABORTED":
                return SqlState.SERIALIZATION_FAILURE.code();
            case "DEADLINE_EXCEEDED":
                return SqlState.TIMEOUT.code();
            case "CANCELLED":
                return SqlState.QUERY_CANCELED.code();
            default:
                return SqlState.GENERAL_ERROR.code();
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }
}
