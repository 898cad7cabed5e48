package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.StatementParameter;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * Binds values to {@code ?} (sent as positional {@code ordinal} parameters) or {@code :name} markers
 * (sent as named parameters, bound by the index of each distinct name's first appearance). Nothing is
 * prepared on the server: the text and the typed values travel with every execution.
 */
public class SluicePreparedStatement extends SluiceStatement implements PreparedStatement {
    private final SqlText text;
    private final Binding[] bindings;
    private final List<Binding[]> batch = new ArrayList<>();

    SluicePreparedStatement(SluiceConnection connection, String sql) {
        super(connection);
        this.text = SqlText.of(sql);
        this.bindings = new Binding[text.parameterCount()];
    }

    private void bind(int index, Binding b) throws SQLException {
        checkOpen();
        bindings[bindingSlot(index)] = b;
    }

    /**
     * The slot of JDBC parameter {@code index} among the markers of the text; a CallableStatement moves it
     * when parameter 1 is a return value.
     */
    int bindingSlot(int index) throws SQLException {
        if (index < 1 || index > bindings.length) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX, "parameter index " + index + " is out of range 1.."
                    + bindings.length);
        }
        return index - 1;
    }

    /** The bindings of the markers as they stand; null where none is bound. */
    final Binding[] bindingsNow() {
        return bindings.clone();
    }

    /** The bound values per marker as {type, text}; null where none is bound. */
    final List<String[]> boundValues() {
        List<String[]> out = new ArrayList<>(bindings.length);
        for (Binding b : bindings) {
            out.add(b == null ? null : new String[] {b.type(), b.value()});
        }
        return out;
    }

    /** Runs the prepared text with the bound values. */
    final boolean runBound(Want want) throws SQLException {
        return run(text.sql(), parameters(bindings), want);
    }

    private List<StatementParameter> parameters(Binding[] values) throws SQLException {
        List<StatementParameter> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            Binding b = values[i];
            if (b == null) {
                throw Errors.of(SqlState.WRONG_PARAMETER_COUNT, "parameter " + (i + 1) + " of " + values.length
                        + " is not set");
            }
            out.add(text.usesNamedMarkers()
                    ? StatementParameter.named(text.names().get(i), b.type(), b.value())
                    : StatementParameter.positional(i + 1, b.type(), b.value()));
        }
        return out;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        run(text.sql(), parameters(bindings), Want.QUERY);
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return toInt(executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        run(text.sql(), parameters(bindings), Want.UPDATE);
        return Math.max(getLargeUpdateCount(), 0);
    }

    @Override
    public boolean execute() throws SQLException {
        return run(text.sql(), parameters(bindings), Want.ANY);
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        parameters(bindings);
        batch.add(bindings.clone());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Binding[]> entries = new ArrayList<>(batch);
        batch.clear();
        if (entries.isEmpty()) {
            return new long[0];
        }
        InsertRewrite rewrite = text.usesNamedMarkers() ? null : InsertRewrite.of(text);
        if (rewrite != null && bindings.length > 0) {
            return rewrite.run(this, entries,
                    ConnectionProperty.BATCH_INSERT_LITERALS.booleanValue(connection.config()));
        }
        return Batches.runInSequence(this, entries.size(), i -> {
            run(text.sql(), parameters(entries.get(i)), Want.UPDATE);
            return Math.max(getLargeUpdateCount(), 0);
        });
    }

    /** Runs one rewritten multi-row INSERT; used by {@link InsertRewrite}. */
    long runRows(String sql, List<StatementParameter> params) throws SQLException {
        run(sql, params, Want.UPDATE);
        return Math.max(getLargeUpdateCount(), 0);
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = toInt(counts[i]);
        }
        return out;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(bindings, null);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        ResultSet rs = getResultSet();
        return rs == null ? null : rs.getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new SluiceParameterMetaData(bindings.clone());
    }

    // The SQL-text variants run other SQL than was prepared; JDBC forbids them on a PreparedStatement.

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw textOnPrepared();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw textOnPrepared();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw textOnPrepared();
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw textOnPrepared();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw textOnPrepared();
    }

    private SQLException textOnPrepared() throws SQLException {
        checkOpen();
        return Errors.of(SqlState.FUNCTION_SEQUENCE_ERROR,
                "methods taking SQL text cannot be called on a PreparedStatement");
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        bind(index, Bindings.ofNull(sqlType));
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        setNull(index, sqlType);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        bind(index, Bindings.ofBoolean(x));
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        bind(index, Bindings.ofLong("TINYINT", x));
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        bind(index, Bindings.ofLong("SMALLINT", x));
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        bind(index, Bindings.ofLong("INT", x));
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        bind(index, Bindings.ofLong("BIGINT", x));
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        bind(index, Bindings.ofFloat(x));
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        bind(index, Bindings.ofDouble(x));
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        bind(index, x == null ? Bindings.ofNull(java.sql.Types.DECIMAL) : Bindings.ofDecimal(x));
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        bind(index, Bindings.ofString(x));
    }

    @Override
    public void setNString(int index, String value) throws SQLException {
        setString(index, value);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        bind(index, x == null ? Bindings.ofNull(java.sql.Types.BINARY) : Bindings.ofBytes(x));
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        setDate(index, x, null);
    }

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        bind(index, x == null ? Bindings.ofNull(java.sql.Types.DATE) : Bindings.ofDate(x, cal));
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        setTime(index, x, null);
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        bind(index, x == null ? Bindings.ofNull(java.sql.Types.TIME) : Bindings.ofTime(x, cal));
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        setTimestamp(index, x, null);
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        bind(index, x == null ? Bindings.ofNull(java.sql.Types.TIMESTAMP) : Bindings.ofTimestamp(x, cal));
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        bind(index, Bindings.ofObject(x));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        bind(index, Bindings.ofObject(x, targetSqlType, 0));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(index, Bindings.ofObject(x, targetSqlType, scaleOrLength));
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
        setObject(index, x, vendorCode(targetSqlType));
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(index, x, vendorCode(targetSqlType), scaleOrLength);
    }

    private static int vendorCode(SQLType type) throws SQLException {
        if (type == null || type.getVendorTypeNumber() == null) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "target SQL type " + type + " has no type number");
        }
        return type.getVendorTypeNumber();
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        setAsciiStream(index, x, (long) length);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        setString(index, x == null ? null : new String(Streams.read(x, length), StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setAsciiStream(index, x, -1L);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        setString(index, x == null ? null : new String(Streams.read(x, length), StandardCharsets.UTF_16BE));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        setBinaryStream(index, x, (long) length);
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        setBytes(index, x == null ? null : Streams.read(x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        setBinaryStream(index, x, -1L);
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        setCharacterStream(index, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        setString(index, reader == null ? null : Streams.read(reader, length));
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader, -1L);
    }

    @Override
    public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
        setCharacterStream(index, value, length);
    }

    @Override
    public void setNCharacterStream(int index, Reader value) throws SQLException {
        setCharacterStream(index, value, -1L);
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        setString(index, x == null ? null : x.getSubString(1, (int) Math.min(Integer.MAX_VALUE, x.length())));
    }

    @Override
    public void setClob(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader, length);
    }

    @Override
    public void setClob(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader, -1L);
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        setClob(index, value);
    }

    @Override
    public void setNClob(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader, length);
    }

    @Override
    public void setNClob(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader, -1L);
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        setBytes(index, x == null ? null : x.getBytes(1, (int) Math.min(Integer.MAX_VALUE, x.length())));
    }

    @Override
    public void setBlob(int index, InputStream inputStream, long length) throws SQLException {
        setBinaryStream(index, inputStream, length);
    }

    @Override
    public void setBlob(int index, InputStream inputStream) throws SQLException {
        setBinaryStream(index, inputStream, -1L);
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        setString(index, x == null ? null : x.toString());
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        checkOpen();
        throw Errors.notSupported("ARRAY parameters (the Statement Execution API binds scalar values only)");
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        checkOpen();
        throw Errors.notSupported("REF parameters");
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        checkOpen();
        throw Errors.notSupported("ROWID parameters");
    }

    @Override
    public void setSQLXML(int index, SQLXML xmlObject) throws SQLException {
        checkOpen();
        throw Errors.notSupported("SQLXML parameters");
    }

    /** Reads parameter streams whole: values travel as text in the request body. */
    static final class Streams {
        private Streams() {
        }

        static byte[] read(InputStream in, long length) throws SQLException {
            try {
                return length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
            } catch (IOException e) {
                throw Errors.of(SqlState.DATA_EXCEPTION, "reading the parameter stream failed", e);
            }
        }

        static String read(Reader r, long length) throws SQLException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            try {
                long left = length < 0 ? Long.MAX_VALUE : length;
                int n;
                while (left > 0 && (n = r.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                    sb.append(buf, 0, n);
                    left -= n;
                }
            } catch (IOException e) {
                throw Errors.of(SqlState.DATA_EXCEPTION, "reading the parameter reader failed", e);
            }
            return sb.toString();
        }
    }
}
