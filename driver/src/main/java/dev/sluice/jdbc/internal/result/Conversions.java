package dev.sluice.jdbc.internal.result;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Checked conversions between the Java values of columns, following the JDBC getter table. Nothing
 * narrows silently: a value that does not fit is SQLDataException 22003, text that is not a number or
 * a date is 22018 / 22007, and every message names the offending value.
 */
public final class Conversions {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int MAX_SHOWN = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Conversions() {
    }

    public static boolean toBoolean(Object o) throws SQLException {
        if (o instanceof Boolean) {
            return (Boolean) o;
        }
        if (o instanceof Number) {
            if (o instanceof BigDecimal) {
                return ((BigDecimal) o).signum() != 0;
            }
            return ((Number) o).doubleValue() != 0;
        }
        if (o instanceof String) {
            String s = ((String) o).trim();
            if (s.equalsIgnoreCase("true") || s.equals("1")) {
                return true;
            }
            if (s.equalsIgnoreCase("false") || s.equals("0")) {
                return false;
            }
        }
        throw cannotConvert(o, "boolean", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST);
    }

    /** Integral conversion with a range check; fractions are truncated toward zero as in a cast. */
    public static long toLong(Object o, long min, long max, String target) throws SQLException {
        long v;
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            v = ((Number) o).longValue();
        } else if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || d < -9.223372036854775808E18 || d >= 9.223372036854775808E18) {
                throw outOfRange(o, target);
            }
            v = (long) d;
        } else if (o instanceof BigDecimal) {
            v = bigIntegerToLong(((BigDecimal) o).toBigInteger(), o, target);
        } else if (o instanceof BigInteger) {
            v = bigIntegerToLong((BigInteger) o, o, target);
        } else if (o instanceof Boolean) {
            v = (Boolean) o ? 1 : 0;
        } else if (o instanceof String) {
            v = parseLong((String) o, target);
        } else {
            throw cannotConvert(o, target, SqlState.RESTRICTED_DATA_TYPE_VIOLATION);
        }
        if (v < min || v > max) {
            throw outOfRange(o, target);
        }
        return v;
    }

    /**
     * A double truncated toward zero, as a cast does, checked against {@code [min, max]}; NaN and infinities
     * are out of range. No boxing unless it fails.
     */
    public static long truncate(double d, long min, long max, String target) throws SQLException {
        double t = d < 0 ? Math.ceil(d) : Math.floor(d);
        boolean aboveMin = t >= (double) min;
        // (double) Long.MAX_VALUE rounds up to 2^63, which is already out of range.
        boolean belowMax = max == Long.MAX_VALUE ? t < 9.223372036854775808E18 : t <= (double) max;
        if (!aboveMin || !belowMax) {
            throw outOfRange(d, target);
        }
        return (long) t;
    }

    /** {@code v} narrowed to a byte; 22003 when it does not fit. */
    public static byte toByte(long v) throws SQLException {
        if ((byte) v != v) {
            throw outOfRange(v, "byte");
        }
        return (byte) v;
    }

    /** {@code v} narrowed to a short; 22003 when it does not fit. */
    public static short toShort(long v) throws SQLException {
        if ((short) v != v) {
            throw outOfRange(v, "short");
        }
        return (short) v;
    }

    /** {@code v} narrowed to an int; 22003 when it does not fit. */
    public static int toInt(long v) throws SQLException {
        if ((int) v != v) {
            throw outOfRange(v, "int");
        }
        return (int) v;
    }

    private static long parseLong(String s, String target) throws SQLException {
        String t = s.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            try {
                return bigIntegerToLong(new BigDecimal(t).toBigInteger(), s, target);
            } catch (NumberFormatException e2) {
                throw cannotConvert(s, target, SqlState.INVALID_CHARACTER_VALUE_FOR_CAST);
            }
        }
    }

    private static long bigIntegerToLong(BigInteger b, Object original, String target) throws SQLException {
        if (b.compareTo(LONG_MIN) < 0 || b.compareTo(LONG_MAX) > 0) {
            throw outOfRange(original, target);
        }
        return b.longValue();
    }

    public static double toDouble(Object o) throws SQLException {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? 1 : 0;
        }
        if (o instanceof String) {
            try {
                return Double.parseDouble(((String) o).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(o, "double", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST);
            }
        }
        throw cannotConvert(o, "double", SqlState.RESTRICTED_DATA_TYPE_VIOLATION);
    }

    public static float toFloat(Object o) throws SQLException {
        double d = toDouble(o);
        if (!Double.isNaN(d) && !Double.isInfinite(d) && Math.abs(d) > Float.MAX_VALUE) {
            throw outOfRange(o, "float");
        }
        return (float) d;
    }

    public static BigDecimal toBigDecimal(Object o) throws SQLException {
        if (o instanceof BigDecimal) {
            return (BigDecimal) o;
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return BigDecimal.valueOf(((Number) o).longValue());
        }
        if (o instanceof BigInteger) {
            return new BigDecimal((BigInteger) o);
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw outOfRange(o, "BigDecimal");
            }
            return BigDecimal.valueOf(d);
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (o instanceof String) {
            try {
                return new BigDecimal(((String) o).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(o, "BigDecimal", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST);
            }
        }
        throw cannotConvert(o, "BigDecimal", SqlState.RESTRICTED_DATA_TYPE_VIOLATION);
    }

    /** {@code getBigDecimal(int, int scale)}: rounding half-up, as other drivers do. */
    public static BigDecimal withScale(BigDecimal d, int scale) {
        return d.setScale(scale, RoundingMode.HALF_UP);
    }

    public static String toString(Object o) throws SQLException {
        if (o instanceof byte[]) {
            return hex((byte[]) o);
        }
        if (o instanceof BigDecimal) {
            return ((BigDecimal) o).toPlainString();
        }
        return String.valueOf(o);
    }

    public static byte[] toBytes(Object o) throws SQLException {
        if (o instanceof byte[]) {
            return (byte[]) o;
        }
        if (o instanceof String) {
            return ((String) o).getBytes(StandardCharsets.UTF_8);
        }
        throw cannotConvert(o, "byte[]", SqlState.RESTRICTED_DATA_TYPE_VIOLATION);
    }

    public static LocalDate toLocalDate(Object o) throws SQLException {
        if (o instanceof java.sql.Date) {
            return ((java.sql.Date) o).toLocalDate();
        }
        if (o instanceof Timestamp) {
            return ((Timestamp) o).toLocalDateTime().toLocalDate();
        }
        if (o instanceof LocalDate) {
            return (LocalDate) o;
        }
        if (o instanceof LocalDateTime) {
            return ((LocalDateTime) o).toLocalDate();
        }
        if (o instanceof String) {
            String s = ((String) o).trim();
            try {
                return s.length() > 10 ? toLocalDateTime(s).toLocalDate() : LocalDate.parse(s);
            } catch (DateTimeParseException | SQLException e) {
                throw cannotConvert(o, "date", SqlState.INVALID_DATETIME_FORMAT);
            }
        }
        throw cannotConvert(o, "date", SqlState.RESTRICTED_DATA_TYPE_VIOLATION);
    }

    public static LocalDateTime toLocalDateTime(Object o) throws SQLException {
        if (o instanceof Timestamp) {
            return ((Timestamp) o).toLocalDateTime();
        }
        if (o instanceof java.sql.Date) {
            return ((java.sql.Date) o).toLocalDate().atStartOfDay();
        }
        if (o instanceof LocalDateTime) {
            return (LocalDateTime) o;
        }
        if (o instanceof LocalDate) {
            return ((LocalDate) o).atStartOfDay();
        }
        if (o instanceof String) {
            return parseLocalDateTime((String) o);
        }
        throw cannotConvert(o, "timestamp", SqlState.RESTRICTED_DATA_TYPE_VIOLATION);
    }

    /**
     * Parses the timestamp spellings the server and users write: ISO with 'T' or a space, optional
     * fraction, optional offset (an offset is dropped: the wall-clock value is kept).
     */
    public static LocalDateTime parseLocalDateTime(String text) throws SQLException {
        String s = text.trim().replace(' ', 'T');
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay();
            }
            if (hasOffset(s)) {
                return OffsetDateTime.parse(s).toLocalDateTime();
            }
            return LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw cannotConvert(text, "timestamp", SqlState.INVALID_DATETIME_FORMAT);
        }
    }

    /** Parses an ISO timestamp with an offset; without one it is read in UTC. */
    public static OffsetDateTime parseOffsetDateTime(String text) throws SQLException {
        String s = text.trim().replace(' ', 'T');
        try {
            if (hasOffset(s)) {
                return OffsetDateTime.parse(s);
            }
            return LocalDateTime.parse(s).atOffset(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw cannotConvert(text, "timestamp", SqlState.INVALID_DATETIME_FORMAT);
        }
    }

    private static boolean hasOffset(String s) {
        if (s.endsWith("Z")) {
            return true;
        }
        int t = s.indexOf('T');
        if (t < 0) {
            return false;
        }
        return s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0;
    }

    public static String hex(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[b[i] & 0xF];
        }
        return new String(out);
    }

    /** A short description of a value for error messages: its type and a bounded rendering. */
    public static String describe(Object o) {
        if (o == null) {
            return "NULL";
        }
        String shown = o instanceof byte[] ? "0x" + hex((byte[]) o) : String.valueOf(o);
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "...";
        }
        return o.getClass().getSimpleName() + " '" + shown + "'";
    }

    public static SQLException outOfRange(Object value, String target) {
        return Errors.of(SqlState.NUMERIC_OUT_OF_RANGE,
                "value " + describe(value) + " is out of range for " + target);
    }

    public static SQLException cannotConvert(Object value, String target, SqlState state) {
        return Errors.of(state, "cannot convert " + describe(value) + " to " + target);
    }
}
