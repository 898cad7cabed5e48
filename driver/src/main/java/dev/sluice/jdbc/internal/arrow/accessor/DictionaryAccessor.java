package dev.sluice.jdbc.internal.arrow.accessor;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Calendar;

/**
 * Dictionary-encoded Arrow vectors: an integer index vector into the values of a dictionary batch.
 * Every getter reads the dictionary value the row's index names; indices were checked against the
 * dictionary's length when the batch was read.
 */
public final class DictionaryAccessor extends ArrowAccessor {
    private final byte[] indices;
    private final int offset;
    private final int width;
    private final boolean signed;
    private final ArrowAccessor values;

    /**
     * @param width index width in bytes: 1, 2, 4 or 8
     * @param signed whether indices are signed integers
     */
    public DictionaryAccessor(ArrowBuffer validity, ArrowBuffer indices, int width, boolean signed,
                              ArrowAccessor values) {
        super(validity, values.sqlType());
        this.indices = indices.array();
        this.offset = indices.offset();
        this.width = width;
        this.signed = signed;
        this.values = values;
    }

    /** The index stored for {@code row}; unsigned 64-bit indices above Long.MAX_VALUE come out negative. */
    public static long index(byte[] b, int offset, int width, boolean signed, int row) {
        switch (width) {
            case 1:
                return signed ? b[offset + row] : b[offset + row] & 0xFFL;
            case 2:
                short s = LittleEndian.getShort(b, offset + row * 2);
                return signed ? s : s & 0xFFFFL;
            case 4:
                int i = LittleEndian.getInt(b, offset + row * 4);
                return signed ? i : i & 0xFFFF_FFFFL;
            default:
                return LittleEndian.getLong(b, offset + row * 8);
        }
    }

    private int at(int row) {
        return (int) index(indices, offset, width, signed, row);
    }

    @Override
    public boolean isNull(int row) {
        return super.isNull(row) || values.isNull(at(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return values.getObject(at(row));
    }

    @Override
    public Object getNestedObject(int row) throws SQLException {
        return values.getNestedObject(at(row));
    }

    @Override
    public void appendJson(int row, StringBuilder out) throws SQLException {
        values.appendJson(at(row), out);
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        return values.getBoolean(at(row));
    }

    @Override
    public byte getByte(int row) throws SQLException {
        return values.getByte(at(row));
    }

    @Override
    public short getShort(int row) throws SQLException {
        return values.getShort(at(row));
    }

    @Override
    public int getInt(int row) throws SQLException {
        return values.getInt(at(row));
    }

    @Override
    public long getLong(int row) throws SQLException {
        return values.getLong(at(row));
    }

    @Override
    public float getFloat(int row) throws SQLException {
        return values.getFloat(at(row));
    }

    @Override
    public double getDouble(int row) throws SQLException {
        return values.getDouble(at(row));
    }

    @Override
    public BigDecimal getBigDecimal(int row) throws SQLException {
        return values.getBigDecimal(at(row));
    }

    @Override
    public String getString(int row) throws SQLException {
        return values.getString(at(row));
    }

    @Override
    public byte[] getBytes(int row) throws SQLException {
        return values.getBytes(at(row));
    }

    @Override
    public LocalDate getLocalDate(int row) throws SQLException {
        return values.getLocalDate(at(row));
    }

    @Override
    public LocalTime getLocalTime(int row) throws SQLException {
        return values.getLocalTime(at(row));
    }

    @Override
    public LocalDateTime getLocalDateTime(int row) throws SQLException {
        return values.getLocalDateTime(at(row));
    }

    @Override
    public Instant getInstant(int row, ZoneId zoneForLocal) throws SQLException {
        return values.getInstant(at(row), zoneForLocal);
    }

    @Override
    public ZoneId sessionZone() {
        return values.sessionZone();
    }

    @Override
    public boolean isInstant() {
        return values.isInstant();
    }

    @Override
    public java.sql.Date getDate(int row, Calendar cal) throws SQLException {
        return values.getDate(at(row), cal);
    }

    @Override
    public Time getTime(int row, Calendar cal) throws SQLException {
        return values.getTime(at(row), cal);
    }

    @Override
    public Timestamp getTimestamp(int row, Calendar cal) throws SQLException {
        return values.getTimestamp(at(row), cal);
    }

    @Override
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        return values.getObject(at(row), type);
    }

    @Override
    public Array getArray(int row) throws SQLException {
        return values.getArray(at(row));
    }
}
