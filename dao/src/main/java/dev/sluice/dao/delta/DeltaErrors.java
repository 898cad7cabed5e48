package dev.sluice.dao.delta;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Delta error taxonomy for any {@link SQLException}: {@link #kind(SQLException)} classifies one thrown by plain
 * JDBC code (with Sluice or another driver), {@link #translate(SQLException)} turns it into the typed exception the
 * DAO throws. Classification reads the error class in the message ({@code [DELTA_VERSION_NOT_FOUND] ...}, also
 * when a driver wraps the server's text in its own) and falls back on the SQLSTATE.
 */
public final class DeltaErrors {

    private static final Pattern ERROR_CLASS = Pattern.compile("\\[([A-Z][A-Z0-9_]*(?:\\.[A-Z0-9_]+)*)\\]");
    private static final Pattern SQLSTATE_IN_TEXT = Pattern.compile("SQLSTATE: ([0-9A-Z]{5})");
    private static final Pattern AVAILABLE = Pattern.compile("Available versions: \\[(\\d+), (\\d+)\\]");

    private static final List<String> TABLE_NOT_FOUND = List.of("TABLE_OR_VIEW_NOT_FOUND", "DELTA_TABLE_NOT_FOUND",
            "DELTA_MISSING_DELTA_TABLE", "TABLE_NOT_FOUND", "SCHEMA_NOT_FOUND", "NO_SUCH_CATALOG_EXCEPTION",
            "CATALOG_NOT_FOUND", "DELTA_TABLE_NOT_FOUND_STREAMING");
    private static final List<String> VERSION_NOT_FOUND = List.of("DELTA_VERSION_NOT_FOUND",
            "DELTA_TIMESTAMP_GREATER_THAN_COMMIT", "DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
            "DELTA_NO_COMMITS_FOUND", "DELTA_CANNOT_RESTORE_TABLE_VERSION", "DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER",
            "DELTA_CANNOT_RESTORE_TIMESTAMP_EARLIER");
    private static final List<String> CONCURRENT = List.of("DELTA_CONCURRENT_", "DELTA_METADATA_CHANGED",
            "DELTA_PROTOCOL_CHANGED");
    private static final List<String> CONSTRAINT = List.of("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
            "DELTA_NOT_NULL_CONSTRAINT_VIOLATED", "DELTA_VIOLATE_TABLE_PROPERTY_VALIDATION_FAILED",
            "DELTA_NEW_CHECK_CONSTRAINT_VIOLATION", "DELTA_NEW_NOT_NULL_VIOLATION", "CHECK_CONSTRAINT_VIOLATION",
            "NOT_NULL_CONSTRAINT_VIOLATION", "DELTA_MISSING_NOT_NULL_COLUMN_VALUE");
    private static final List<String> SCHEMA = List.of("DELTA_FAILED_TO_MERGE_FIELDS", "DELTA_CANNOT_CHANGE_DATA_TYPE",
            "DELTA_MERGE_INCOMPATIBLE_DATATYPE", "DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE", "DELTA_SCHEMA_CHANGED",
            "DELTA_UNSUPPORTED_RENAME_COLUMN", "DELTA_UNSUPPORTED_DROP_COLUMN", "DELTA_METADATA_MISMATCH",
            "DELTA_ALTER_TABLE_CHANGE_COL_NOT_SUPPORTED", "CANNOT_UP_CAST_DATATYPE", "DELTA_COLUMN_NOT_FOUND_IN_MERGE",
            "DELTA_UPDATE_SCHEMA_MISMATCH_EXPRESSION", "INCOMPATIBLE_DATA_FOR_TABLE", "INSERT_COLUMN_ARITY_MISMATCH",
            "DELTA_INSERT_COLUMN_ARITY_MISMATCH", "DELTA_CANNOT_RENAME_PATH", "DELTA_COLUMN_MAPPING",
            "DELTA_UNSUPPORTED_TYPE_CHANGE", "DELTA_TYPE_WIDENING", "DELTA_DUPLICATE_COLUMNS_FOUND",
            "DELTA_CANNOT_RESOLVE_COLUMN", "DELTA_MISSING_COLUMN", "DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP",
            "DELTA_GENERATED_COLUMNS_DATA_TYPE_MISMATCH", "DELTA_CAST_OVERFLOW_IN_TABLE_WRITE");
    private static final String RETENTION = "DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT";

    private DeltaErrors() {
    }

    /** The kind of any SQLException; {@link DeltaErrorKind#OTHER} when it is none of the taxonomy's. */
    public static DeltaErrorKind kind(SQLException e) {
        if (e instanceof DeltaException d) {
            return d.kind();
        }
        String errorClass = errorClass(e).orElse("");
        String state = sqlState(e);
        if (matches(errorClass, TABLE_NOT_FOUND) || errorClass.isEmpty() && "42P01".equals(state)) {
            return DeltaErrorKind.TABLE_NOT_FOUND;
        }
        if (matches(errorClass, VERSION_NOT_FOUND)) {
            return DeltaErrorKind.VERSION_NOT_FOUND;
        }
        if (matches(errorClass, CONCURRENT) || errorClass.isEmpty() && "2D521".equals(state)) {
            return DeltaErrorKind.CONCURRENT_MODIFICATION;
        }
        if (errorClass.equals(RETENTION)) {
            return DeltaErrorKind.VACUUM_RETENTION_TOO_SHORT;
        }
        if (matches(errorClass, CONSTRAINT) || errorClass.isEmpty() && state != null && state.startsWith("23")) {
            return DeltaErrorKind.CONSTRAINT_VIOLATION;
        }
        if (matches(errorClass, SCHEMA)) {
            return DeltaErrorKind.SCHEMA_EVOLUTION_CONFLICT;
        }
        return DeltaErrorKind.OTHER;
    }

    /**
     * The typed exception for {@code e} (with {@code e} as its cause, the same SQLSTATE and vendor code), or
     * {@code e} itself when it is of no kind of the taxonomy or already typed.
     */
    public static SQLException translate(SQLException e) {
        if (e instanceof DeltaException) {
            return e;
        }
        DeltaErrorKind kind = kind(e);
        String message = e.getMessage();
        String state = sqlState(e);
        int code = e.getErrorCode();
        String errorClass = errorClass(e).orElse(null);
        switch (kind) {
            case TABLE_NOT_FOUND:
                return new TableNotFound(message, state, code, errorClass, e);
            case SCHEMA_EVOLUTION_CONFLICT:
                return new SchemaEvolutionConflict(message, state, code, errorClass, e);
            case CONCURRENT_MODIFICATION:
                return new ConcurrentModification(message, state, code, errorClass, e);
            case CONSTRAINT_VIOLATION:
                return new ConstraintViolation(message, state, code, errorClass, e);
            case VACUUM_RETENTION_TOO_SHORT:
                return new VacuumRetentionTooShort(message, state, code, errorClass, e, null, null);
            case VERSION_NOT_FOUND: {
                Matcher m = AVAILABLE.matcher(message == null ? "" : message);
                Long earliest = null;
                Long latest = null;
                if (m.find()) {
                    earliest = Long.parseLong(m.group(1));
                    latest = Long.parseLong(m.group(2));
                }
                return new VersionNotFound(message, state, code, errorClass, e, earliest, latest);
            }
            default:
                return e;
        }
    }

    /** The error class named in the exception's message (or its causes'), e.g. {@code DELTA_VERSION_NOT_FOUND}. */
    public static Optional<String> errorClass(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                Matcher matcher = ERROR_CLASS.matcher(m);
                while (matcher.find()) {
                    String c = matcher.group(1);
                    // the official driver prefixes its own bracketed tags ("[Databricks][JDBCDriver](500051)")
                    if (c.contains("_") || c.contains(".")) {
                        return Optional.of(c);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String sqlState(SQLException e) {
        String s = e.getSQLState();
        if (s != null && !s.isEmpty() && !s.equals("HY000")) {
            return s;
        }
        Matcher m = SQLSTATE_IN_TEXT.matcher(e.getMessage() == null ? "" : e.getMessage());
        return m.find() ? m.group(1) : s;
    }

    private static boolean matches(String errorClass, List<String> names) {
        if (errorClass.isEmpty()) {
            return false;
        }
        for (String n : names) {
            if (n.endsWith("_") ? errorClass.startsWith(n) : errorClass.equals(n) || errorClass.startsWith(n + ".")
                    || errorClass.startsWith(n + "_")) {
                return true;
            }
        }
        return false;
    }

    /** 22023: a bad argument, naming it. */
    static SQLException invalid(String message) {
        return new SQLDataException(message, "22023");
    }

    static VacuumRetentionTooShort retentionTooShort(String table, Duration requested, Duration minimum) {
        return new VacuumRetentionTooShort("VACUUM " + table + " RETAIN " + hours(requested)
                + " is under the table's minimum retention of " + hours(minimum)
                + " (delta.deletedFileRetentionDuration): files still needed by readers or time travel could be"
                + " deleted. Ask for at least " + hours(minimum) + ", or use allowShortRetention() for this one"
                + " statement.", "22003", 0, null, null, requested, minimum);
    }

    static SchemaEvolutionConflict schemaConflict(String message) {
        return new SchemaEvolutionConflict(message, "429BQ", 0, null, null);
    }

    static String hours(Duration d) {
        long h = d.toHours();
        return d.equals(Duration.ofHours(h)) ? h + " hours" : d.toString();
    }
}
