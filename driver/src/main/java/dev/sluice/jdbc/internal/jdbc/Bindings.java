package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.Conversions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.UUID;

/**
 * Turns Java values into the (type, text) pairs of statement parameters. The server casts the text to
 * the type with CAST semantics, so the text must be what CAST reads: plain decimals, ISO dates, and
 * timestamps with their offset so that the instant survives whatever the session time zone is.
 */
final class Bindings {
    /** Decimal precision Databricks supports. */
    private static final int MAX_PRECISION = 38;
    private static final DateTimeFormatter LOCAL_TS = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter();
    private static final DateTimeFormatter OFFSET_TS = new DateTimeFormatterBuilder()
            .append(LOCAL_TS).appendOffset("+HH:MM", "+00:00").toFormatter();

    /** One bound value; {@code value} null is SQL NULL. */
    record Binding(String type, String value) {
    }

    private Bindings() {
    }

    static Binding ofNull(int sqlType) throws SQLException {
        return new Binding(typeFor(sqlType), null);
    }

    static Binding ofBoolean(boolean v) {
        return new Binding("BOOLEAN", v ? "true" : "false");
    }

    static Binding ofLong(String type, long v) {
        return new Binding(type, Long.toString(v));
    }

    static Binding ofFloat(float v) {
        return new Binding("FLOAT", Float.toString(v));
    }

    static Binding ofDouble(double v) {
        return new Binding("DOUBLE", Double.toString(v));
    }

    static Binding ofDecimal(BigDecimal v) throws SQLException {
        int scale = Math.max(0, v.scale());
        BigDecimal d = v.scale() < 0 ? v.setScale(0) : v;
        int precision = Math.max(d.precision(), scale);
        if (precision > MAX_PRECISION) {
            throw Errors.of(SqlState.NUMERIC_OUT_OF_RANGE, "decimal " + Conversions.describe(v)
                    + " needs precision " + precision + "; Databricks allows at most " + MAX_PRECISION);
        }
        return new Binding("DECIMAL(" + Math.max(1, precision) + "," + scale + ")", d.toPlainString());
    }

    static Binding ofString(String v) {
        return new Binding("STRING", v);
    }

    /**
     * BINARY travels as text that the server casts to bytes, so only bytes that are UTF-8 text survive
     * the trip; anything else is refused rather than altered.
     */
    static Binding ofBytes(byte[] v) throws SQLException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(v)).toString();
            return new Binding("BINARY", text);
        } catch (CharacterCodingException e) {
            throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "a BINARY parameter of " + v.length
                    + " bytes is not UTF-8 text, and the Statement Execution API carries parameter values as text;"
                    + " bind its hex with setString and write unhex(?) in the SQL");
        }
    }

    static Binding ofDate(LocalDate d) {
        return new Binding("DATE", d.toString());
    }

    static Binding ofDate(java.sql.Date d, Calendar cal) {
        if (cal == null) {
            return ofDate(d.toLocalDate());
        }
        return ofDate(Instant.ofEpochMilli(d.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate());
    }

    /** Databricks has no TIME type: a time of day travels as its text. */
    static Binding ofTime(LocalTime t) {
        return new Binding("STRING", t.toString());
    }

    static Binding ofTime(Time t, Calendar cal) {
        if (cal == null) {
            return ofTime(t.toLocalTime());
        }
        return ofTime(Instant.ofEpochMilli(t.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalTime());
    }

    /** An instant, written with its offset in {@code zone} so the server keeps the instant. */
    static Binding ofInstant(Instant i, ZoneId zone) {
        return new Binding("TIMESTAMP", OFFSET_TS.format(i.atZone(zone)));
    }

    static Binding ofTimestamp(Timestamp ts, Calendar cal) {
        ZoneId zone = cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
        return ofInstant(ts.toInstant(), zone);
    }

    /** A wall-clock value without zone: TIMESTAMP_NTZ. */
    static Binding ofLocalDateTime(LocalDateTime t) {
        return new Binding("TIMESTAMP_NTZ", LOCAL_TS.format(t));
    }

    /** {@code setObject(i, x)}: the type follows the Java class. */
    static Binding ofObject(Object x) throws SQLException {
        if (x == null) {
            return new Binding("VOID", null);
        }
        if (x instanceof String) {
            return ofString((String) x);
        }
        if (x instanceof Integer) {
            return ofLong("INT", (Integer) x);
        }
        if (x instanceof Long) {
            return ofLong("BIGINT", (Long) x);
        }
        if (x instanceof Short) {
            return ofLong("SMALLINT", (Short) x);
        }
        if (x instanceof Byte) {
            return ofLong("TINYINT", (Byte) x);
        }
        if (x instanceof Boolean) {
            return ofBoolean((Boolean) x);
        }
        if (x instanceof Double) {
            return ofDouble((Double) x);
        }
        if (x instanceof Float) {
            return ofFloat((Float) x);
        }
        if (x instanceof BigDecimal) {
            return ofDecimal((BigDecimal) x);
        }
        if (x instanceof BigInteger) {
            return ofDecimal(new BigDecimal((BigInteger) x));
        }
        if (x instanceof byte[]) {
            return ofBytes((byte[]) x);
        }
        return ofTemporalOrText(x);
    }

    private static Binding ofTemporalOrText(Object x) throws SQLException {
        if (x instanceof java.sql.Date) {
            return ofDate(((java.sql.Date) x).toLocalDate());
        }
        if (x instanceof Time) {
            return ofTime(((Time) x).toLocalTime());
        }
        if (x instanceof Timestamp) {
            return ofTimestamp((Timestamp) x, null);
        }
        if (x instanceof java.util.Date) {
            return ofInstant(((java.util.Date) x).toInstant(), ZoneId.systemDefault());
        }
        if (x instanceof LocalDate) {
            return ofDate((LocalDate) x);
        }
        if (x instanceof LocalDateTime) {
            return ofLocalDateTime((LocalDateTime) x);
        }
        if (x instanceof LocalTime) {
            return ofTime((LocalTime) x);
        }
        if (x instanceof OffsetDateTime) {
            OffsetDateTime o = (OffsetDateTime) x;
            return ofInstant(o.toInstant(), o.getOffset());
        }
        if (x instanceof ZonedDateTime) {
            ZonedDateTime z = (ZonedDateTime) x;
            return ofInstant(z.toInstant(), z.getZone());
        }
        if (x instanceof Instant) {
            return ofInstant((Instant) x, java.time.ZoneOffset.UTC);
        }
        if (x instanceof Character || x instanceof UUID || x instanceof Enum || x instanceof java.net.URL) {
            return ofString(x instanceof Enum ? ((Enum<?>) x).name() : x.toString());
        }
        throw Errors.of(SqlState.RESTRICTED_DATA_TYPE_VIOLATION, "cannot bind a value of class "
                + x.getClass().getName() + "; bind it as a String, number, date/time or byte[]");
    }

    /** {@code setObject(i, x, targetSqlType[, scale])}: the type follows the target. */
    static Binding ofObject(Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        if (x == null) {
            return ofNull(targetSqlType);
        }
        switch (targetSqlType) {
            case Types.BIT:
            case Types.BOOLEAN:
                return ofBoolean(Conversions.toBoolean(x));
            case Types.TINYINT:
                return ofLong("TINYINT", Conversions.toLong(x, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT"));
            case Types.SMALLINT:
                return ofLong("SMALLINT", Conversions.toLong(x, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT"));
            case Types.INTEGER:
                return ofLong("INT", Conversions.toLong(x, Integer.MIN_VALUE, Integer.MAX_VALUE, "INT"));
            case Types.BIGINT:
                return ofLong("BIGINT", Conversions.toLong(x, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT"));
            case Types.REAL:
                return ofFloat(Conversions.toFloat(x));
            case Types.FLOAT:
            case Types.DOUBLE:
                return ofDouble(Conversions.toDouble(x));
            case Types.NUMERIC:
            case Types.DECIMAL:
                BigDecimal d = Conversions.toBigDecimal(x);
                return ofDecimal(scaleOrLength > 0 ? Conversions.withScale(d, scaleOrLength) : d);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
                return ofString(x instanceof byte[] ? new String((byte[]) x, StandardCharsets.UTF_8)
                        : Conversions.toString(x));
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return ofBytes(Conversions.toBytes(x));
            case Types.DATE:
                return ofDate(Conversions.toLocalDate(x));
            case Types.TIMESTAMP:
                if (x instanceof java.util.Date || x instanceof Instant || x instanceof OffsetDateTime
                        || x instanceof ZonedDateTime) {
                    return ofObject(x);
                }
                // a wall-clock value: the server reads it in the session time zone
                return new Binding("TIMESTAMP", LOCAL_TS.format(Conversions.toLocalDateTime(x)));
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return x instanceof String ? new Binding("TIMESTAMP",
                        OFFSET_TS.format(Conversions.parseOffsetDateTime((String) x))) : ofObject(x);
            default:
                return new Binding(typeFor(targetSqlType), Conversions.toString(x));
        }
    }

    /** The Databricks type named in the request for a java.sql.Types code. */
    static String typeFor(int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.BIT:
            case Types.BOOLEAN:
                return "BOOLEAN";
            case Types.TINYINT:
                return "TINYINT";
            case Types.SMALLINT:
                return "SMALLINT";
            case Types.INTEGER:
                return "INT";
            case Types.BIGINT:
                return "BIGINT";
            case Types.REAL:
                return "FLOAT";
            case Types.FLOAT:
            case Types.DOUBLE:
                return "DOUBLE";
            case Types.NUMERIC:
            case Types.DECIMAL:
                return "DECIMAL(38,18)";
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
            case Types.TIME:
            case Types.TIME_WITH_TIMEZONE:
                return "STRING";
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return "BINARY";
            case Types.DATE:
                return "DATE";
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return "TIMESTAMP";
            case Types.NULL:
            case Types.OTHER:
            case Types.JAVA_OBJECT:
                return "VOID";
            default:
                throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "parameters of java.sql.Types " + sqlType
                        + " cannot be bound through the Statement Execution API");
        }
    }
}
