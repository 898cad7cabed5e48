package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.types.SqlType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Converts the text of one JSON_ARRAY value (every value is a JSON string) to the Java object of its SQL
 * type, with the driver's checked rules: bad numbers 22018, bad datetimes 22007, values outside the
 * type 22003. Shared by the JSON column accessors, by complex values parsed from JSON text and by map
 * keys (which JSON can only write as text).
 */
public final class JsonScalars {
    private JsonScalars() {
    }

    /** The {@code getObject} value of {@code text} read as {@code type}. */
    public static Object convert(String text, SqlType type, ZoneId sessionZone) throws SQLException {
        switch (type.kind()) {
            case BOOLEAN:
                return Conversions.toBoolean(text);
            case TINYINT:
                return (byte) Conversions.toLong(text, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
            case SMALLINT:
                return (short) Conversions.toLong(text, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
            case INT:
                return (int) Conversions.toLong(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "INT");
            case BIGINT:
                return Conversions.toLong(text, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
            case FLOAT:
                return parseFloat(text);
            case DOUBLE:
                return parseDouble(text);
            case DECIMAL:
                return decimal(text, type.scale());
            case BINARY:
                return base64(text);
            case DATE:
                return java.sql.Date.valueOf(date(text));
            case TIME:
                return Time.valueOf(time(text));
            case TIMESTAMP:
                return Timestamp.from(offsetDateTime(text, sessionZone).toInstant());
            case TIMESTAMP_NTZ:
                return Timestamp.valueOf(Conversions.parseLocalDateTime(text));
            case VOID:
                return null;
            default:
                return text;
        }
    }

    public static float parseFloat(String text) throws SQLException {
        try {
            return Float.parseFloat(text.trim());
        } catch (NumberFormatException e) {
            throw Conversions.cannotConvert(text, "float", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST);
        }
    }

    public static double parseDouble(String text) throws SQLException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw Conversions.cannotConvert(text, "double", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST);
        }
    }

    /** A DECIMAL at the column's scale when the text has fewer fraction digits, as Arrow would deliver it. */
    public static BigDecimal decimal(String text, int scale) throws SQLException {
        BigDecimal d = Conversions.toBigDecimal(text);
        if (scale > d.scale()) {
            d = d.setScale(scale);
        }
        return d;
    }

    /** BINARY values arrive as base64 text (the official driver's reading of JSON_ARRAY binary). */
    public static byte[] base64(String text) throws SQLException {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw Conversions.cannotConvert(text, "BINARY (base64)", SqlState.INVALID_CHARACTER_VALUE_FOR_CAST);
        }
    }

    public static LocalDate date(String text) throws SQLException {
        return Conversions.toLocalDate(text);
    }

    public static LocalTime time(String text) throws SQLException {
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw Conversions.cannotConvert(text, "time", SqlState.INVALID_DATETIME_FORMAT);
        }
    }

    /**
     * A TIMESTAMP's text ({@code 2021-06-15T12:34:56.789-07:00}, the server's session offset included):
     * the offset is kept; text without one is read in {@code zoneIfNone}.
     */
    public static OffsetDateTime offsetDateTime(String text, ZoneId zoneIfNone) throws SQLException {
        String s = text.trim().replace(' ', 'T');
        try {
            if (hasOffset(s)) {
                return OffsetDateTime.parse(s);
            }
            LocalDateTime local = s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
            return local.atZone(zoneIfNone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw Conversions.cannotConvert(text, "timestamp", SqlState.INVALID_DATETIME_FORMAT);
        }
    }

    private static boolean hasOffset(String s) {
        if (s.endsWith("Z")) {
            return true;
        }
        int t = s.indexOf('T');
        return t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
    }
}
