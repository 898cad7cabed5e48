package dev.sluice.jdbc.internal.config;

import dev.sluice.jdbc.internal.auth.Secret;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every connection property the driver reads: its name, the spellings of the official Databricks and
 * Simba drivers as aliases, default, type and description. URL parsing, {@code Driver.getPropertyInfo},
 * the DataSource's setters and the README table all derive from this enum.
 *
 * <p>Names are matched case-insensitively. Typed reads ({@link #intValue}, {@link #booleanValue}, ...)
 * validate the value and fail with SQLState 22023 naming the key and the value.
 */
public enum ConnectionProperty {
    HTTP_PATH("httpPath", Type.STRING, null, true,
            "HTTP path of the SQL warehouse, /sql/1.0/warehouses/<id> (or /sql/1.0/endpoints/<id>)"),
    AUTH_MECH("AuthMech", Type.INTEGER, "3", false,
            "Authentication mechanism: 3 = personal access token (UID=token, PWD=<token>); 11 = OAuth 2.0 (see Auth_Flow)"),
    AUTH_FLOW("Auth_Flow", Type.INTEGER, "0", false,
            "OAuth flow with AuthMech=11: 0 = token pass-through (Auth_AccessToken); 1 = client credentials (M2M,"
                    + " OAuth2ClientId and OAuth2Secret); 2 = browser sign-in (U2M, authorization code with PKCE)"),
    AUTH_ACCESS_TOKEN("Auth_AccessToken", Type.SECRET, null, false,
            "OAuth access token for Auth_Flow=0; replace it with Connection.setClientInfo(\"Auth_AccessToken\", token)"
                    + " (never logged or shown)"),
    OAUTH2_CLIENT_ID("OAuth2ClientId", Type.STRING, null, false,
            "OAuth client id: the service principal's for Auth_Flow=1 (required); for Auth_Flow=2 a public client,"
                    + " default databricks-sql-jdbc"),
    OAUTH2_SECRET("OAuth2Secret", Type.SECRET, null, false,
            "OAuth client secret of the service principal for Auth_Flow=1 (never logged or shown)"),
    AUTH_SCOPE("Auth_Scope", Type.STRING, null, false,
            "Space-separated OAuth scopes; default: all-apis for Auth_Flow=1, 'sql offline_access' for Auth_Flow=2"
                    + " (without offline_access no refresh token is issued and every expiry needs the browser)"),
    OAUTH2_TOKEN_ENDPOINT("OAuth2TokenEndpoint", Type.STRING, null, false,
            "Token endpoint URL for Auth_Flow=1 and 2; default: found by OIDC discovery at"
                    + " <host>/oidc/.well-known/oauth-authorization-server", "OAuth2ConnAuthTokenEndpoint"),
    OAUTH2_AUTHORIZATION_ENDPOINT("OAuth2ConnAuthAuthorizeEndpoint", Type.STRING, null, false,
            "Authorization endpoint URL for Auth_Flow=2; default: found by OIDC discovery",
            "OAuth2AuthorizationEndPoint"),
    AUTH_REFRESH_TOKEN("Auth_RefreshToken", Type.SECRET, null, false,
            "OAuth refresh token to start Auth_Flow=2 from without a browser; if refused, the connection fails"
                    + " (never logged or shown)", "OAuthRefreshToken"),
    OAUTH2_REDIRECT_URL_PORT("OAuth2RedirectUrlPort", Type.INTEGER, "8020", false,
            "Port of the loopback listener (127.0.0.1) the browser is redirected to after sign-in, as"
                    + " http://localhost:<port>; a port in use fails the sign-in with 28000; 0 = any free port"),
    OAUTH_WEB_SERVER_TIMEOUT("OAuthWebServerTimeout", Type.INTEGER, "120", false,
            "Seconds to wait for the browser sign-in of Auth_Flow=2 before failing with 28000"),
    ENABLE_TOKEN_CACHE("EnableTokenCache", Type.BOOLEAN, "0", false,
            "1 = keep the Auth_Flow=2 refresh token in an encrypted file (TokenCacheFile, key from"
                    + " TokenCachePassPhrase) so that later connections need no browser"),
    TOKEN_CACHE_PASS_PHRASE("TokenCachePassPhrase", Type.SECRET, null, false,
            "Pass phrase the token cache key is derived from; required with EnableTokenCache=1 (never logged or"
                    + " shown)"),
    TOKEN_CACHE_FILE("TokenCacheFile", Type.STRING, null, false,
            "Path of the encrypted token cache; default: .sluice/oauth-tokens in the user's home directory"),
    TOKEN_REFRESH_MARGIN("TokenRefreshMargin", Type.INTEGER, "60", false,
            "Seconds before expiry at which an OAuth token is renewed (at most half its lifetime)"),
    AZURE_TENANT_ID("AzureTenantId", Type.STRING, null, false,
            "Entra ID tenant (GUID or domain) of an Azure service principal: with Auth_Flow=1, OAuth2ClientId and"
                    + " OAuth2Secret are its application's client id and secret and the tokens come from Entra ID"),
    AZURE_WORKSPACE_RESOURCE_ID("azure_workspace_resource_id", Type.STRING, null, false,
            "Azure resource id of the workspace (/subscriptions/<id>/resourceGroups/<group>/providers/"
                    + "Microsoft.Databricks/workspaces/<name>), sent with an Azure service principal's tokens;"
                    + " needed when the principal is not a workspace user"),
    AZURE_LOGIN_ENDPOINT("AzureLoginEndpoint", Type.STRING, "https://login.microsoftonline.com/", false,
            "Entra ID login endpoint of an Azure service principal (https://login.microsoftonline.us/ for Azure"
                    + " Government, https://login.chinacloudapi.cn/ for Azure China)"),
    UID("UID", Type.STRING, "token", false,
            "User name; must be 'token' for personal access token authentication", "user"),
    PWD("PWD", Type.SECRET, null, false,
            "Personal access token (never logged or shown)", "password"),
    SSL("ssl", Type.BOOLEAN, "1", false,
            "1 = HTTPS (TLS 1.2+); 0 = plain HTTP, for loopback servers such as the local warehouse"),
    SSL_TRUST_STORE("SSLTrustStore", Type.STRING, null, false,
            "Trust store file (JKS or PKCS12) holding the certificates to trust for HTTPS; replaces the JVM's default"
                    + " trust unless UseSystemTrustStore=1 is set too"),
    SSL_TRUST_STORE_PWD("SSLTrustStorePwd", Type.SECRET, null, false,
            "Password of SSLTrustStore (never logged or shown)"),
    SSL_TRUST_STORE_TYPE("SSLTrustStoreType", Type.STRING, "JKS", false,
            "Type of SSLTrustStore: JKS or PKCS12 (JKS also reads PKCS12 files)"),
    USE_SYSTEM_TRUST_STORE("UseSystemTrustStore", Type.BOOLEAN, "0", false,
            "1 = trust the JVM's default trust store plus the operating system's (Windows-ROOT, the macOS keychain,"
                    + " the Linux CA bundle); 0 = the JVM's default trust store only"),
    ALLOW_SELF_SIGNED_CERTS("AllowSelfSignedCerts", Type.BOOLEAN, "0", false,
            "Refused when 1 (it would trust any certificate); put the server's certificate in SSLTrustStore instead"),
    USE_PROXY("UseProxy", Type.BOOLEAN, "0", false,
            "1 = send every request through the HTTP proxy ProxyHost:ProxyPort"),
    PROXY_HOST("ProxyHost", Type.STRING, null, false,
            "Host of the HTTP proxy used with UseProxy=1"),
    PROXY_PORT("ProxyPort", Type.INTEGER, null, false,
            "Port of the HTTP proxy used with UseProxy=1"),
    PROXY_AUTH("ProxyAuth", Type.INTEGER, "0", false,
            "Proxy authentication: 0 = none; 1 = Basic with ProxyUID and ProxyPwd, sent only to the proxy"),
    PROXY_UID("ProxyUID", Type.STRING, null, false,
            "User name for the proxy with ProxyAuth=1"),
    PROXY_PWD("ProxyPwd", Type.SECRET, null, false,
            "Password for the proxy with ProxyAuth=1 (never logged or shown)"),
    PROXY_IGNORE_LIST("ProxyIgnoreList", Type.STRING, null, false,
            "Hosts reached without the proxy, separated by commas or |; *.example.com matches subdomains"),
    USE_SYSTEM_PROXY("UseSystemProxy", Type.BOOLEAN, "0", false,
            "1 = use the JVM's default proxy selector (http(s).proxyHost, java.net.useSystemProxies); ProxyAuth"
                    + " credentials still apply"),
    USE_CF_PROXY("UseCFProxy", Type.BOOLEAN, "0", false,
            "1 = download external result links (cloud fetch) through CFProxyHost:CFProxyPort instead of the"
                    + " UseProxy proxy"),
    CF_PROXY_HOST("CFProxyHost", Type.STRING, null, false,
            "Host of the HTTP proxy for result downloads with UseCFProxy=1"),
    CF_PROXY_PORT("CFProxyPort", Type.INTEGER, null, false,
            "Port of the HTTP proxy for result downloads with UseCFProxy=1"),
    CF_PROXY_AUTH("CFProxyAuth", Type.INTEGER, "0", false,
            "Authentication for the download proxy: 0 = none; 1 = Basic with CFProxyUID and CFProxyPwd"),
    CF_PROXY_UID("CFProxyUID", Type.STRING, null, false,
            "User name for the download proxy with CFProxyAuth=1"),
    CF_PROXY_PWD("CFProxyPwd", Type.SECRET, null, false,
            "Password for the download proxy with CFProxyAuth=1 (never logged or shown)"),
    PORT("port", Type.INTEGER, "443", false,
            "Port when the URL names none"),
    CONN_CATALOG("ConnCatalog", Type.STRING, null, false,
            "Initial catalog of the session", "catalog"),
    CONN_SCHEMA("ConnSchema", Type.STRING, null, false,
            "Initial schema of the session; the URL path (/<schema>) sets it too", "schema", "database"),
    USE_THRIFT_CLIENT("UseThriftClient", Type.BOOLEAN, "0", false,
            "Accepted for compatibility; Sluice always speaks the Statement Execution API"),
    IGNORE_TRANSACTIONS("IgnoreTransactions", Type.BOOLEAN, "1", false,
            "1 = setAutoCommit(false), commit() and rollback() send nothing to the server: every statement commits"
                    + " on its own, and a rollback() after writes adds a SQLWarning naming them; 0 = Databricks SQL"
                    + " transactions (SET AUTOCOMMIT, COMMIT, ROLLBACK; tables need catalog-managed commits)"),
    ENABLE_QUERY_RESULT_DOWNLOAD("EnableQueryResultDownload", Type.BOOLEAN, "1", false,
            "1 = Arrow results inline or through external links (cloud fetch); 0 = inline JSON rows only"),
    ENABLE_QUERY_RESULT_LZ4_COMPRESSION("EnableQueryResultLZ4Compression", Type.BOOLEAN, "1", false,
            "Ask the server to LZ4-frame Arrow results", "QueryResultCompressionEnabled"),
    ENABLE_ARROW("EnableArrow", Type.BOOLEAN, "1", false,
            "0 = ask for JSON_ARRAY results instead of Arrow"),
    CLOUD_FETCH_THREAD_POOL_SIZE("cloudFetchThreadPoolSize", Type.INTEGER, "0", false,
            "Parallel downloads of external result links per result set; 0 = one per core, from 2 to 16"),
    RESULT_BUFFER_BYTES("ResultBufferBytes", Type.LONG, "0", false,
            "Bytes of downloaded result chunks held ahead of the reader; 0 = 16 MiB per parallel download plus 32 MiB,"
                    + " at most a quarter of the heap (at least 16 MiB)"),
    SOCKET_TIMEOUT("SocketTimeout", Type.INTEGER, "900", false,
            "Seconds a single HTTP request may take before it fails; 0 = no limit"),
    CONNECT_TIMEOUT("ConnectTimeout", Type.INTEGER, "30", false,
            "Seconds to establish a TCP/TLS connection"),
    WAIT_TIMEOUT("WaitTimeout", Type.INTEGER, "0", false,
            "Seconds the server waits for a statement before answering: 0 = asynchronous (the id comes back at once,"
                    + " so cancel, close and interrupt reach the server at any time), 5..50 = hybrid (a cancel during"
                    + " that wait reaches the server only when it ends)"),
    ASYNC_EXEC_POLL_INTERVAL("AsyncExecPollInterval", Type.INTEGER, "200", false,
            "Longest pause in milliseconds between status polls of a running statement"),
    STATEMENT_SUBMIT_TIMEOUT("StatementSubmitTimeout", Type.INTEGER, "30", false,
            "Seconds the statement POST may wait for its response; raised to WaitTimeout + 10 when lower, because the"
                    + " server holds the response for up to WaitTimeout"),
    STATEMENT_POLL_TIMEOUT("StatementPollTimeout", Type.INTEGER, "10", false,
            "Seconds one status poll of a running statement may take"),
    STATEMENT_TIMEOUT("StatementTimeout", Type.INTEGER, "300", false,
            "Seconds a statement may run in all when the application set no query timeout; then it is cancelled on"
                    + " the server and fails with SQLState HYT00; 0 = no limit; setQueryTimeout wins"),
    CHUNK_FETCH_TIMEOUT("ChunkFetchTimeout", Type.INTEGER, "60", false,
            "Seconds one result chunk request may take, and the longest wait for data of an external-link download"),
    RATE_LIMIT_RETRY("RateLimitRetry", Type.BOOLEAN, "1", false,
            "1 = retry requests answered 429 (rate limited), waiting as Retry-After says; 0 = fail at once"),
    RATE_LIMIT_RETRY_TIMEOUT("RateLimitRetryTimeout", Type.INTEGER, "120", false,
            "Seconds one request may spend retrying after 429 answers, from the first; 0 = only RequestRetryTimeout"),
    RATE_LIMIT_RETRY_ATTEMPTS("RateLimitRetryAttempts", Type.INTEGER, "5", false,
            "Attempts of a request answered 429, the first included"),
    RATE_LIMIT_RETRY_BACKOFF("RateLimitRetryBackoff", Type.INTEGER, "1000", false,
            "Milliseconds before the first retry after a 429 without Retry-After; doubled after each failure"),
    TEMPORARILY_UNAVAILABLE_RETRY("TemporarilyUnavailableRetry", Type.BOOLEAN, "1", false,
            "1 = retry requests answered 503 (temporarily unavailable) or that could not connect; 0 = fail at once"),
    TEMPORARILY_UNAVAILABLE_RETRY_TIMEOUT("TemporarilyUnavailableRetryTimeout", Type.INTEGER, "900", false,
            "Seconds one request may spend retrying after 503 answers, from the first; 0 = only RequestRetryTimeout"),
    TEMPORARILY_UNAVAILABLE_RETRY_ATTEMPTS("TemporarilyUnavailableRetryAttempts", Type.INTEGER, "3", false,
            "Attempts of a request answered 503 or that could not connect, the first included"),
    TEMPORARILY_UNAVAILABLE_RETRY_BACKOFF("TemporarilyUnavailableRetryBackoff", Type.INTEGER, "1000", false,
            "Milliseconds before the first retry after a 503 without Retry-After; doubled after each failure"),
    INTERNAL_ERROR_RETRY_ATTEMPTS("InternalErrorRetryAttempts", Type.INTEGER, "3", false,
            "Attempts of an idempotent request answered 500, 502 or 504 or whose connection broke (a statement"
                    + " submission is never repeated after these)"),
    INTERNAL_ERROR_RETRY_BACKOFF("InternalErrorRetryBackoff", Type.INTEGER, "500", false,
            "Milliseconds before the first retry after a server error; doubled after each failure"),
    CONCURRENT_MODIFICATION_RETRY_ATTEMPTS("ConcurrentModificationRetryAttempts", Type.INTEGER, "3", false,
            "Runs of a statement that failed with a Delta concurrent-write conflict (nothing was committed), and"
                    + " attempts of a request answered 409; the first included"),
    CONCURRENT_MODIFICATION_RETRY_BACKOFF("ConcurrentModificationRetryBackoff", Type.INTEGER, "100", false,
            "Milliseconds before running a statement again after a concurrent-write conflict; doubled after each"),
    REQUEST_RETRY_TIMEOUT("RequestRetryTimeout", Type.INTEGER, "300", false,
            "Seconds one request may take with all its retries and waits; a wait that would pass it is not started;"
                    + " 0 = no limit"),
    CIRCUIT_BREAKER_FAILURE_THRESHOLD("CircuitBreakerFailureThreshold", Type.INTEGER, "5", false,
            "Failed requests in a row (after their retries; 429, 5xx and network failures, never 4xx) that open the"
                    + " circuit breaker of the workspace host, shared by its connections in the JVM; 0 = no breaker"),
    CIRCUIT_BREAKER_DELAY("CircuitBreakerDelay", Type.INTEGER, "60", false,
            "Seconds an open circuit breaker fails requests at once (SQLTransientConnectionException) before letting"
                    + " them through again"),
    CIRCUIT_BREAKER_SUCCESS_THRESHOLD("CircuitBreakerSuccessThreshold", Type.INTEGER, "2", false,
            "Successful requests in a row that close a half-open circuit breaker; one failure opens it again"),
    SIMULATION("Simulation", Type.STRING, "off", false,
            "off = talk to the workspace; record = talk to it and write every exchange to SimulationDir as WireMock"
                    + " mappings, secrets redacted; replay = answer every request from the recording in SimulationDir,"
                    + " opening no socket (an unrecorded request fails naming the closest recorded one); dry-run = reads"
                    + " run, writing statements are planned with EXPLAIN and not run (update count 0, the plan as a"
                    + " warning), job submissions and workspace writes are validated and skipped; mock = every request is"
                    + " answered in-process by the MockWorkspace named by SimulationMock, no socket"),
    SIMULATION_DIR("SimulationDir", Type.STRING, null, false,
            "Directory of the recording (mappings/ and __files/) for Simulation=record or replay"),
    SIMULATION_MOCK("SimulationMock", Type.STRING, null, false,
            "Name of the dev.sluice.jdbc.simulate.MockWorkspace that answers a Simulation=mock connection"),
    USER_AGENT_ENTRY("UserAgentEntry", Type.STRING, null, false,
            "Text appended to the User-Agent header"),
    LOG_LEVEL("LogLevel", Type.INTEGER, "0", false,
            "Accepted for compatibility (0-6); Sluice logs through SLF4J, configure levels there"),
    DEFAULT_STRING_COLUMN_LENGTH("DefaultStringColumnLength", Type.INTEGER, "255", false,
            "Precision and display size reported for STRING columns"),
    ENABLE_COMPLEX_DATATYPE_SUPPORT("EnableComplexDatatypeSupport", Type.BOOLEAN, "0", false,
            "1 = ARRAY/MAP/STRUCT as java.sql.Array, java.util.Map and java.sql.Struct; 0 = JSON text"),
    ROWS_FETCHED_PER_BLOCK("RowsFetchedPerBlock", Type.INTEGER, "2000000", false,
            "Accepted for compatibility; the result buffer is bounded by ResultBufferBytes instead"),
    BATCH_INSERT_LITERALS("BatchInsertLiterals", Type.BOOLEAN, "1", false,
            "1 = a PreparedStatement batch of INSERT INTO ... VALUES (?, ...) packs the rows beyond the 256 parameters"
                    + " of a statement into its text as typed, escaped literals, up to 4 MiB of text per statement;"
                    + " 0 = only as many rows per statement as fit in 256 parameters"),
    ENABLE_TELEMETRY("EnableTelemetry", Type.BOOLEAN, "0", false,
            "Accepted for compatibility; Sluice sends no telemetry"),
    TIMESTAMP_AS_WALL_CLOCK("TimestampAsWallClock", Type.BOOLEAN, "0", false,
            "1 = getTimestamp/getObject of a TIMESTAMP give the session's wall-clock reading in the JVM's zone, as"
                    + " Databricks' own driver does; 0 = the true instant"),
    TIMEZONE("TIMEZONE", Type.STRING, null, false,
            "Session time zone (sent as the TIMEZONE session configuration); default: the server's"),
    PROCEDURE_NAMESPACE("ProcedureNamespace", Type.STRING, "sluice", false,
            "Namespace of the built-in procedures (CALL sluice.delta_merge(...)), which run in the driver through"
                    + " sluice-dao; every other CALL goes to the server. Rename it if a catalog is called sluice"),
    VOLUME_OPERATION_ALLOWED_LOCAL_PATHS("VolumeOperationAllowedLocalPaths", Type.STRING, null, false,
            "Comma-separated local directories that the volume commands PUT '<file>' INTO and GET ... TO '<file>'"
                    + " may read or write, checked after resolving '..' and symbolic links (anything else: 42501);"
                    + " default none, so that no SQL text can make the driver touch local files",
            "StagingAllowedLocalPaths");

    /** Prefix of properties that add an HTTP header to every API request: http.header.X-Name=value. */
    public static final String HTTP_HEADER_PREFIX = "http.header.";

    /** How a property's value is read and checked. */
    public enum Type { STRING, SECRET, INTEGER, LONG, BOOLEAN }

    private static final Map<String, ConnectionProperty> BY_KEY;

    static {
        Map<String, ConnectionProperty> m = new HashMap<>();
        for (ConnectionProperty p : values()) {
            m.put(p.propertyName.toLowerCase(Locale.ROOT), p);
            for (String a : p.aliases) {
                m.put(a.toLowerCase(Locale.ROOT), p);
            }
        }
        BY_KEY = Collections.unmodifiableMap(m);
    }

    private final String propertyName;
    private final Type type;
    private final String defaultValue;
    private final boolean required;
    private final String description;
    private final List<String> aliases;

    ConnectionProperty(String name, Type type, String defaultValue, boolean required, String description,
                       String... aliases) {
        this.propertyName = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.required = required;
        this.description = description;
        this.aliases = List.of(aliases);
    }

    /** The canonical (official driver's) spelling. */
    public String propertyName() {
        return propertyName;
    }

    public Type type() {
        return type;
    }

    /** The default as text, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return required;
    }

    public String description() {
        return description;
    }

    /** Other spellings accepted for the same property. */
    public List<String> aliases() {
        return aliases;
    }

    public boolean isSecret() {
        return type == Type.SECRET;
    }

    /** The property for a key in any accepted spelling and case, or null. */
    public static ConnectionProperty forKey(String key) {
        return key == null ? null : BY_KEY.get(key.trim().toLowerCase(Locale.ROOT));
    }

    /** The raw value as set, else the default (may be null). */
    public String get(ConnectionConfig config) {
        String v = config.raw(this);
        return v != null ? v : defaultValue;
    }

    public String stringValue(ConnectionConfig config) {
        return get(config);
    }

    public int intValue(ConnectionConfig config) throws SQLException {
        return (int) parseLong(get(config), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long longValue(ConnectionConfig config) throws SQLException {
        return parseLong(get(config), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public boolean booleanValue(ConnectionConfig config) throws SQLException {
        return parseBoolean(get(config));
    }

    /**
     * The value of a secret property as a {@link Secret}, with {@code ${env:NAME}} and {@code ${file:PATH}} resolved
     * (see {@link SecretValues}); null when not set.
     *
     * @throws SQLException 28000 when a reference cannot be resolved (naming the variable or path, never a value)
     */
    public Secret secretValue(ConnectionConfig config) throws SQLException {
        return SecretValues.fromProcess().resolve(this, get(config));
    }

    /** Integer seconds read as a Duration; 0 stays zero (callers decide what "no limit" means). */
    public Duration secondsValue(ConnectionConfig config) throws SQLException {
        return Duration.ofSeconds(intValue(config));
    }

    /** Checks that {@code value} is acceptable for this property's type. */
    public void validate(String value) throws SQLException {
        if (value == null) {
            return;
        }
        switch (type) {
            case INTEGER:
                parseLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                break;
            case LONG:
                parseLong(value, Long.MIN_VALUE, Long.MAX_VALUE);
                break;
            case BOOLEAN:
                parseBoolean(value);
                break;
            default:
                break;
        }
    }

    /** Choices shown by getPropertyInfo, or null when the value is free. */
    public String[] choices() {
        return type == Type.BOOLEAN ? new String[] {"0", "1"} : null;
    }

    private long parseLong(String value, long min, long max) throws SQLException {
        if (value == null) {
            throw invalid(null, "a number is required");
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v < min || v > max || v < 0) {
                throw invalid(value, v < 0 ? "must not be negative" : "out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(value, "expected a whole number");
        }
    }

    private boolean parseBoolean(String value) throws SQLException {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "1":
            case "true":
            case "yes":
            case "on":
                return true;
            case "0":
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw invalid(value, "expected 0 or 1");
        }
    }

    private SQLException invalid(String value, String why) {
        String shown = isSecret() ? "<redacted>" : value;
        return Errors.of(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value '" + shown + "' for connection property " + propertyName + ": " + why);
    }

    @Override
    public String toString() {
        return propertyName;
    }

    /** Every accepted spelling, canonical name first. */
    public List<String> spellings() {
        String[] all = new String[aliases.size() + 1];
        all[0] = propertyName;
        for (int i = 0; i < aliases.size(); i++) {
            all[i + 1] = aliases.get(i);
        }
        return Arrays.asList(all);
    }
}
