package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.call.BuiltinCall;
import dev.sluice.jdbc.internal.call.CallArgument;
import dev.sluice.jdbc.internal.call.CallText;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import java.sql.JDBCType;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A procedure call. A built-in procedure ({@link BuiltinCall}) runs in the driver: its IN values are the bound
 * markers and literals, its OUT values and result come from the procedure. Any other name runs on the server
 * as {@code CALL name(args)}, or for {@code {? = call f(args)}} as {@code SELECT f(args)}, whose value is OUT
 * parameter 1.
 */
public final class SluiceCallableStatement extends CallableAccess {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceCallableStatement.class);

    private final CallText call;
    private final BuiltinCall builtin;
    /** Per JDBC index - 1, the registered java.sql.Types code; null when not registered. */
    private final Integer[] registered;
    private ResultSet outRow;
    private ResultSet lastRead;
    private ResultSet procedureResult;
    private long procedureCount = -1;

    /** The statement the application sees as the one whose results these are. */
    private final SluiceStatement owner;

    SluiceCallableStatement(SluiceConnection connection, CallText call, BuiltinCall builtin) {
        this(connection, call, builtin, null);
    }

    /** @param owner a plain statement that ran the call's text and shows its results; null for this one */
    SluiceCallableStatement(SluiceConnection connection, CallText call, BuiltinCall builtin, SluiceStatement owner) {
        super(connection, call.serverSql());
        this.call = call;
        this.builtin = builtin;
        this.registered = new Integer[call.jdbcParameterCount()];
        this.owner = owner == null ? this : owner;
    }

    @Override
    int bindingSlot(int index) throws SQLException {
        if (!call.returnsValue()) {
            return super.bindingSlot(index);
        }
        if (index == 1) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter 1 of " + call.sql().strip()
                    + " is the return value; register it with registerOutParameter, it takes no value");
        }
        return super.bindingSlot(index - 1);
    }

    @Override
    int parameterIndex(String parameterName) throws SQLException {
        checkOpen();
        if (builtin != null) {
            return builtin.indexOf(parameterName);
        }
        int offset = call.returnsValue() ? 2 : 1;
        for (CallArgument a : call.arguments()) {
            if (a.kind() == CallArgument.Kind.MARKER && a.name() != null && a.name().equalsIgnoreCase(parameterName)) {
                return a.firstMarker() + offset;
            }
        }
        throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "the call passes no parameter named '" + parameterName
                + "' as ?; write " + parameterName + " => ? in the call to set it by name");
    }

    /**
     * Per JDBC parameter: for a built-in call, the declared type and mode of the procedure parameter it stands
     * for; for a server call, the bound type, and OUT for the return value of {@code {? = call f(...)}}.
     */
    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        int n = registered.length;
        Bindings.Binding[] types = new Bindings.Binding[n];
        int[] modes = new int[n];
        Bindings.Binding[] bound = bindingsNow();
        int offset = call.returnsValue() ? 1 : 0;
        for (int i = 1; i <= n; i++) {
            ParameterSpec p = builtin == null ? null : builtin.parameterAt(i);
            if (p != null) {
                types[i - 1] = new Bindings.Binding(ProcedureResults.sqlType(p.type()), null);
                modes[i - 1] = p.mode() == ParameterMode.IN ? ParameterMetaData.parameterModeIn
                        : p.mode() == ParameterMode.OUT ? ParameterMetaData.parameterModeOut
                        : ParameterMetaData.parameterModeInOut;
            } else if (i <= offset) {
                modes[i - 1] = ParameterMetaData.parameterModeOut;
            } else {
                types[i - 1] = bound[i - 1 - offset];
                modes[i - 1] = ParameterMetaData.parameterModeIn;
            }
        }
        return new SluiceParameterMetaData(types, modes);
    }

    // ---- running

    @Override
    public boolean execute() throws SQLException {
        if (builtin != null) {
            return runBuiltin();
        }
        outRow = null;
        if (call.returnsValue()) {
            runFunction();
            return false;
        }
        return super.execute();
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (builtin == null) {
            if (call.returnsValue()) {
                throw Errors.of(SqlState.GENERAL_ERROR, call.sql().strip() + " returns its value as OUT parameter"
                        + " 1, not as a result set; use execute()");
            }
            return super.executeQuery();
        }
        if (!builtin.spec().returnsResultSet()) {
            throw Errors.of(SqlState.GENERAL_ERROR, builtin.label() + " returns no result set; use execute() or"
                    + " executeUpdate() and read its OUT parameters");
        }
        runBuiltin();
        return procedureResult;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (builtin == null) {
            if (call.returnsValue()) {
                runFunction();
                return 0;
            }
            return super.executeLargeUpdate();
        }
        if (builtin.spec().returnsResultSet()) {
            throw Errors.of(SqlState.GENERAL_ERROR, builtin.label() + " returns a result set; use executeQuery()"
                    + " or execute()");
        }
        runBuiltin();
        return 0;
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        if (builtin != null || call.returnsValue()) {
            throw Errors.notSupported("batches of " + (builtin != null ? builtin.label() : "{? = call ...}"));
        }
        super.addBatch();
    }

    private boolean runBuiltin() throws SQLException {
        checkOpen();
        closeProcedureResult();
        outRow = null;
        ProcedureOutcome outcome = builtin.run(connection, boundValues());
        outRow = outRow(outcome.outValues());
        if (outcome.resultSet() != null) {
            procedureResult = outcome.resultSet();
        } else if (outcome.columns() != null) {
            procedureResult = ProcedureResults.outcomeRows(owner, outcome.columns(), outcome.rows());
        }
        procedureCount = procedureResult == null ? 0 : -1;
        return procedureResult != null;
    }

    /** The OUT values of a built-in call on one row; only registered parameters are kept. */
    private ResultSet outRow(Map<String, Object> values) throws SQLException {
        int n = builtin.parameterCount();
        List<ColumnInfo> columns = new ArrayList<>(n);
        Object[] row = new Object[n];
        for (int i = 1; i <= n; i++) {
            ParameterSpec p = builtin.parameterAt(i);
            columns.add(ProcedureResults.column(p == null ? "p" + i : p.name(), i - 1,
                    p == null ? JDBCType.VARCHAR : p.type()));
            if (p != null && registered[i - 1] != null) {
                row[i - 1] = valueOf(values, p.name());
            }
        }
        return positioned(ProcedureResults.rows(this, columns, List.<Object[]>of(row)));
    }

    private static Object valueOf(Map<String, Object> values, String name) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@code {? = call f(args)}} of a server function: its value becomes OUT parameter 1. */
    private void runFunction() throws SQLException {
        runBound(Want.QUERY);
        Object value;
        JDBCType type;
        try (ResultSet rs = super.getResultSet()) {
            type = JDBCType.valueOf(rs.getMetaData().getColumnType(1));
            value = rs.next() ? rs.getObject(1) : null;
        }
        Object[] row = new Object[registered.length];
        row[0] = value;
        List<ColumnInfo> columns = new ArrayList<>(registered.length);
        for (int i = 0; i < registered.length; i++) {
            columns.add(ProcedureResults.column(i == 0 ? "return_value" : "p" + (i + 1), i,
                    i == 0 ? type : JDBCType.VARCHAR));
        }
        outRow = positioned(ProcedureResults.rows(this, columns, List.<Object[]>of(row)));
    }

    private static ResultSet positioned(ResultSet rs) throws SQLException {
        rs.next();
        return rs;
    }

    // ---- OUT parameters

    @Override
    public void registerOutParameter(int index, int sqlType) throws SQLException {
        checkOpen();
        if (builtin != null) {
            builtin.checkOut(index);
        } else if (!call.returnsValue() || index != 1) {
            throw Errors.notSupported("OUT parameters of server procedures (Databricks passes OUT and INOUT"
                    + " arguments as session variables: DECLARE VARIABLE v, CALL " + call.writtenName()
                    + "(..., v), then SELECT v)");
        }
        registered[index - 1] = sqlType;
    }

    @Override
    public void registerOutParameter(int index, int sqlType, int scale) throws SQLException {
        registerOutParameter(index, sqlType);
    }

    @Override
    public void registerOutParameter(int index, int sqlType, String typeName) throws SQLException {
        registerOutParameter(index, sqlType);
    }

    @Override
    public void registerOutParameter(String parameterName, int sqlType) throws SQLException {
        registerOutParameter(parameterIndex(parameterName), sqlType);
    }

    @Override
    public void registerOutParameter(String parameterName, int sqlType, int scale) throws SQLException {
        registerOutParameter(parameterIndex(parameterName), sqlType);
    }

    @Override
    public void registerOutParameter(String parameterName, int sqlType, String typeName) throws SQLException {
        registerOutParameter(parameterIndex(parameterName), sqlType);
    }

    @Override
    public void registerOutParameter(int index, SQLType sqlType) throws SQLException {
        registerOutParameter(index, typeCode(sqlType));
    }

    @Override
    public void registerOutParameter(int index, SQLType sqlType, int scale) throws SQLException {
        registerOutParameter(index, typeCode(sqlType));
    }

    @Override
    public void registerOutParameter(int index, SQLType sqlType, String typeName) throws SQLException {
        registerOutParameter(index, typeCode(sqlType));
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType) throws SQLException {
        registerOutParameter(parameterIndex(parameterName), typeCode(sqlType));
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType, int scale) throws SQLException {
        registerOutParameter(parameterIndex(parameterName), typeCode(sqlType));
    }

    @Override
    public void registerOutParameter(String parameterName, SQLType sqlType, String typeName) throws SQLException {
        registerOutParameter(parameterIndex(parameterName), typeCode(sqlType));
    }

    private static int typeCode(SQLType type) throws SQLException {
        if (type == null || type.getVendorTypeNumber() == null) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "SQL type " + type + " has no type number");
        }
        return type.getVendorTypeNumber();
    }

    @Override
    ResultSet outValues(int index) throws SQLException {
        checkOpen();
        if (index < 1 || index > registered.length) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX, "parameter index " + index + " is out of range 1.."
                    + registered.length);
        }
        if (registered[index - 1] == null) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX, "parameter " + index + describeIndex(index)
                    + " was not registered as an OUT parameter; call registerOutParameter(" + index
                    + ", type) before executing");
        }
        if (outRow == null) {
            throw Errors.of(SqlState.FUNCTION_SEQUENCE_ERROR, "OUT parameter " + index + " has no value yet;"
                    + " execute the call first");
        }
        lastRead = outRow;
        return outRow;
    }

    private String describeIndex(int index) throws SQLException {
        ParameterSpec p = builtin == null ? null : builtin.parameterAt(index);
        return p == null ? "" : " ('" + p.name() + "' of " + builtin.label() + ")";
    }

    @Override
    ResultSet lastOutValues() {
        return lastRead;
    }

    // ---- results of built-in calls, which do not come from the server

    @Override
    public ResultSet getResultSet() throws SQLException {
        if (builtin == null) {
            return super.getResultSet();
        }
        checkOpen();
        return procedureResult;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        if (builtin == null) {
            return super.getLargeUpdateCount();
        }
        checkOpen();
        return procedureCount;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        if (builtin == null) {
            return super.getUpdateCount();
        }
        checkOpen();
        return (int) procedureCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        if (builtin == null) {
            return super.getMoreResults(current);
        }
        checkOpen();
        if (current != KEEP_CURRENT_RESULT) {
            closeProcedureResult();
        }
        procedureResult = null;
        procedureCount = -1;
        return false;
    }

    @Override
    public void close() {
        closeProcedureResult();
        super.close();
    }

    @Override
    void closeFromConnection() {
        closeProcedureResult();
        super.closeFromConnection();
    }

    /** Closes the procedure's result and, when it came from a statement of its own, that statement too. */
    private void closeProcedureResult() {
        ResultSet r = procedureResult;
        procedureResult = null;
        procedureCount = -1;
        if (r == null) {
            return;
        }
        try {
            Statement from = r.getStatement();
            r.close();
            if (from != null && from != this && from != owner) {
                from.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the result of {} failed: {}", builtin == null ? "a call" : builtin.label(),
                    e.getMessage());
        }
    }
}
