package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.SluiceVolumeStatement;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.client.ResultManifest;
import dev.sluice.jdbc.internal.client.StatementParameter;
import dev.sluice.jdbc.internal.client.StatementRequest;
import dev.sluice.jdbc.internal.client.StatementResponse;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.observe.QueryObservation;
import dev.sluice.jdbc.internal.observe.TraceScope;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.jdbc.internal.simulate.DryRun;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SQL text in the connection's session. A statement has at most one open result; running it again
 * closes the previous one. DML results (the one-row {@code num_affected_rows} result Databricks returns)
 * become update counts; statements without columns (DDL) count 0.
 */
public class SluiceStatement extends StatementBase implements SluiceVolumeStatement {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceStatement.class);

    /** What the caller asked for, which decides how a one-row count result is presented. */
    enum Want { QUERY, UPDATE, ANY }

    final SluiceConnection connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<String> batch = new ArrayList<>();
    private volatile Execution current;
    /** The built-in procedure call the last SQL text named, whose results this statement shows. */
    private SluiceCallableStatement builtinCall;
    private volatile SQLWarning warnings;
    private SluiceResultSet result;
    private long updateCount = -1;
    private long maxRows;
    private int fetchSize;
    private int queryTimeout;
    private boolean closeOnCompletion;
    /** What the next volume command streams instead of a local file. */
    private VolumeOperation.Streams volumeStreams = VolumeOperation.Streams.NONE;
    /** The download the last GET kept as a stream, until the application takes it. */
    private InputStream volumeDownload;
    /** Seconds the server may hold the statement POST until the result is ready; -1 = the connection's WaitTimeout. */
    private int waitSeconds = -1;

    SluiceStatement(SluiceConnection connection) {
        this.connection = connection;
    }

    /** Overrides the connection's WaitTimeout for this statement (the driver's own metadata SQL). */
    void waitSeconds(int seconds) {
        waitSeconds = seconds;
    }

    @Override
    void checkOpen() throws SQLException {
        if (closed.get()) {
            throw Errors.of(SqlState.INVALID_CURSOR_STATE, "the statement is closed");
        }
        connection.checkOpen();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (callsBuiltin(sql)) {
            return builtinCall.executeQuery();
        }
        run(escaped(requireSql(sql)), List.of(), Want.QUERY);
        return result;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return toInt(executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (callsBuiltin(sql)) {
            return builtinCall.executeLargeUpdate();
        }
        run(escaped(requireSql(sql)), List.of(), Want.UPDATE);
        return Math.max(updateCount, 0);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        if (callsBuiltin(sql)) {
            return builtinCall.execute();
        }
        return run(escaped(requireSql(sql)), List.of(), Want.ANY);
    }

    /**
     * For {@code CALL} of a built-in procedure: prepares it as the call this statement's results come from.
     * Other SQL goes to the server.
     */
    private boolean callsBuiltin(String sql) throws SQLException {
        checkOpen();
        if (sql == null || !connection.isBuiltinCall(sql)) {
            return false;
        }
        closeResult();
        builtinCall = connection.builtinStatement(sql, this);
        return true;
    }

    static String requireSql(String sql) throws SQLException {
        if (sql == null || sql.isBlank()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "the SQL text is " + (sql == null ? "null" : "empty"));
        }
        return sql;
    }

    static int toInt(long count) {
        return count > Integer.MAX_VALUE ? Statement.SUCCESS_NO_INFO : (int) count;
    }

    /**
     * Runs {@code sql} with its parameters; returns true when a result set is now open.
     */
    final boolean run(String sql, List<StatementParameter> parameters, Want want) throws SQLException {
        checkOpen();
        closeResult();
        warnings = null;
        SqlText text = SqlText.of(sql);
        DryRun dryRun = connection.dryRun();
        if (dryRun != null && DryRun.writes(text.verb(), sql)) {
            return DryRunStatements.validate(this, dryRun, sql, parameters, want == Want.QUERY);
        }
        ExecutionSettings settings = connection.settings();
        // the server-side wait must not outlast whichever limit applies, or the client could not cancel on time
        int limit = queryTimeout > 0 ? queryTimeout
                : (int) Math.min(Integer.MAX_VALUE, connection.timeouts().statement().toSeconds());
        StatementRequest request = Requests.statement(connection, sql, parameters, maxRows, limit,
                waitSeconds < 0 ? settings.waitTimeoutSeconds() : waitSeconds);
        Execution execution = new Execution(connection.client(), settings.maxPollIntervalMillis(),
                connection.resilience(), connection.timeouts().statement());
        QueryObservation observation = QueryObservation.start(connection.target(), text.verb());
        current = execution;
        connection.transactions().starting(text);
        // current until the result is set up, so API calls and the fetches the result starts nest under it
        TraceScope scope = observation.makeCurrent();
        try {
            StatementResponse response;
            try {
                response = execution.run(request, queryTimeout);
                observation.statementId(response.statementId());
                ResultManifest manifest = response.manifest();
                observation.succeeded(manifest == null ? -1 : manifest.totalRowCount(),
                        manifest == null ? -1 : manifest.totalByteCount());
            } catch (SQLException e) {
                observation.statementId(execution.statementId());
                observation.failed(execution.statementId(), e.getSQLState(), ServerErrors.errorClassOf(e),
                        e.getMessage());
                throw e;
            } finally {
                current = null;
            }
            connection.transactions().succeeded(text);
            if ("USE".equals(text.verb()) || "SET".equals(text.verb())) {
                connection.sessionStateChanged();
            }
            return present(response, text, want, observation);
        } finally {
            scope.close();
        }
    }

    /** The plan of {@code sql} as the server's EXPLAIN gives it, rows joined by newlines. */
    final String explain(String sql, List<StatementParameter> parameters) throws SQLException {
        run("EXPLAIN " + sql, parameters, Want.QUERY);
        StringBuilder plan = new StringBuilder();
        try (SluiceResultSet rs = result) {
            while (rs.next()) {
                plan.append(plan.length() == 0 ? "" : "\n").append(rs.getString(1));
            }
        }
        return plan.toString();
    }

    /** After a dry-run validation: no result, update count 0, the plan as a warning. */
    final void validatedInstead(SQLWarning warning) {
        updateCount = 0;
        warnings = warning;
    }

    private boolean present(StatementResponse response, SqlText text, Want want, QueryObservation observation)
            throws SQLException {
        ResultManifest manifest = response.manifest();
        if (manifest != null && manifest.isVolumeOperation()) {
            return volumeOperation(response, want);
        }
        List<ColumnInfo> columns = manifest == null ? List.of() : manifest.columns();
        String id = response.statementId();
        if (columns.isEmpty() && want != Want.QUERY) {
            closeOnServer(id);
            updateCount = 0;
            return false;
        }
        boolean counts = isCountResult(columns, text);
        if (want == Want.UPDATE && !counts && !columns.isEmpty()) {
            closeOnServer(id);
            throw Errors.of(SqlState.GENERAL_ERROR, "executeUpdate ran a statement that returns rows ("
                    + text.verb() + "); use executeQuery or execute");
        }
        BatchSource source = ResultStreams.open(connection, response);
        if (counts && want != Want.QUERY) {
            updateCount = readCount(source, id);
            return false;
        }
        ResultColumns resultColumns = new ResultColumns(columns, connection.settings().defaultStringLength(),
                connection.settings().resultOptions().complexTypesAsObjects());
        result = new SluiceResultSet(this, resultColumns, source, maxRows, readToEnd -> {
            if (readToEnd) {
                // every row is in hand: the reader need not wait for the round trip that frees the result
                connection.backgroundCloses().submit(() -> closeOnServer(id));
            } else {
                closeOnServer(id);
            }
        });
        result.onRowsDone(observation::rowsReturned);
        if (manifest != null && manifest.truncated()) {
            result.addWarning(new SQLWarning("the result was truncated by the server (row or byte limit)",
                    "01004"));
        }
        return true;
    }

    /** PUT, GET or REMOVE on a volume: the server sent a pre-signed URL, the driver moves the bytes. */
    private boolean volumeOperation(StatementResponse response, Want want) throws SQLException {
        VolumeOperation.Order order;
        BatchSource source = ResultStreams.open(connection, response);
        try {
            order = VolumeOperation.read(source);
        } finally {
            source.close();
            closeOnServer(response.statementId());
        }
        VolumeOperation.Streams streams = volumeStreams;
        volumeStreams = VolumeOperation.Streams.NONE;
        closeVolumeDownload();
        volumeDownload = VolumeOperation.perform(connection, order,
                ConnectionProperty.VOLUME_OPERATION_ALLOWED_LOCAL_PATHS.stringValue(connection.config()), streams);
        if (want == Want.UPDATE) {
            updateCount = 0;
            return false;
        }
        result = VolumeOperation.status(this, "SUCCEEDED");
        return true;
    }

    @Override
    public void setVolumeUploadStream(InputStream stream, long length) throws SQLException {
        checkOpen();
        Objects.requireNonNull(stream, "stream is null");
        volumeStreams = new VolumeOperation.Streams(stream, length, volumeStreams.downloadToStream());
    }

    @Override
    public void setVolumeDownloadToStream(boolean enabled) throws SQLException {
        checkOpen();
        volumeStreams = new VolumeOperation.Streams(volumeStreams.upload(), volumeStreams.uploadLength(), enabled);
    }

    @Override
    public InputStream getVolumeDownloadStream() throws SQLException {
        checkOpen();
        InputStream download = volumeDownload;
        volumeDownload = null;
        if (download == null) {
            throw Errors.of(SqlState.INVALID_CURSOR_STATE, "no volume GET kept its download as a stream");
        }
        return download;
    }

    private void closeVolumeDownload() {
        InputStream download = volumeDownload;
        volumeDownload = null;
        if (download != null) {
            try {
                download.close();
            } catch (IOException e) {
                LOG.debug("closing an unread volume download failed: {}", e.getMessage());
            }
        }
    }

    private static boolean isCountResult(List<ColumnInfo> columns, SqlText text) {
        if (columns.isEmpty() || !"num_affected_rows".equals(columns.get(0).name())) {
            return false;
        }
        if (text.isDml()) {
            return true;
        }
        for (ColumnInfo c : columns) {
            if (!c.name().startsWith("num_")) {
                return false;
            }
        }
        return true;
    }

    private long readCount(BatchSource source, String id) throws SQLException {
        try {
            RowBatch b = source.next();
            while (b != null && b.rowCount() == 0) {
                b = source.next();
            }
            if (b == null || b.column(0).isNull(0)) {
                return 0;
            }
            return b.column(0).getLong(0);
        } finally {
            source.close();
            closeOnServer(id);
        }
    }

    /** DELETE the statement so the server frees its results; a failure here changes nothing for the caller. */
    private void closeOnServer(String statementId) {
        try {
            connection.client().close(statementId);
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing statement {} on the server failed: {}", statementId, e.getMessage());
        }
    }

    private void closeResult() {
        SluiceCallableStatement b = builtinCall;
        builtinCall = null;
        if (b != null) {
            b.close();
        }
        SluiceResultSet r = result;
        result = null;
        updateCount = -1;
        if (r != null) {
            r.closeFromStatement();
        }
    }

    void resultClosed(SluiceResultSet r) {
        if (result == r) {
            result = null;
        }
        if (closeOnCompletion) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (closed.compareAndSet(false, true)) {
            closeResult();
            closeVolumeDownload();
            connection.statementClosed(this);
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        if (builtinCall != null) {
            return builtinCall.getResultSet();
        }
        return result;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        if (builtinCall != null) {
            return builtinCall.getUpdateCount();
        }
        return updateCount < 0 ? -1 : toInt(updateCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        if (builtinCall != null) {
            return builtinCall.getLargeUpdateCount();
        }
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        checkOpen();
        closeResult();
        return false;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current != CLOSE_CURRENT_RESULT && current != KEEP_CURRENT_RESULT && current != CLOSE_ALL_RESULTS) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "getMoreResults(" + current + "): not a JDBC constant");
        }
        if (current == KEEP_CURRENT_RESULT && builtinCall != null) {
            // the call keeps its result open until this statement closes or runs again
            return builtinCall.getMoreResults(current);
        }
        if (current == KEEP_CURRENT_RESULT) {
            result = null;
            updateCount = -1;
        } else {
            closeResult();
        }
        return false;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(escaped(requireSql(sql)));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
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
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> sqls = new ArrayList<>(batch);
        batch.clear();
        return Batches.runInSequence(this, sqls.size(), i -> {
            run(sqls.get(i), List.of(), Want.UPDATE);
            return Math.max(updateCount, 0);
        });
    }

    /** Cancels the running statement on the server; safe from any thread. */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        Execution e = current;
        if (e != null) {
            e.cancel();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeResult();
            closeVolumeDownload();
            connection.statementClosed(this);
        }
    }

    void closeFromConnection() {
        if (closed.compareAndSet(false, true)) {
            closeResult();
            closeVolumeDownload();
        }
    }

    /**
     * The connection is closing: the running statement, if any, is cancelled on the server while the HTTP client
     * can still send the cancel, and its caller gets 08003.
     *
     * @param maxWaitMillis how long to wait for a submit in flight to bring the statement id
     */
    void cancelForClose(long maxWaitMillis) {
        Execution e = current;
        if (e != null) {
            e.cancelForClose(maxWaitMillis);
        }
    }

    void abortFromConnection() {
        Execution e = current;
        if (e != null) {
            try {
                e.cancel();
            } catch (SQLException ex) {
                LOG.debug("cancel during abort failed: {}", ex.getMessage());
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        Arguments.requireNonNegative(max, "max rows");
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return maxRows > Integer.MAX_VALUE ? 0 : (int) maxRows;
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
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
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        Arguments.requireNonNegative(seconds, "query timeout");
        queryTimeout = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
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
}
