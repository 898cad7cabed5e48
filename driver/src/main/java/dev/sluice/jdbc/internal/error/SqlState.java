package dev.sluice.jdbc.internal.error;

/**
 * The SQLSTATE values the driver raises itself. Server-sent SQLSTATEs are kept verbatim and never
 * mapped onto this enum; {@link Errors} picks the JDBC 4 subclass from the two-character class of
 * whichever state applies.
 */
public enum SqlState {
    /** 01000: a warning with no more specific state. */
    WARNING("01000"),
    /** 01S02: an option value was changed to one the driver supports (a cursor type, a concurrency). */
    OPTION_VALUE_CHANGED("01S02"),
    /** 07001: wrong number of parameters bound. */
    WRONG_PARAMETER_COUNT("07001"),
    /** 07006: a value cannot be converted to the requested type. */
    RESTRICTED_DATA_TYPE_VIOLATION("07006"),
    /** 07009: a column or parameter index outside the valid range. */
    INVALID_DESCRIPTOR_INDEX("07009"),
    /** 08001: the client could not establish a connection. */
    UNABLE_TO_CONNECT("08001"),
    /** 08003: the connection is closed. */
    CONNECTION_DOES_NOT_EXIST("08003"),
    /**
     * 08004: the server rejected the connection. Used when the workspace still refused to open a session (429) after
     * the RateLimited retries: there is no connection yet, so no pool evicts anything for it.
     */
    SERVER_REJECTED_CONNECTION("08004"),
    /** 08006: the connection failed while in use. */
    CONNECTION_FAILURE("08006"),
    /** 08S01: communication link failure. */
    COMMUNICATION_LINK_FAILURE("08S01"),
    /** 0A000: a feature the driver or server does not support. */
    FEATURE_NOT_SUPPORTED("0A000"),
    /** 21000: a scalar subquery returned more than one row. */
    CARDINALITY_VIOLATION("21000"),
    /** 22001: string data right truncation. */
    STRING_TRUNCATION("22001"),
    /** 22003: numeric value out of range. */
    NUMERIC_OUT_OF_RANGE("22003"),
    /** 22007: invalid datetime format. */
    INVALID_DATETIME_FORMAT("22007"),
    /** 22018: invalid character value for cast. */
    INVALID_CHARACTER_VALUE_FOR_CAST("22018"),
    /** 22023: invalid parameter value (a bad connection property or argument). */
    INVALID_PARAMETER_VALUE("22023"),
    /** 22000: data exception with no more specific state. */
    DATA_EXCEPTION("22000"),
    /** 23000: integrity constraint violation. */
    INTEGRITY_CONSTRAINT_VIOLATION("23000"),
    /** 24000: invalid cursor state (result set closed, before first row, after last). */
    INVALID_CURSOR_STATE("24000"),
    /** 25000: invalid transaction state. */
    INVALID_TRANSACTION_STATE("25000"),
    /** 25006: read-only SQL transaction; a dry run refusing to run a writing query. */
    READ_ONLY_SQL_TRANSACTION("25006"),
    /** 28000: invalid authorization specification. */
    INVALID_AUTHORIZATION("28000"),
    /** 40001: serialization failure, e.g. a concurrent Delta commit. */
    SERIALIZATION_FAILURE("40001"),
    /** 42000: syntax error or access rule violation. */
    SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000"),
    /** 42501: insufficient privilege. */
    INSUFFICIENT_PRIVILEGE("42501"),
    /** 42601: syntax error. */
    SYNTAX_ERROR("42601"),
    /** 42883: no routine (function or procedure) of that name. */
    UNDEFINED_FUNCTION("42883"),
    /** 42P01: the table or view does not exist. */
    UNDEFINED_TABLE("42P01"),
    /**
     * 53000: insufficient resources. A request on an open connection that the server still rate-limited (429) after
     * the RateLimited retries: transient, and deliberately not class 08 (the session is intact).
     */
    INSUFFICIENT_RESOURCES("53000"),
    /** 57014: the statement was cancelled. */
    QUERY_CANCELED("57014"),
    /** HY000: a general error. */
    GENERAL_ERROR("HY000"),
    /** HY008: the operation was cancelled. */
    OPERATION_CANCELED("HY008"),
    /** HY010: a method was called out of sequence. */
    FUNCTION_SEQUENCE_ERROR("HY010"),
    /** HY024: invalid attribute value (e.g. a negative fetch size). */
    INVALID_ATTRIBUTE_VALUE("HY024"),
    /** HYT00: a timeout expired. */
    TIMEOUT("HYT00"),
    /** 58000: a system error on the server side. */
    SYSTEM_ERROR("58000"),
    /**
     * 58030: an I/O error. Used for a failed HTTP exchange on an open connection: each request travels on
     * its own, so the session is still usable and a pool must not evict it as it would for class 08.
     */
    IO_ERROR("58030");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    /** The five-character SQLSTATE. */
    public String code() {
        return code;
    }
}
