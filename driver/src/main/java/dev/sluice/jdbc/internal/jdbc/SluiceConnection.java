package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.internal.simulate.DryRun;
import dev.sluice.jdbc.simulate.DryRunReport;
import dev.sluice.jdbc.Version;
import dev.sluice.jdbc.internal.auth.TokenPassThroughAuth;
import dev.sluice.jdbc.internal.call.BuiltinCall;
import dev.sluice.jdbc.internal.call.BuiltinProcedures;
import dev.sluice.jdbc.internal.call.CallText;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.client.SeaClient;
import dev.sluice.jdbc.internal.client.SeaHttpClient;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.observe.Failures;
import dev.sluice.jdbc.internal.observe.ServerTarget;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.resilience.Timeouts;
import dev.sluice.jdbc.internal.workspace.Workspace;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import java.io.IOException;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Databricks SQL session. Statements run in the session, so USE and SET persist across them.
 * Closing the connection closes its statements (and their results) and deletes the session.
 */
public final class SluiceConnection extends ConnectionBase {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceConnection.class);
    /** Runs isValid probes so a hanging probe cannot hold the pool's thread past its timeout. */
    private static final Executor VALIDATION = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-isvalid");
        t.setDaemon(true);
        return t;
    });

    /**
     * How long close() waits, in all, for statement submits in flight to bring the ids it must cancel; submits are
     * asynchronous by default and answer within milliseconds.
     */
    private static final long CLOSE_SUBMIT_WAIT_MILLIS = 1000;
    /** How long close() waits, in all, for the statement DELETEs sent in the background to be answered. */
    private static final long CLOSE_BACKGROUND_WAIT_MILLIS = 5000;

    private final ConnectionConfig config;
    private final String url;
    private final Workspace workspace;
    private final SeaHttpClient client;
    private final AuthHeaderProvider auth;
    private final String warehouseId;
    private final String sessionId;
    private final ServerTarget target;
    private final ExecutionSettings settings;
    private final Set<SluiceStatement> statements = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Properties clientInfo = new Properties();
    private volatile boolean readOnly;
    private volatile int networkTimeoutMillis;
    private volatile String catalog;
    private volatile String schema;
    private volatile SQLWarning warnings;
    private volatile SluiceDatabaseMetaData metaData;
    private final Transactions transactions;
    private final BackgroundCloses backgroundCloses = new BackgroundCloses();

    private SluiceConnection(ConnectionConfig config, String url, Workspace workspace, SeaHttpClient client,
                             AuthHeaderProvider auth, String warehouseId, String sessionId,
                             ExecutionSettings settings, boolean serverTransactions) {
        this.config = config;
        this.url = url;
        this.workspace = workspace;
        this.client = client;
        this.auth = auth;
        this.warehouseId = warehouseId;
        this.sessionId = sessionId;
        this.target = new ServerTarget(config.host(), config.port(), warehouseId);
        this.settings = settings;
        this.transactions = new Transactions(serverTransactions, this::runInternal);
    }

    /**
     * Opens a session on the warehouse named by httpPath.
     *
     * @throws SQLException 22023 for a bad property, 28000 when the token is refused, 08001 when the
     *     server cannot be reached
     */
    public static SluiceConnection open(ConnectionConfig config, String url) throws SQLException {
        ExecutionSettings settings = ExecutionSettings.from(config);
        boolean serverTransactions = !ConnectionProperty.IGNORE_TRANSACTIONS.booleanValue(config);
        String warehouseId = config.warehouseId();
        Workspace workspace = Workspace.open(config);
        AuthHeaderProvider auth = workspace.auth();
        SeaHttpClient client;
        try {
            client = workspace.sqlClient();
        } catch (SQLException | RuntimeException e) {
            workspace.close();
            throw e;
        }
        try {
            String catalog = ConnectionProperty.CONN_CATALOG.get(config);
            String schema = ConnectionProperty.CONN_SCHEMA.get(config);
            String sessionId = client.createSession(warehouseId, catalog, schema, config.sessionConfs());
            SluiceConnection c = new SluiceConnection(config, url, workspace, client, auth, warehouseId, sessionId,
                    settings, serverTransactions);
            if (ConnectionProperty.USE_THRIFT_CLIENT.booleanValue(config)) {
                c.addWarning(new SQLWarning("UseThriftClient=1 is ignored: Sluice speaks the Statement Execution API",
                        SqlState.WARNING.code()));
            }
            // the connection's one INFO line; everything else the driver logs is DEBUG or finer, or a failure
            LOG.info("connected to {}:{} warehouse {} with {}; session {} (Sluice {})", config.host(), config.port(),
                    warehouseId, authDescription(config), sessionId, Version.TEXT);
            return c;
        } catch (IOException e) {
            client.close();
            SQLException failure = ServerErrors.from(e, "open a session on " + config.host() + ":" + config.port(),
                    true);
            Failures.report(Failures.CONNECT, failure.getSQLState(), null, null, failure.getMessage());
            throw failure;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    SeaClient client() {
        return client;
    }

    /** The statement DELETEs of results read to their end, sent off the reader's path; close() waits for them. */
    BackgroundCloses backgroundCloses() {
        return backgroundCloses;
    }

    /** What this connection talks to, for spans. */
    ServerTarget target() {
        return target;
    }

    /** The authentication as the INFO line names it: the mechanism and flow numbers, never a credential. */
    private static String authDescription(ConnectionConfig config) {
        String mech = ConnectionProperty.AUTH_MECH.get(config);
        if ("11".equals(mech == null ? null : mech.strip())) {
            return "AuthMech=11;Auth_Flow=" + ConnectionProperty.AUTH_FLOW.get(config);
        }
        return "AuthMech=" + mech;
    }

    String warehouseId() {
        return warehouseId;
    }

    /** The connection's one HTTP transport, for exchanges beside the REST clients (volume transfers). */
    HttpTransport transport() {
        return workspace.rest().transport();
    }

    /** The retry policies and the workspace's circuit breaker of this connection. */
    Resilience resilience() {
        return client.resilience();
    }

    /** The per-operation timeouts of this connection. */
    Timeouts timeouts() {
        return client.timeouts();
    }

    String sessionId() {
        return sessionId;
    }

    ExecutionSettings settings() {
        return settings;
    }

    ConnectionConfig config() {
        return config;
    }

    @Override
    Transactions transactions() {
        return transactions;
    }

    /** The URL as given, with secret values replaced, for DatabaseMetaData.getURL. */
    String redactedUrl() {
        return Redaction.url(url);
    }

    @Override
    void checkOpen() throws SQLException {
        if (closed.get()) {
            throw Errors.of(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection is closed");
        }
    }

    void statementClosed(SluiceStatement s) {
        statements.remove(s);
    }

    /** A statement changed the session's catalog or schema: forget the cached names. */
    void sessionStateChanged() {
        catalog = null;
        schema = null;
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        SluiceStatement s = new SluiceStatement(this);
        statements.add(s);
        return s;
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "sql is null");
        }
        // escapes are translated once, here: JDBC leaves a prepared text's escape processing to preparation
        if (isBuiltinCall(sql)) {
            return prepareCall(sql);
        }
        SluicePreparedStatement s = new SluicePreparedStatement(this, JdbcEscapes.translate(sql));
        statements.add(s);
        return s;
    }

    /**
     * {@code {call name(...)}}, {@code {? = call name(...)}} or {@code CALL name(...)}. Names in the built-in
     * namespace ({@link ConnectionProperty#PROCEDURE_NAMESPACE}) run in the driver; others run on the server.
     *
     * @throws SQLException 42601 when {@code sql} is not a call; 42883 for an unknown built-in procedure; 0A000
     *     when no built-in procedures are on the class path
     */
    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkOpen();
        CallText call = CallText.parse(SluiceStatement.requireSql(sql));
        if (call == null) {
            throw Errors.of(SqlState.SYNTAX_ERROR, "prepareCall takes {call name(...)}, {? = call name(...)} or"
                    + " CALL name(...); use prepareStatement for other SQL");
        }
        SluiceCallableStatement s = new SluiceCallableStatement(this, call, builtinCall(call));
        statements.add(s);
        return s;
    }

    /**
     * A call of a built-in procedure owned by a plain statement, which shows its results and closes it; it is
     * not registered with this connection, the owning statement closes it.
     */
    SluiceCallableStatement builtinStatement(String sql, SluiceStatement owner) throws SQLException {
        CallText call = CallText.parse(sql);
        return new SluiceCallableStatement(this, call, builtinCall(call), owner);
    }

    /** The built-in procedure a call names, matched to its arguments; null for a name outside the namespace. */
    private BuiltinCall builtinCall(CallText call) throws SQLException {
        String namespace = ConnectionProperty.PROCEDURE_NAMESPACE.get(config);
        if (namespace == null || namespace.isBlank() || !call.qualifier().equalsIgnoreCase(namespace.strip())) {
            return null;
        }
        ProcedureSpec spec = BuiltinProcedures.get().find(namespace.strip(), call.simpleName());
        return BuiltinCall.bind(namespace.strip(), spec, call);
    }

    /** True when {@code sql} is a CALL of a built-in procedure, which only a CallableStatement can run. */
    boolean isBuiltinCall(String sql) throws SQLException {
        if (!"CALL".equals(SqlText.leadingKeyword(sql))) {
            return false;
        }
        String namespace = ConnectionProperty.PROCEDURE_NAMESPACE.get(config);
        try {
            CallText call = CallText.parse(sql);
            return call != null && namespace != null && call.qualifier().equalsIgnoreCase(namespace.strip());
        } catch (SQLException e) {
            // not a call this driver can read: the server decides what it is
            return false;
        }
    }

    /**
     * The text as the server would get it: a call escape becomes the {@code CALL} (or {@code SELECT} for
     * {@code {? = call f()}}) it runs as, other JDBC escapes are translated.
     */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "sql is null");
        }
        CallText call;
        try {
            call = sql.indexOf('{') < 0 ? null : CallText.parse(sql);
        } catch (SQLException e) {
            // a leading escape that is not a call, such as {fn ...}: the escape translation handles it
            call = null;
        }
        return call != null ? call.serverSql() : JdbcEscapes.translate(sql);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
        if (catalog == null || catalog.isBlank()) {
            return;
        }
        runInternal("USE CATALOG " + Identifiers.quote(catalog));
        this.catalog = catalog;
        this.schema = null;
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        String c = catalog;
        if (c == null) {
            c = queryOne("SELECT current_catalog()");
            catalog = c;
        }
        return c;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema == null || schema.isBlank()) {
            return;
        }
        runInternal("USE SCHEMA " + Identifiers.quote(schema));
        this.schema = schema;
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        String s = schema;
        if (s == null) {
            s = queryOne("SELECT current_schema()");
            schema = s;
        }
        return s;
    }

    private void runInternal(String sql) throws SQLException {
        try (SluiceStatement s = new SluiceStatement(this)) {
            s.execute(sql);
        }
    }

    private String queryOne(String sql) throws SQLException {
        try (SluiceStatement s = new SluiceStatement(this); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * A real round trip: SELECT 1 in the session. With a timeout the check runs on a helper thread and
     * the answer is false once the timeout passes, whatever retries the client is still making.
     */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "isValid timeout " + timeout + " is negative");
        }
        if (closed.get()) {
            return false;
        }
        SluiceStatement probe = new SluiceStatement(this);
        if (timeout == 0) {
            return probe(probe);
        }
        probe.setQueryTimeout(timeout);
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> probe(probe), VALIDATION);
        try {
            return check.get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            abandon(probe);
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(probe);
            return false;
        }
    }

    private static boolean probe(SluiceStatement probe) {
        Failures.Handled handled = Failures.handledHere();
        try (probe; ResultSet rs = probe.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            LOG.debug("isValid failed: {}", e.getMessage());
            return false;
        } finally {
            handled.close();
        }
    }

    private static void abandon(SluiceStatement probe) {
        try {
            probe.cancel();
        } catch (SQLException e) {
            LOG.debug("cancelling the isValid probe failed: {}", e.getMessage());
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "network timeout " + milliseconds + " is negative");
        }
        networkTimeoutMillis = milliseconds;
        client.transport().setRequestTimeout(java.time.Duration.ofMillis(milliseconds));
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeoutMillis;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SluiceStatement[] open = statements.toArray(new SluiceStatement[0]);
        // running statements are cancelled first, while the HTTP client can still send the cancels
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_SUBMIT_WAIT_MILLIS);
        for (SluiceStatement s : open) {
            s.cancelForClose(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        for (SluiceStatement s : open) {
            s.closeFromConnection();
        }
        statements.clear();
        // the DELETEs of results already read, still on their way, go out before the client closes
        backgroundCloses.awaitAll(CLOSE_BACKGROUND_WAIT_MILLIS);
        try {
            client.deleteSession(warehouseId, sessionId);
        } catch (IOException e) {
            // an expired or already-deleted session is gone either way; closing must not fail for it
            LOG.debug("deleting session failed: {}", e.getMessage());
        } finally {
            client.close();
            workspace.close();
        }
    }

    /** Besides the JDBC interfaces, unwraps to {@link SluiceWorkspace}, the REST services of the workspace. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface == SluiceWorkspace.class) {
            checkOpen();
            return iface.cast(workspace);
        }
        if (iface == DryRunReport.class && workspace.dryRun() != null) {
            return iface.cast(workspace.dryRun());
        }
        return super.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface == SluiceWorkspace.class || iface == DryRunReport.class && workspace.dryRun() != null
                || super.isWrapperFor(iface);
    }

    /** The dry run of a connection opened with {@code Simulation=dry-run}, or null. */
    DryRun dryRun() {
        return workspace.dryRun();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "executor is null");
        }
        if (closed.get()) {
            return;
        }
        for (SluiceStatement s : statements.toArray(new SluiceStatement[0])) {
            s.abortFromConnection();
        }
        executor.execute(this::close);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        SluiceDatabaseMetaData m = metaData;
        if (m == null) {
            // one per connection, so the server version and user it asks the server for once are kept
            m = new SluiceDatabaseMetaData(this);
            metaData = m;
        }
        return m;
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

    void addWarning(SQLWarning w) {
        SQLWarning head = warnings;
        if (head == null) {
            warnings = w;
        } else {
            head.setNextWarning(w);
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed.get()) {
            throw new SQLClientInfoException("the connection is closed", SqlState.CONNECTION_DOES_NOT_EXIST.code(),
                    0, Map.of());
        }
        if (name == null) {
            return;
        }
        if (ConnectionProperty.forKey(name) == ConnectionProperty.AUTH_ACCESS_TOKEN) {
            replaceAccessToken(name, value);
            return;
        }
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    /** The new token goes to the authentication only: client info is readable, a token must not be. */
    private void replaceAccessToken(String name, String value) throws SQLClientInfoException {
        if (!(auth instanceof TokenPassThroughAuth)) {
            throw new SQLClientInfoException(name + " can be replaced only on a connection opened with"
                    + " AuthMech=11;Auth_Flow=0", SqlState.INVALID_AUTHORIZATION.code(), 0,
                    Map.of(name, ClientInfoStatus.REASON_UNKNOWN_PROPERTY));
        }
        try {
            ((TokenPassThroughAuth) auth).replace(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new SQLClientInfoException(name + " was not replaced: " + e.getMessage(),
                    SqlState.INVALID_AUTHORIZATION.code(), 0, Map.of(name, ClientInfoStatus.REASON_VALUE_INVALID));
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (properties == null) {
            return;
        }
        for (String name : properties.stringPropertyNames()) {
            setClientInfo(name, properties.getProperty(name));
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return name == null ? null : clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }
}
