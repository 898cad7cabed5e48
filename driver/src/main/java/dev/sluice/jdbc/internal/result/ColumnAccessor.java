package dev.sluice.jdbc.internal.result;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;

/**
 * Reads one column of the current batch. Subclasses exist per wire representation (one per Arrow
 * vector type, one per JSON column type) and override the getters their representation answers
 * natively; every other getter converts through {@link #getObject(int)} with the checked rules of
 * {@link Conversions}.
 *
 * <p>Contract: the result set calls {@link #isNull(int)} first and calls a getter only for a non-null
 * row, so getters never see nulls and primitive getters never box.
 */
public abstract class ColumnAccessor {

    /** True when the value in {@code row} is SQL NULL. */
    public abstract boolean isNull(int row);

    /**
     * The value as the JDBC default Java object of the column's type: Boolean, Byte, Short, Integer, Long,
     * Float, Double, BigDecimal, String, byte[], java.sql.Date, java.sql.Timestamp, java.sql.Array,
     * java.sql.Struct, java.util.Map, or String for INTERVAL and VARIANT.
     */
    public abstract Object getObject(int row) throws SQLException;

    public boolean getBoolean(int row) throws SQLException {
        return Conversions.toBoolean(getObject(row));
    }

    public byte getByte(int row) throws SQLException {
        return (byte) Conversions.toLong(getObject(row), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    public short getShort(int row) throws SQLException {
        return (short) Conversions.toLong(getObject(row), Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    public int getInt(int row) throws SQLException {
        return (int) Conversions.toLong(getObject(row), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    public long getLong(int row) throws SQLException {
        return Conversions.toLong(getObject(row), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    public float getFloat(int row) throws SQLException {
        return Conversions.toFloat(getObject(row));
    }

    public double getDouble(int row) throws SQLException {
        return Conversions.toDouble(getObject(row));
    }

    public BigDecimal getBigDecimal(int row) throws SQLException {
        return Conversions.toBigDecimal(getObject(row));
    }

    public String getString(int row) throws SQLException {
        return Conversions.toString(getObject(row));
    }

    public byte[] getBytes(int row) throws SQLException {
        return Conversions.toBytes(getObject(row));
    }

    public LocalDate getLocalDate(int row) throws SQLException {
        return Conversions.toLocalDate(getObject(row));
    }

    public LocalTime getLocalTime(int row) throws SQLException {
        return getLocalDateTime(row).toLocalTime();
    }

    /**
     * The wall-clock value. For TIMESTAMP (an instant) this is the instant in the session time zone;
     * for TIMESTAMP_NTZ the stored value itself.
     */
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        return Conversions.toLocalDateTime(getObject(row));
    }

    /**
     * The instant. For TIMESTAMP the stored instant; for TIMESTAMP_NTZ and DATE the wall-clock value
     * read in {@code zoneForLocal}.
     */
    public Instant getInstant(int row, ZoneId zoneForLocal) throws SQLException {
        if (isInstant()) {
            Object o = getObject(row);
            if (o instanceof Timestamp) {
                return ((Timestamp) o).toInstant();
            }
        }
        // A wall-clock Timestamp (TIMESTAMP_NTZ) was built in the JVM zone; read its wall clock instead.
        return getLocalDateTime(row).atZone(zoneForLocal).toInstant();
    }

    /**
     * {@code ResultSet.getArray}: the ARRAY value as a {@link java.sql.Array} even when complex values are
     * read as JSON text ({@link ResultOptions#complexTypesAsObjects()} false); 07006 for other types.
     */
    public java.sql.Array getArray(int row) throws SQLException {
        Object o = getObject(row);
        if (o instanceof java.sql.Array) {
            return (java.sql.Array) o;
        }
        throw Errors.of(SqlState.RESTRICTED_DATA_TYPE_VIOLATION,
                "cannot convert " + Conversions.describe(o) + " to java.sql.Array");
    }

    /** The zone that TIMESTAMP values are shown in; null for columns that carry no instant. */
    public ZoneId sessionZone() {
        return null;
    }

    /** True when values are instants (TIMESTAMP), false for wall-clock types (TIMESTAMP_NTZ, DATE). */
    public boolean isInstant() {
        return false;
    }

    public java.sql.Date getDate(int row, Calendar cal) throws SQLException {
        LocalDate d = getLocalDate(row);
        if (cal == null) {
            return java.sql.Date.valueOf(d);
        }
        return new java.sql.Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    public Time getTime(int row, Calendar cal) throws SQLException {
        if (isInstant()) {
            Instant i = getInstant(row, ZoneId.systemDefault());
            return new Time(i.toEpochMilli());
        }
        LocalTime t = getLocalTime(row);
        if (cal == null) {
            return Time.valueOf(t);
        }
        return new Time(t.atDate(LocalDate.EPOCH).atZone(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    public Timestamp getTimestamp(int row, Calendar cal) throws SQLException {
        if (isInstant()) {
            return Timestamp.from(getInstant(row, ZoneId.systemDefault()));
        }
        LocalDateTime ldt = getLocalDateTime(row);
        if (cal == null) {
            return Timestamp.valueOf(ldt);
        }
        return Timestamp.from(ldt.atZone(cal.getTimeZone().toZoneId()).toInstant());
    }

    /** {@code ResultSet.getObject(int, Class)}: the java.time types, boxed primitives and JDBC types. */
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        Object v;
        if (type == String.class) {
            v = getString(row);
        } else if (type == Long.class || type == long.class) {
            v = getLong(row);
        } else if (type == Integer.class || type == int.class) {
            v = getInt(row);
        } else if (type == Short.class || type == short.class) {
            v = getShort(row);
        } else if (type == Byte.class || type == byte.class) {
            v = getByte(row);
        } else if (type == Boolean.class || type == boolean.class) {
            v = getBoolean(row);
        } else if (type == Double.class || type == double.class) {
            v = getDouble(row);
        } else if (type == Float.class || type == float.class) {
            v = getFloat(row);
        } else if (type == BigDecimal.class) {
            v = getBigDecimal(row);
        } else if (type == BigInteger.class) {
            v = getBigDecimal(row).toBigInteger();
        } else if (type == byte[].class) {
            v = getBytes(row);
        } else if (type == LocalDate.class) {
            v = getLocalDate(row);
        } else if (type == LocalTime.class) {
            v = getLocalTime(row);
        } else if (type == LocalDateTime.class) {
            v = getLocalDateTime(row);
        } else if (type == Instant.class) {
            v = getInstant(row, ZoneOffset.UTC);
        } else if (type == OffsetDateTime.class || type == ZonedDateTime.class) {
            ZoneId zone = sessionZone() != null ? sessionZone() : ZoneOffset.UTC;
            ZonedDateTime z = isInstant()
                    ? getInstant(row, zone).atZone(zone)
                    : getLocalDateTime(row).atZone(zone);
            v = type == OffsetDateTime.class ? z.toOffsetDateTime() : z;
        } else if (type == java.sql.Date.class) {
            v = getDate(row, null);
        } else if (type == Time.class) {
            v = getTime(row, null);
        } else if (type == Timestamp.class) {
            v = getTimestamp(row, null);
        } else if (type == java.util.Date.class) {
            v = new java.util.Date(getTimestamp(row, null).getTime());
        } else {
            Object o = getObject(row);
            if (type == Object.class || type.isInstance(o)) {
                return (T) o;
            }
            throw Errors.of(SqlState.RESTRICTED_DATA_TYPE_VIOLATION,
                    "cannot convert a " + Conversions.describe(o) + " value to " + type.getName());
        }
        return (T) v;
    }
}
