package dev.sluice.testing.sea;

import java.util.Objects;

/**
 * The {@code status.error} (and optional {@code status.sql_state}) of a FAILED statement. Immutable.
 *
 * <p>{@link #of} writes the message the way Databricks does, {@code [ERROR_CLASS] text SQLSTATE: xxxxx},
 * which is where clients find the SQLSTATE when {@code sql_state} is absent (protocol.md §1.4).
 */
public final class SqlError {

    private final String errorCode;
    private final String message;
    private final String sqlState;

    private SqlError(String errorCode, String message, String sqlState) {
        this.errorCode = errorCode;
        this.message = Objects.requireNonNull(message, "message is null");
        this.sqlState = sqlState;
    }

    /**
     * An error with message {@code [errorClass] text SQLSTATE: sqlState}, {@code error_code} BAD_REQUEST and
     * {@code sql_state} set to the same SQLSTATE. Example:
     * {@code SqlError.of("TABLE_OR_VIEW_NOT_FOUND", "The table or view `t` cannot be found.", "42P01")}.
     */
    public static SqlError of(String errorClass, String text, String sqlState) {
        Objects.requireNonNull(errorClass, "errorClass is null");
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(sqlState, "sqlState is null");
        return new SqlError("BAD_REQUEST", "[" + errorClass + "] " + text + " SQLSTATE: " + sqlState, sqlState);
    }

    /** An error with exactly this {@code error_code} (null to omit) and message, and no {@code sql_state}. */
    public static SqlError raw(String errorCode, String message) {
        return new SqlError(errorCode, message, null);
    }

    /** The same error with another {@code error_code} (null omits it), e.g. {@code INTERNAL_ERROR}. */
    public SqlError withErrorCode(String code) {
        return new SqlError(code, message, sqlState);
    }

    /** The same error with {@code status.sql_state} set, or omitted when null. */
    public SqlError withSqlStateField(String state) {
        return new SqlError(errorCode, message, state);
    }

    /** The same error without the {@code status.sql_state} field, as in the 2024 recordings. */
    public SqlError withoutSqlStateField() {
        return new SqlError(errorCode, message, null);
    }

    /** {@code error.error_code}, or null when omitted. */
    public String errorCode() {
        return errorCode;
    }

    /** {@code error.message}. */
    public String message() {
        return message;
    }

    /** {@code status.sql_state}, or null when omitted. */
    public String sqlState() {
        return sqlState;
    }

    @Override
    public String toString() {
        return errorCode + ": " + message;
    }
}
