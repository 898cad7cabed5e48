package dev.sluice.jdbc.internal.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The wide, mechanical part of {@link CallableStatement}: every setter by parameter name sets the JDBC index
 * the name stands for, and every getter reads the OUT values of the last execution, held as a one-row result
 * with one column per JDBC index, so OUT values convert exactly as result columns do.
 */
abstract class CallableAccess extends SluicePreparedStatement implements CallableStatement {

    CallableAccess(SluiceConnection connection, String sql) {
        super(connection, sql);
    }

    /**
     * The JDBC index a parameter name stands for.
     *
     * @throws SQLException 22023 when the name is not a parameter of the call
     */
    abstract int parameterIndex(String parameterName) throws SQLException;

    /**
     * The OUT values of the last execution, on their one row; column {@code index} holds parameter
     * {@code index}.
     *
     * @throws SQLException HY010 before an execution; 07009 when {@code index} was not registered as OUT
     */
    abstract ResultSet outValues(int index) throws SQLException;

    /** The result the last getter read from, for {@link #wasNull()}. */
    abstract ResultSet lastOutValues() throws SQLException;

    @Override
    public final boolean wasNull() throws SQLException {
        checkOpen();
        ResultSet r = lastOutValues();
        return r != null && r.wasNull();
    }

    // ---- setters by name

    @Override
    public final void setAsciiStream(String parameterName, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex(parameterName), x);
    }

    @Override
    public final void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
        setAsciiStream(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
        setBigDecimal(parameterIndex(parameterName), x);
    }

    @Override
    public final void setBinaryStream(String parameterName, InputStream x) throws SQLException {
        setBinaryStream(parameterIndex(parameterName), x);
    }

    @Override
    public final void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setBinaryStream(String parameterName, InputStream x, long length) throws SQLException {
        setBinaryStream(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setBlob(String parameterName, Blob x) throws SQLException {
        setBlob(parameterIndex(parameterName), x);
    }

    @Override
    public final void setBlob(String parameterName, InputStream x) throws SQLException {
        setBlob(parameterIndex(parameterName), x);
    }

    @Override
    public final void setBlob(String parameterName, InputStream x, long length) throws SQLException {
        setBlob(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setBoolean(String parameterName, boolean x) throws SQLException {
        setBoolean(parameterIndex(parameterName), x);
    }

    @Override
    public final void setByte(String parameterName, byte x) throws SQLException {
        setByte(parameterIndex(parameterName), x);
    }

    @Override
    public final void setBytes(String parameterName, byte[] x) throws SQLException {
        setBytes(parameterIndex(parameterName), x);
    }

    @Override
    public final void setCharacterStream(String parameterName, Reader x) throws SQLException {
        setCharacterStream(parameterIndex(parameterName), x);
    }

    @Override
    public final void setCharacterStream(String parameterName, Reader x, int length) throws SQLException {
        setCharacterStream(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setCharacterStream(String parameterName, Reader x, long length) throws SQLException {
        setCharacterStream(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setClob(String parameterName, Clob x) throws SQLException {
        setClob(parameterIndex(parameterName), x);
    }

    @Override
    public final void setClob(String parameterName, Reader x) throws SQLException {
        setClob(parameterIndex(parameterName), x);
    }

    @Override
    public final void setClob(String parameterName, Reader x, long length) throws SQLException {
        setClob(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setDate(String parameterName, Date x) throws SQLException {
        setDate(parameterIndex(parameterName), x);
    }

    @Override
    public final void setDate(String parameterName, Date x, Calendar cal) throws SQLException {
        setDate(parameterIndex(parameterName), x, cal);
    }

    @Override
    public final void setDouble(String parameterName, double x) throws SQLException {
        setDouble(parameterIndex(parameterName), x);
    }

    @Override
    public final void setFloat(String parameterName, float x) throws SQLException {
        setFloat(parameterIndex(parameterName), x);
    }

    @Override
    public final void setInt(String parameterName, int x) throws SQLException {
        setInt(parameterIndex(parameterName), x);
    }

    @Override
    public final void setLong(String parameterName, long length) throws SQLException {
        setLong(parameterIndex(parameterName), length);
    }

    @Override
    public final void setNCharacterStream(String parameterName, Reader x) throws SQLException {
        setNCharacterStream(parameterIndex(parameterName), x);
    }

    @Override
    public final void setNCharacterStream(String parameterName, Reader x, long length) throws SQLException {
        setNCharacterStream(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setNClob(String parameterName, NClob x) throws SQLException {
        setNClob(parameterIndex(parameterName), x);
    }

    @Override
    public final void setNClob(String parameterName, Reader x) throws SQLException {
        setNClob(parameterIndex(parameterName), x);
    }

    @Override
    public final void setNClob(String parameterName, Reader x, long length) throws SQLException {
        setNClob(parameterIndex(parameterName), x, length);
    }

    @Override
    public final void setNString(String parameterName, String x) throws SQLException {
        setNString(parameterIndex(parameterName), x);
    }

    @Override
    public final void setNull(String parameterName, int sqlType) throws SQLException {
        setNull(parameterIndex(parameterName), sqlType);
    }

    @Override
    public final void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
        setNull(parameterIndex(parameterName), sqlType, typeName);
    }

    @Override
    public final void setObject(String parameterName, Object x) throws SQLException {
        setObject(parameterIndex(parameterName), x);
    }

    @Override
    public final void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
        setObject(parameterIndex(parameterName), x, targetSqlType);
    }

    @Override
    public final void setObject(String parameterName, Object x, int targetSqlType, int scaleOrLength)
            throws SQLException {
        setObject(parameterIndex(parameterName), x, targetSqlType, scaleOrLength);
    }

    @Override
    public final void setRowId(String parameterName, RowId x) throws SQLException {
        setRowId(parameterIndex(parameterName), x);
    }

    @Override
    public final void setSQLXML(String parameterName, SQLXML x) throws SQLException {
        setSQLXML(parameterIndex(parameterName), x);
    }

    @Override
    public final void setShort(String parameterName, short x) throws SQLException {
        setShort(parameterIndex(parameterName), x);
    }

    @Override
    public final void setString(String parameterName, String x) throws SQLException {
        setString(parameterIndex(parameterName), x);
    }

    @Override
    public final void setTime(String parameterName, Time x) throws SQLException {
        setTime(parameterIndex(parameterName), x);
    }

    @Override
    public final void setTime(String parameterName, Time x, Calendar cal) throws SQLException {
        setTime(parameterIndex(parameterName), x, cal);
    }

    @Override
    public final void setTimestamp(String parameterName, Timestamp x) throws SQLException {
        setTimestamp(parameterIndex(parameterName), x);
    }

    @Override
    public final void setTimestamp(String parameterName, Timestamp x, Calendar cal) throws SQLException {
        setTimestamp(parameterIndex(parameterName), x, cal);
    }

    @Override
    public final void setURL(String parameterName, URL x) throws SQLException {
        setURL(parameterIndex(parameterName), x);
    }

    // ---- getters of OUT values

    @Override
    public final Array getArray(String parameterName) throws SQLException {
        return getArray(parameterIndex(parameterName));
    }

    @Override
    public final Array getArray(int index) throws SQLException {
        return outValues(index).getArray(index);
    }

    @Override
    public final BigDecimal getBigDecimal(String parameterName) throws SQLException {
        return getBigDecimal(parameterIndex(parameterName));
    }

    @Override
    public final BigDecimal getBigDecimal(int index) throws SQLException {
        return outValues(index).getBigDecimal(index);
    }

    @Override
    @Deprecated
    public final BigDecimal getBigDecimal(int index, int scale) throws SQLException {
        return outValues(index).getBigDecimal(index, scale);
    }

    @Override
    public final Blob getBlob(String parameterName) throws SQLException {
        return getBlob(parameterIndex(parameterName));
    }

    @Override
    public final Blob getBlob(int index) throws SQLException {
        return outValues(index).getBlob(index);
    }

    @Override
    public final boolean getBoolean(String parameterName) throws SQLException {
        return getBoolean(parameterIndex(parameterName));
    }

    @Override
    public final boolean getBoolean(int index) throws SQLException {
        return outValues(index).getBoolean(index);
    }

    @Override
    public final byte getByte(String parameterName) throws SQLException {
        return getByte(parameterIndex(parameterName));
    }

    @Override
    public final byte getByte(int index) throws SQLException {
        return outValues(index).getByte(index);
    }

    @Override
    public final byte[] getBytes(String parameterName) throws SQLException {
        return getBytes(parameterIndex(parameterName));
    }

    @Override
    public final byte[] getBytes(int index) throws SQLException {
        return outValues(index).getBytes(index);
    }

    @Override
    public final Reader getCharacterStream(String parameterName) throws SQLException {
        return getCharacterStream(parameterIndex(parameterName));
    }

    @Override
    public final Reader getCharacterStream(int index) throws SQLException {
        return outValues(index).getCharacterStream(index);
    }

    @Override
    public final Clob getClob(String parameterName) throws SQLException {
        return getClob(parameterIndex(parameterName));
    }

    @Override
    public final Clob getClob(int index) throws SQLException {
        return outValues(index).getClob(index);
    }

    @Override
    public final Date getDate(String parameterName) throws SQLException {
        return getDate(parameterIndex(parameterName));
    }

    @Override
    public final Date getDate(String parameterName, Calendar cal) throws SQLException {
        return getDate(parameterIndex(parameterName), cal);
    }

    @Override
    public final Date getDate(int index) throws SQLException {
        return outValues(index).getDate(index);
    }

    @Override
    public final Date getDate(int index, Calendar cal) throws SQLException {
        return outValues(index).getDate(index, cal);
    }

    @Override
    public final double getDouble(String parameterName) throws SQLException {
        return getDouble(parameterIndex(parameterName));
    }

    @Override
    public final double getDouble(int index) throws SQLException {
        return outValues(index).getDouble(index);
    }

    @Override
    public final float getFloat(String parameterName) throws SQLException {
        return getFloat(parameterIndex(parameterName));
    }

    @Override
    public final float getFloat(int index) throws SQLException {
        return outValues(index).getFloat(index);
    }

    @Override
    public final int getInt(String parameterName) throws SQLException {
        return getInt(parameterIndex(parameterName));
    }

    @Override
    public final int getInt(int index) throws SQLException {
        return outValues(index).getInt(index);
    }

    @Override
    public final long getLong(String parameterName) throws SQLException {
        return getLong(parameterIndex(parameterName));
    }

    @Override
    public final long getLong(int index) throws SQLException {
        return outValues(index).getLong(index);
    }

    @Override
    public final Reader getNCharacterStream(String parameterName) throws SQLException {
        return getNCharacterStream(parameterIndex(parameterName));
    }

    @Override
    public final Reader getNCharacterStream(int index) throws SQLException {
        return outValues(index).getNCharacterStream(index);
    }

    @Override
    public final NClob getNClob(String parameterName) throws SQLException {
        return getNClob(parameterIndex(parameterName));
    }

    @Override
    public final NClob getNClob(int index) throws SQLException {
        return outValues(index).getNClob(index);
    }

    @Override
    public final String getNString(String parameterName) throws SQLException {
        return getNString(parameterIndex(parameterName));
    }

    @Override
    public final String getNString(int index) throws SQLException {
        return outValues(index).getNString(index);
    }

    @Override
    public final Object getObject(String parameterName) throws SQLException {
        return getObject(parameterIndex(parameterName));
    }

    @Override
    public final <T> T getObject(String parameterName, Class<T> type) throws SQLException {
        return getObject(parameterIndex(parameterName), type);
    }

    @Override
    public final Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
        return getObject(parameterIndex(parameterName), map);
    }

    @Override
    public final Object getObject(int index) throws SQLException {
        return outValues(index).getObject(index);
    }

    @Override
    public final <T> T getObject(int index, Class<T> type) throws SQLException {
        return outValues(index).getObject(index, type);
    }

    @Override
    public final Object getObject(int index, Map<String, Class<?>> map) throws SQLException {
        return outValues(index).getObject(index, map);
    }

    @Override
    public final Ref getRef(String parameterName) throws SQLException {
        return getRef(parameterIndex(parameterName));
    }

    @Override
    public final Ref getRef(int index) throws SQLException {
        return outValues(index).getRef(index);
    }

    @Override
    public final RowId getRowId(String parameterName) throws SQLException {
        return getRowId(parameterIndex(parameterName));
    }

    @Override
    public final RowId getRowId(int index) throws SQLException {
        return outValues(index).getRowId(index);
    }

    @Override
    public final SQLXML getSQLXML(String parameterName) throws SQLException {
        return getSQLXML(parameterIndex(parameterName));
    }

    @Override
    public final SQLXML getSQLXML(int index) throws SQLException {
        return outValues(index).getSQLXML(index);
    }

    @Override
    public final short getShort(String parameterName) throws SQLException {
        return getShort(parameterIndex(parameterName));
    }

    @Override
    public final short getShort(int index) throws SQLException {
        return outValues(index).getShort(index);
    }

    @Override
    public final String getString(String parameterName) throws SQLException {
        return getString(parameterIndex(parameterName));
    }

    @Override
    public final String getString(int index) throws SQLException {
        return outValues(index).getString(index);
    }

    @Override
    public final Time getTime(String parameterName) throws SQLException {
        return getTime(parameterIndex(parameterName));
    }

    @Override
    public final Time getTime(String parameterName, Calendar cal) throws SQLException {
        return getTime(parameterIndex(parameterName), cal);
    }

    @Override
    public final Time getTime(int index) throws SQLException {
        return outValues(index).getTime(index);
    }

    @Override
    public final Time getTime(int index, Calendar cal) throws SQLException {
        return outValues(index).getTime(index, cal);
    }

    @Override
    public final Timestamp getTimestamp(String parameterName) throws SQLException {
        return getTimestamp(parameterIndex(parameterName));
    }

    @Override
    public final Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
        return getTimestamp(parameterIndex(parameterName), cal);
    }

    @Override
    public final Timestamp getTimestamp(int index) throws SQLException {
        return outValues(index).getTimestamp(index);
    }

    @Override
    public final Timestamp getTimestamp(int index, Calendar cal) throws SQLException {
        return outValues(index).getTimestamp(index, cal);
    }

    @Override
    public final URL getURL(String parameterName) throws SQLException {
        return getURL(parameterIndex(parameterName));
    }

    @Override
    public final URL getURL(int index) throws SQLException {
        return outValues(index).getURL(index);
    }
}
