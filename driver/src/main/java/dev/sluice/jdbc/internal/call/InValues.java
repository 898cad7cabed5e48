package dev.sluice.jdbc.internal.call;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.Conversions;
import java.math.BigDecimal;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Converts an IN value, given as the (type, text) pair every bound parameter and literal becomes, to the Java
 * class of the parameter's declared JDBC type. The rules are CAST's: numeric text is read as a number, but a
 * fraction never becomes an integer and a boolean never becomes a number.
 */
final class InValues {
    private InValues() {
    }

    /**
     * @param parameter names the parameter in the message, e.g. {@code parameter 'limit' of sluice.delta_history}
     * @throws SQLException 22023 naming the parameter, the value and the declared type
     */
    static Object convert(String parameter, JDBCType target, String type, String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            Object value = convert(target, type, text.strip(), text);
            if (value != null) {
                return value;
            }
        } catch (SQLException | RuntimeException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, parameter + " is " + target.getName() + "; "
                    + describe(type, text) + " cannot be converted to it", e);
        }
        throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, parameter + " is " + target.getName() + "; "
                + describe(type, text) + " cannot be converted to it");
    }

    private static Object convert(JDBCType target, String type, String text, String raw) throws SQLException {
        boolean isBoolean = "BOOLEAN".equals(type);
        switch (target) {
            case VARCHAR:
            case CHAR:
            case LONGVARCHAR:
            case NVARCHAR:
                return raw;
            case BIGINT:
                return isBoolean ? null : new BigDecimal(text).longValueExact();
            case INTEGER:
                return isBoolean ? null : new BigDecimal(text).intValueExact();
            case DOUBLE:
                return isBoolean ? null : Double.valueOf(text);
            case DECIMAL:
            case NUMERIC:
                return isBoolean ? null : new BigDecimal(text);
            case BOOLEAN:
                return bool(text);
            case TIMESTAMP:
                return timestamp(type, text);
            case DATE:
                return java.sql.Date.valueOf(Conversions.toLocalDate(text));
            default:
                throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "parameters of type " + target.getName()
                        + " are not supported by built-in procedures");
        }
    }

    private static Boolean bool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
                return Boolean.TRUE;
            case "false":
            case "0":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** A TIMESTAMP with an offset keeps its instant; one without is wall-clock time in the JVM's zone. */
    private static Timestamp timestamp(String type, String text) throws SQLException {
        if ("DATE".equals(type) || text.length() == 10) {
            return Timestamp.valueOf(LocalDate.parse(text).atStartOfDay());
        }
        if ("TIMESTAMP".equals(type) && hasOffset(text)) {
            return Timestamp.from(Conversions.parseOffsetDateTime(text).toInstant());
        }
        return Timestamp.valueOf(Conversions.parseLocalDateTime(text));
    }

    private static boolean hasOffset(String s) {
        int t = Math.max(s.indexOf('T'), s.indexOf(' '));
        if (t < 0) {
            return false;
        }
        String time = s.substring(t + 1);
        return time.endsWith("Z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    private static String describe(String type, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "the " + type + " value '" + shown + "'";
    }
}
