package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.Conversions;
import dev.sluice.jdbc.internal.result.RowBatch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * A forward-only, read-only cursor over the batches of one result. Getters go straight to the column
 * accessor of the current batch: no per-row objects, no boxing for primitives.
 */
public final class SluiceResultSet extends ReadOnlyResultSet {
    private final SluiceStatement statement;
    private final ResultColumns columns;
    private final BatchSource source;
    private final long maxRows;
    private final Release onClose;
    /** TimestampAsWallClock: a TIMESTAMP (instant) is handed out as its session wall clock in the JVM's zone. */
    private final boolean wallClockTimestamps;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile SQLWarning warnings;
    private volatile LongConsumer rowsObserver;

    private RowBatch batch;
    /** A batch read ahead by isLast(), consumed by the next call of next(). */
    private RowBatch pending;
    private int row = -1;
    private long rowNumber;
    private boolean afterLast;
    private boolean wasNull;
    private int fetchSize;
    private Map<String, Integer> labels;

    /**
     * @param statement the statement that produced it, or null for metadata results
     * @param maxRows the cap set by setMaxRows, 0 for none
     * @param onClose releases the result on the server; run once, when the last row has been read or the
     *     result set closes, whichever comes first
     */
    SluiceResultSet(SluiceStatement statement, ResultColumns columns, BatchSource source, long maxRows,
                    Release onClose) {
        this.statement = statement;
        this.columns = columns;
        this.source = source;
        this.maxRows = maxRows;
        this.onClose = onClose;
        this.wallClockTimestamps = statement != null && statement.connection.settings().timestampsAsWallClock();
    }

    /** A result held wholly in memory, for metadata and driver-made results. */
    static SluiceResultSet inMemory(SluiceStatement statement, ResultColumns columns, RowBatch batch) {
        return new SluiceResultSet(statement, columns, BatchSource.of(batch), 0, readToEnd -> { });
    }

    /** Frees a result on the server, told whether its last row was read (nothing more will be fetched). */
    interface Release {
        void release(boolean readToEnd);
    }

    void addWarning(SQLWarning w) {
        SQLWarning head = warnings;
        if (head == null) {
            warnings = w;
        } else {
            head.setNextWarning(w);
        }
    }

    @Override
    void checkOpen() throws SQLException {
        if (closed.get()) {
            if (statement != null && statement.connection.isClosed()) {
                throw Errors.of(SqlState.CONNECTION_DOES_NOT_EXIST, "the result set's connection is closed");
            }
            throw Errors.of(SqlState.INVALID_CURSOR_STATE, "the result set is closed");
        }
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            return end();
        }
        row++;
        while (batch == null || row >= batch.rowCount()) {
            // let go of the finished batch before reading the next: it may hold its whole chunk's array, which
            // would otherwise share the heap with the next chunk's (at -Xmx64m an LZ4 chunk being decompressed
            // beside the previous one ran out of heap)
            batch = null;
            try {
                batch = pending != null ? pending : source.next();
            } catch (SQLException e) {
                throw closedDuringRead(e);
            }
            if (closed.get()) {
                throw closedDuringRead(null);
            }
            pending = null;
            row = 0;
            if (batch == null) {
                return end();
            }
        }
        rowNumber++;
        return true;
    }

    /**
     * A read that another thread's close() cut short fails the same way whatever the read was doing at the time:
     * 08003 when the connection was closed, 24000 when the result set (or its statement) was; any other failure is
     * returned as it is.
     */
    private SQLException closedDuringRead(SQLException failure) {
        if (!closed.get()) {
            return failure;
        }
        batch = null;
        SQLException e = statement != null && statement.connection.isClosed()
                ? Errors.of(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection was closed while next() was reading"
                        + " the result")
                : Errors.of(SqlState.INVALID_CURSOR_STATE, "the result set was closed while next() was reading it");
        if (failure != null) {
            e.initCause(failure);
        }
        return e;
    }

    private boolean end() {
        afterLast = true;
        batch = null;
        pending = null;
        row = -1;
        source.close();
        release(true);
        return false;
    }

    private void release(boolean readToEnd) {
        if (released.compareAndSet(false, true)) {
            onClose.release(readToEnd);
            LongConsumer observer = rowsObserver;
            if (observer != null) {
                observer.accept(rowNumber);
            }
        }
    }

    /** Told, once, how many rows were handed out when the result is read to its end or closed. */
    void onRowsDone(LongConsumer observer) {
        this.rowsObserver = observer;
    }

    @Override
    public void close() throws SQLException {
        if (closed.compareAndSet(false, true)) {
            batch = null;
            source.close();
            release(false);
            if (statement != null) {
                statement.resultClosed(this);
            }
        }
    }

    /** Closes without the statement callback, for a statement closing its own results. */
    void closeFromStatement() {
        if (closed.compareAndSet(false, true)) {
            batch = null;
            source.close();
            release(false);
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    private ColumnAccessor accessor(int column) throws SQLException {
        checkOpen();
        if (batch == null) {
            throw Errors.of(SqlState.INVALID_CURSOR_STATE, afterLast
                    ? "the cursor is after the last row" : "the cursor is before the first row; call next()");
        }
        if (column < 1 || column > columns.count()) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX,
                    "column index " + column + " is out of range 1.." + columns.count());
        }
        ColumnAccessor a = batch.column(column - 1);
        wasNull = a.isNull(row);
        return wasNull ? null : a;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public String getString(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? null : a.getString(row);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a != null && a.getBoolean(row);
    }

    @Override
    public byte getByte(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? 0 : a.getByte(row);
    }

    @Override
    public short getShort(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? 0 : a.getShort(row);
    }

    @Override
    public int getInt(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? 0 : a.getInt(row);
    }

    @Override
    public long getLong(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? 0 : a.getLong(row);
    }

    @Override
    public float getFloat(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? 0 : a.getFloat(row);
    }

    @Override
    public double getDouble(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? 0 : a.getDouble(row);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : Conversions.withScale(d, scale);
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? null : a.getBigDecimal(row);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? null : a.getBytes(row);
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return getDate(column, (Calendar) null);
    }

    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? null : a.getDate(row, cal);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return getTime(column, (Calendar) null);
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? null : a.getTime(row, cal);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return getTimestamp(column, (Calendar) null);
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        ColumnAccessor a = accessor(column);
        if (a == null) {
            return null;
        }
        if (wallClockTimestamps && a.isInstant()) {
            // the official driver's reading: the session's wall clock, relabelled in the JVM's (or cal's) zone
            LocalDateTime wallClock = a.getLocalDateTime(row);
            return cal == null ? Timestamp.valueOf(wallClock)
                    : Timestamp.from(wallClock.atZone(cal.getTimeZone().toZoneId()).toInstant());
        }
        return a.getTimestamp(row, cal);
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16BE));
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        if (a != null && wallClockTimestamps && a.isInstant()) {
            return getTimestamp(column, (Calendar) null);
        }
        return a == null ? null : a.getObject(row);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            checkOpen();
            throw Errors.notSupported("custom type maps");
        }
        return getObject(column);
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        if (type == null) {
            checkOpen();
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "type is null");
        }
        if (type == Timestamp.class && wallClockTimestamps) {
            return type.cast(getTimestamp(column, (Calendar) null));
        }
        ColumnAccessor a = accessor(column);
        return a == null ? null : a.getObject(row, type);
    }

    /** An ARRAY column as java.sql.Array, whether or not getObject returns complex values as JSON text. */
    @Override
    public Array getArray(int column) throws SQLException {
        ColumnAccessor a = accessor(column);
        return a == null ? null : a.getArray(row);
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : new javax.sql.rowset.serial.SerialBlob(b);
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new javax.sql.rowset.serial.SerialClob(s.toCharArray());
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        checkOpen();
        throw Errors.notSupported("getNClob");
    }

    @Override
    public URL getURL(int column) throws SQLException {
        String s = getString(column);
        try {
            return s == null ? null : new URL(s);
        } catch (MalformedURLException e) {
            throw Errors.of(SqlState.INVALID_CHARACTER_VALUE_FOR_CAST,
                    "column " + column + " does not hold a URL: " + Conversions.describe(s), e);
        }
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (label == null) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX, "column label is null");
        }
        if (labels == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = columns.count() - 1; i >= 0; i--) {
                m.put(columns.info(i).name().toLowerCase(Locale.ROOT), i + 1);
            }
            labels = m;
        }
        Integer i = labels.get(label.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX, "no column labelled '" + label + "' in the result");
        }
        return i;
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String label) throws SQLException {
        return getUnicodeStream(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getNCharacterStream(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getNString(findColumn(label));
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label), map);
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public Array getArray(String label) throws SQLException {
        return getArray(findColumn(label));
    }

    @Override
    public Blob getBlob(String label) throws SQLException {
        return getBlob(findColumn(label));
    }

    @Override
    public Clob getClob(String label) throws SQLException {
        return getClob(findColumn(label));
    }

    @Override
    public NClob getNClob(String label) throws SQLException {
        return getNClob(findColumn(label));
    }

    @Override
    public URL getURL(String label) throws SQLException {
        return getURL(findColumn(label));
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new SluiceResultSetMetaData(columns, source);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowNumber == 1 && !afterLast;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (batch == null) {
            return false;
        }
        if (row + 1 < batch.rowCount()) {
            return maxRows > 0 && rowNumber >= maxRows;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            return true;
        }
        while (pending == null) {
            RowBatch b = source.next();
            if (b == null) {
                return true;
            }
            if (b.rowCount() > 0) {
                pending = b;
            }
        }
        return false;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return afterLast || rowNumber > Integer.MAX_VALUE ? 0 : (int) rowNumber;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        Arguments.requireForwardFetch(direction);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        Arguments.requireNonNegative(rows, "fetch size");
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return Wrappers.isWrapperFor(this, iface);
    }
}
