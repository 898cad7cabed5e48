package dev.sluice.jdbc;

import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.config.JdbcUrl;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.jdbc.SluiceConnection;
import dev.sluice.jdbc.internal.jdbc.Wrappers;
import java.io.PrintWriter;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for pools and frameworks that configure bean properties: set {@link #setUrl url}
 * and/or any connection property through its setter (one getter and setter per {@link ConnectionProperty},
 * named after the official spelling: {@code setHttpPath}, {@code setAuthMech}, {@code setPWD}, ...).
 * Values set here win over the same keys in the URL. Values are checked when a connection is opened.
 */
public class SluiceDataSource implements DataSource, Serializable {
    private static final long serialVersionUID = 1L;

    private String url;
    private final Properties properties = new Properties();
    private transient PrintWriter logWriter;
    private int loginTimeout;

    /** The base URL, {@code jdbc:databricks://host[:port][/schema][;key=value...]}. */
    public void setUrl(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** Sets any property by any accepted spelling, including {@code http.header.*} and {@code ssp_*}. */
    public void setProperty(String key, String value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.setProperty(key, value);
        }
    }

    private void set(ConnectionProperty p, String value) {
        setProperty(p.propertyName(), value);
    }

    private String get(ConnectionProperty p) {
        return properties.getProperty(p.propertyName());
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (url == null) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "SluiceDataSource needs a url: "
                    + "jdbc:databricks://host[:port][/schema];httpPath=...");
        }
        return SluiceConnection.open(ConnectionConfig.ofDataSource(JdbcUrl.parse(url), properties), url);
    }

    /** The user name and password override UID and PWD. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        SluiceDataSource copy = new SluiceDataSource();
        copy.url = url;
        copy.properties.putAll(properties);
        copy.setUID(username);
        copy.setPWD(password);
        return copy.getConnection();
    }

    /** @see ConnectionProperty#HTTP_PATH */
    public void setHttpPath(String value) {
        set(ConnectionProperty.HTTP_PATH, value);
    }

    /** @see ConnectionProperty#HTTP_PATH */
    public String getHttpPath() {
        return get(ConnectionProperty.HTTP_PATH);
    }

    /** @see ConnectionProperty#AUTH_MECH */
    public void setAuthMech(String value) {
        set(ConnectionProperty.AUTH_MECH, value);
    }

    /** @see ConnectionProperty#AUTH_MECH */
    public String getAuthMech() {
        return get(ConnectionProperty.AUTH_MECH);
    }

    /** @see ConnectionProperty#AUTH_FLOW */
    public void setAuth_Flow(String value) {
        set(ConnectionProperty.AUTH_FLOW, value);
    }

    /** @see ConnectionProperty#AUTH_FLOW */
    public String getAuth_Flow() {
        return get(ConnectionProperty.AUTH_FLOW);
    }

    /** @see ConnectionProperty#AUTH_ACCESS_TOKEN */
    public void setAuth_AccessToken(String value) {
        set(ConnectionProperty.AUTH_ACCESS_TOKEN, value);
    }

    /** @see ConnectionProperty#AUTH_ACCESS_TOKEN */
    public String getAuth_AccessToken() {
        return get(ConnectionProperty.AUTH_ACCESS_TOKEN);
    }

    /** @see ConnectionProperty#OAUTH2_CLIENT_ID */
    public void setOAuth2ClientId(String value) {
        set(ConnectionProperty.OAUTH2_CLIENT_ID, value);
    }

    /** @see ConnectionProperty#OAUTH2_CLIENT_ID */
    public String getOAuth2ClientId() {
        return get(ConnectionProperty.OAUTH2_CLIENT_ID);
    }

    /** @see ConnectionProperty#OAUTH2_SECRET */
    public void setOAuth2Secret(String value) {
        set(ConnectionProperty.OAUTH2_SECRET, value);
    }

    /** @see ConnectionProperty#OAUTH2_SECRET */
    public String getOAuth2Secret() {
        return get(ConnectionProperty.OAUTH2_SECRET);
    }

    /** @see ConnectionProperty#AUTH_SCOPE */
    public void setAuth_Scope(String value) {
        set(ConnectionProperty.AUTH_SCOPE, value);
    }

    /** @see ConnectionProperty#AUTH_SCOPE */
    public String getAuth_Scope() {
        return get(ConnectionProperty.AUTH_SCOPE);
    }

    /** @see ConnectionProperty#OAUTH2_TOKEN_ENDPOINT */
    public void setOAuth2TokenEndpoint(String value) {
        set(ConnectionProperty.OAUTH2_TOKEN_ENDPOINT, value);
    }

    /** @see ConnectionProperty#OAUTH2_TOKEN_ENDPOINT */
    public String getOAuth2TokenEndpoint() {
        return get(ConnectionProperty.OAUTH2_TOKEN_ENDPOINT);
    }

    /** @see ConnectionProperty#OAUTH2_AUTHORIZATION_ENDPOINT */
    public void setOAuth2ConnAuthAuthorizeEndpoint(String value) {
        set(ConnectionProperty.OAUTH2_AUTHORIZATION_ENDPOINT, value);
    }

    /** @see ConnectionProperty#OAUTH2_AUTHORIZATION_ENDPOINT */
    public String getOAuth2ConnAuthAuthorizeEndpoint() {
        return get(ConnectionProperty.OAUTH2_AUTHORIZATION_ENDPOINT);
    }

    /** @see ConnectionProperty#AUTH_REFRESH_TOKEN */
    public void setAuth_RefreshToken(String value) {
        set(ConnectionProperty.AUTH_REFRESH_TOKEN, value);
    }

    /** @see ConnectionProperty#AUTH_REFRESH_TOKEN */
    public String getAuth_RefreshToken() {
        return get(ConnectionProperty.AUTH_REFRESH_TOKEN);
    }

    /** @see ConnectionProperty#OAUTH2_REDIRECT_URL_PORT */
    public void setOAuth2RedirectUrlPort(String value) {
        set(ConnectionProperty.OAUTH2_REDIRECT_URL_PORT, value);
    }

    /** @see ConnectionProperty#OAUTH2_REDIRECT_URL_PORT */
    public String getOAuth2RedirectUrlPort() {
        return get(ConnectionProperty.OAUTH2_REDIRECT_URL_PORT);
    }

    /** @see ConnectionProperty#OAUTH_WEB_SERVER_TIMEOUT */
    public void setOAuthWebServerTimeout(String value) {
        set(ConnectionProperty.OAUTH_WEB_SERVER_TIMEOUT, value);
    }

    /** @see ConnectionProperty#OAUTH_WEB_SERVER_TIMEOUT */
    public String getOAuthWebServerTimeout() {
        return get(ConnectionProperty.OAUTH_WEB_SERVER_TIMEOUT);
    }

    /** @see ConnectionProperty#ENABLE_TOKEN_CACHE */
    public void setEnableTokenCache(String value) {
        set(ConnectionProperty.ENABLE_TOKEN_CACHE, value);
    }

    /** @see ConnectionProperty#ENABLE_TOKEN_CACHE */
    public String getEnableTokenCache() {
        return get(ConnectionProperty.ENABLE_TOKEN_CACHE);
    }

    /** @see ConnectionProperty#TOKEN_CACHE_PASS_PHRASE */
    public void setTokenCachePassPhrase(String value) {
        set(ConnectionProperty.TOKEN_CACHE_PASS_PHRASE, value);
    }

    /** @see ConnectionProperty#TOKEN_CACHE_PASS_PHRASE */
    public String getTokenCachePassPhrase() {
        return get(ConnectionProperty.TOKEN_CACHE_PASS_PHRASE);
    }

    /** @see ConnectionProperty#TOKEN_CACHE_FILE */
    public void setTokenCacheFile(String value) {
        set(ConnectionProperty.TOKEN_CACHE_FILE, value);
    }

    /** @see ConnectionProperty#TOKEN_CACHE_FILE */
    public String getTokenCacheFile() {
        return get(ConnectionProperty.TOKEN_CACHE_FILE);
    }

    /** @see ConnectionProperty#TOKEN_REFRESH_MARGIN */
    public void setTokenRefreshMargin(String value) {
        set(ConnectionProperty.TOKEN_REFRESH_MARGIN, value);
    }

    /** @see ConnectionProperty#TOKEN_REFRESH_MARGIN */
    public String getTokenRefreshMargin() {
        return get(ConnectionProperty.TOKEN_REFRESH_MARGIN);
    }

    /** @see ConnectionProperty#AZURE_TENANT_ID */
    public void setAzureTenantId(String value) {
        set(ConnectionProperty.AZURE_TENANT_ID, value);
    }

    /** @see ConnectionProperty#AZURE_TENANT_ID */
    public String getAzureTenantId() {
        return get(ConnectionProperty.AZURE_TENANT_ID);
    }

    /** @see ConnectionProperty#AZURE_WORKSPACE_RESOURCE_ID */
    public void setAzure_workspace_resource_id(String value) {
        set(ConnectionProperty.AZURE_WORKSPACE_RESOURCE_ID, value);
    }

    /** @see ConnectionProperty#AZURE_WORKSPACE_RESOURCE_ID */
    public String getAzure_workspace_resource_id() {
        return get(ConnectionProperty.AZURE_WORKSPACE_RESOURCE_ID);
    }

    /** @see ConnectionProperty#AZURE_LOGIN_ENDPOINT */
    public void setAzureLoginEndpoint(String value) {
        set(ConnectionProperty.AZURE_LOGIN_ENDPOINT, value);
    }

    /** @see ConnectionProperty#AZURE_LOGIN_ENDPOINT */
    public String getAzureLoginEndpoint() {
        return get(ConnectionProperty.AZURE_LOGIN_ENDPOINT);
    }

    /** @see ConnectionProperty#UID */
    public void setUID(String value) {
        set(ConnectionProperty.UID, value);
    }

    /** @see ConnectionProperty#UID */
    public String getUID() {
        return get(ConnectionProperty.UID);
    }

    /** @see ConnectionProperty#PWD */
    public void setPWD(String value) {
        set(ConnectionProperty.PWD, value);
    }

    /** @see ConnectionProperty#PWD */
    public String getPWD() {
        return get(ConnectionProperty.PWD);
    }

    /** @see ConnectionProperty#SSL */
    public void setSsl(String value) {
        set(ConnectionProperty.SSL, value);
    }

    /** @see ConnectionProperty#SSL */
    public String getSsl() {
        return get(ConnectionProperty.SSL);
    }

    /** @see ConnectionProperty#PORT */
    public void setPort(String value) {
        set(ConnectionProperty.PORT, value);
    }

    /** @see ConnectionProperty#PORT */
    public String getPort() {
        return get(ConnectionProperty.PORT);
    }

    /** @see ConnectionProperty#CONN_CATALOG */
    public void setConnCatalog(String value) {
        set(ConnectionProperty.CONN_CATALOG, value);
    }

    /** @see ConnectionProperty#CONN_CATALOG */
    public String getConnCatalog() {
        return get(ConnectionProperty.CONN_CATALOG);
    }

    /** @see ConnectionProperty#CONN_SCHEMA */
    public void setConnSchema(String value) {
        set(ConnectionProperty.CONN_SCHEMA, value);
    }

    /** @see ConnectionProperty#CONN_SCHEMA */
    public String getConnSchema() {
        return get(ConnectionProperty.CONN_SCHEMA);
    }

    /** @see ConnectionProperty#USE_THRIFT_CLIENT */
    public void setUseThriftClient(String value) {
        set(ConnectionProperty.USE_THRIFT_CLIENT, value);
    }

    /** @see ConnectionProperty#USE_THRIFT_CLIENT */
    public String getUseThriftClient() {
        return get(ConnectionProperty.USE_THRIFT_CLIENT);
    }

    /** @see ConnectionProperty#IGNORE_TRANSACTIONS */
    public void setIgnoreTransactions(String value) {
        set(ConnectionProperty.IGNORE_TRANSACTIONS, value);
    }

    /** @see ConnectionProperty#IGNORE_TRANSACTIONS */
    public String getIgnoreTransactions() {
        return get(ConnectionProperty.IGNORE_TRANSACTIONS);
    }

    /** @see ConnectionProperty#ENABLE_QUERY_RESULT_DOWNLOAD */
    public void setEnableQueryResultDownload(String value) {
        set(ConnectionProperty.ENABLE_QUERY_RESULT_DOWNLOAD, value);
    }

    /** @see ConnectionProperty#ENABLE_QUERY_RESULT_DOWNLOAD */
    public String getEnableQueryResultDownload() {
        return get(ConnectionProperty.ENABLE_QUERY_RESULT_DOWNLOAD);
    }

    /** @see ConnectionProperty#ENABLE_QUERY_RESULT_LZ4_COMPRESSION */
    public void setEnableQueryResultLZ4Compression(String value) {
        set(ConnectionProperty.ENABLE_QUERY_RESULT_LZ4_COMPRESSION, value);
    }

    /** @see ConnectionProperty#ENABLE_QUERY_RESULT_LZ4_COMPRESSION */
    public String getEnableQueryResultLZ4Compression() {
        return get(ConnectionProperty.ENABLE_QUERY_RESULT_LZ4_COMPRESSION);
    }

    /** @see ConnectionProperty#ENABLE_ARROW */
    public void setEnableArrow(String value) {
        set(ConnectionProperty.ENABLE_ARROW, value);
    }

    /** @see ConnectionProperty#ENABLE_ARROW */
    public String getEnableArrow() {
        return get(ConnectionProperty.ENABLE_ARROW);
    }

    /** @see ConnectionProperty#CLOUD_FETCH_THREAD_POOL_SIZE */
    public void setCloudFetchThreadPoolSize(String value) {
        set(ConnectionProperty.CLOUD_FETCH_THREAD_POOL_SIZE, value);
    }

    /** @see ConnectionProperty#CLOUD_FETCH_THREAD_POOL_SIZE */
    public String getCloudFetchThreadPoolSize() {
        return get(ConnectionProperty.CLOUD_FETCH_THREAD_POOL_SIZE);
    }

    /** @see ConnectionProperty#RESULT_BUFFER_BYTES */
    public void setResultBufferBytes(String value) {
        set(ConnectionProperty.RESULT_BUFFER_BYTES, value);
    }

    /** @see ConnectionProperty#RESULT_BUFFER_BYTES */
    public String getResultBufferBytes() {
        return get(ConnectionProperty.RESULT_BUFFER_BYTES);
    }

    /** @see ConnectionProperty#SOCKET_TIMEOUT */
    public void setSocketTimeout(String value) {
        set(ConnectionProperty.SOCKET_TIMEOUT, value);
    }

    /** @see ConnectionProperty#SOCKET_TIMEOUT */
    public String getSocketTimeout() {
        return get(ConnectionProperty.SOCKET_TIMEOUT);
    }

    /** @see ConnectionProperty#CONNECT_TIMEOUT */
    public void setConnectTimeout(String value) {
        set(ConnectionProperty.CONNECT_TIMEOUT, value);
    }

    /** @see ConnectionProperty#CONNECT_TIMEOUT */
    public String getConnectTimeout() {
        return get(ConnectionProperty.CONNECT_TIMEOUT);
    }

    /** @see ConnectionProperty#WAIT_TIMEOUT */
    public void setWaitTimeout(String value) {
        set(ConnectionProperty.WAIT_TIMEOUT, value);
    }

    /** @see ConnectionProperty#WAIT_TIMEOUT */
    public String getWaitTimeout() {
        return get(ConnectionProperty.WAIT_TIMEOUT);
    }

    /** @see ConnectionProperty#SIMULATION */
    public void setSimulation(String value) {
        set(ConnectionProperty.SIMULATION, value);
    }

    /** @see ConnectionProperty#SIMULATION */
    public String getSimulation() {
        return get(ConnectionProperty.SIMULATION);
    }

    /** @see ConnectionProperty#SIMULATION_DIR */
    public void setSimulationDir(String value) {
        set(ConnectionProperty.SIMULATION_DIR, value);
    }

    /** @see ConnectionProperty#SIMULATION_DIR */
    public String getSimulationDir() {
        return get(ConnectionProperty.SIMULATION_DIR);
    }

    /** @see ConnectionProperty#SIMULATION_MOCK */
    public void setSimulationMock(String value) {
        set(ConnectionProperty.SIMULATION_MOCK, value);
    }

    /** @see ConnectionProperty#SIMULATION_MOCK */
    public String getSimulationMock() {
        return get(ConnectionProperty.SIMULATION_MOCK);
    }

    /** @see ConnectionProperty#ASYNC_EXEC_POLL_INTERVAL */
    public void setAsyncExecPollInterval(String value) {
        set(ConnectionProperty.ASYNC_EXEC_POLL_INTERVAL, value);
    }

    /** @see ConnectionProperty#ASYNC_EXEC_POLL_INTERVAL */
    public String getAsyncExecPollInterval() {
        return get(ConnectionProperty.ASYNC_EXEC_POLL_INTERVAL);
    }

    /** @see ConnectionProperty#STATEMENT_SUBMIT_TIMEOUT */
    public void setStatementSubmitTimeout(String value) {
        set(ConnectionProperty.STATEMENT_SUBMIT_TIMEOUT, value);
    }

    /** @see ConnectionProperty#STATEMENT_SUBMIT_TIMEOUT */
    public String getStatementSubmitTimeout() {
        return get(ConnectionProperty.STATEMENT_SUBMIT_TIMEOUT);
    }

    /** @see ConnectionProperty#STATEMENT_POLL_TIMEOUT */
    public void setStatementPollTimeout(String value) {
        set(ConnectionProperty.STATEMENT_POLL_TIMEOUT, value);
    }

    /** @see ConnectionProperty#STATEMENT_POLL_TIMEOUT */
    public String getStatementPollTimeout() {
        return get(ConnectionProperty.STATEMENT_POLL_TIMEOUT);
    }

    /** @see ConnectionProperty#STATEMENT_TIMEOUT */
    public void setStatementTimeout(String value) {
        set(ConnectionProperty.STATEMENT_TIMEOUT, value);
    }

    /** @see ConnectionProperty#STATEMENT_TIMEOUT */
    public String getStatementTimeout() {
        return get(ConnectionProperty.STATEMENT_TIMEOUT);
    }

    /** @see ConnectionProperty#CHUNK_FETCH_TIMEOUT */
    public void setChunkFetchTimeout(String value) {
        set(ConnectionProperty.CHUNK_FETCH_TIMEOUT, value);
    }

    /** @see ConnectionProperty#CHUNK_FETCH_TIMEOUT */
    public String getChunkFetchTimeout() {
        return get(ConnectionProperty.CHUNK_FETCH_TIMEOUT);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY */
    public void setRateLimitRetry(String value) {
        set(ConnectionProperty.RATE_LIMIT_RETRY, value);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY */
    public String getRateLimitRetry() {
        return get(ConnectionProperty.RATE_LIMIT_RETRY);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY_TIMEOUT */
    public void setRateLimitRetryTimeout(String value) {
        set(ConnectionProperty.RATE_LIMIT_RETRY_TIMEOUT, value);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY_TIMEOUT */
    public String getRateLimitRetryTimeout() {
        return get(ConnectionProperty.RATE_LIMIT_RETRY_TIMEOUT);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY_ATTEMPTS */
    public void setRateLimitRetryAttempts(String value) {
        set(ConnectionProperty.RATE_LIMIT_RETRY_ATTEMPTS, value);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY_ATTEMPTS */
    public String getRateLimitRetryAttempts() {
        return get(ConnectionProperty.RATE_LIMIT_RETRY_ATTEMPTS);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY_BACKOFF */
    public void setRateLimitRetryBackoff(String value) {
        set(ConnectionProperty.RATE_LIMIT_RETRY_BACKOFF, value);
    }

    /** @see ConnectionProperty#RATE_LIMIT_RETRY_BACKOFF */
    public String getRateLimitRetryBackoff() {
        return get(ConnectionProperty.RATE_LIMIT_RETRY_BACKOFF);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY */
    public void setTemporarilyUnavailableRetry(String value) {
        set(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY, value);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY */
    public String getTemporarilyUnavailableRetry() {
        return get(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY_TIMEOUT */
    public void setTemporarilyUnavailableRetryTimeout(String value) {
        set(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_TIMEOUT, value);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY_TIMEOUT */
    public String getTemporarilyUnavailableRetryTimeout() {
        return get(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_TIMEOUT);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY_ATTEMPTS */
    public void setTemporarilyUnavailableRetryAttempts(String value) {
        set(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_ATTEMPTS, value);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY_ATTEMPTS */
    public String getTemporarilyUnavailableRetryAttempts() {
        return get(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_ATTEMPTS);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY_BACKOFF */
    public void setTemporarilyUnavailableRetryBackoff(String value) {
        set(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_BACKOFF, value);
    }

    /** @see ConnectionProperty#TEMPORARILY_UNAVAILABLE_RETRY_BACKOFF */
    public String getTemporarilyUnavailableRetryBackoff() {
        return get(ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_BACKOFF);
    }

    /** @see ConnectionProperty#INTERNAL_ERROR_RETRY_ATTEMPTS */
    public void setInternalErrorRetryAttempts(String value) {
        set(ConnectionProperty.INTERNAL_ERROR_RETRY_ATTEMPTS, value);
    }

    /** @see ConnectionProperty#INTERNAL_ERROR_RETRY_ATTEMPTS */
    public String getInternalErrorRetryAttempts() {
        return get(ConnectionProperty.INTERNAL_ERROR_RETRY_ATTEMPTS);
    }

    /** @see ConnectionProperty#INTERNAL_ERROR_RETRY_BACKOFF */
    public void setInternalErrorRetryBackoff(String value) {
        set(ConnectionProperty.INTERNAL_ERROR_RETRY_BACKOFF, value);
    }

    /** @see ConnectionProperty#INTERNAL_ERROR_RETRY_BACKOFF */
    public String getInternalErrorRetryBackoff() {
        return get(ConnectionProperty.INTERNAL_ERROR_RETRY_BACKOFF);
    }

    /** @see ConnectionProperty#CONCURRENT_MODIFICATION_RETRY_ATTEMPTS */
    public void setConcurrentModificationRetryAttempts(String value) {
        set(ConnectionProperty.CONCURRENT_MODIFICATION_RETRY_ATTEMPTS, value);
    }

    /** @see ConnectionProperty#CONCURRENT_MODIFICATION_RETRY_ATTEMPTS */
    public String getConcurrentModificationRetryAttempts() {
        return get(ConnectionProperty.CONCURRENT_MODIFICATION_RETRY_ATTEMPTS);
    }

    /** @see ConnectionProperty#CONCURRENT_MODIFICATION_RETRY_BACKOFF */
    public void setConcurrentModificationRetryBackoff(String value) {
        set(ConnectionProperty.CONCURRENT_MODIFICATION_RETRY_BACKOFF, value);
    }

    /** @see ConnectionProperty#CONCURRENT_MODIFICATION_RETRY_BACKOFF */
    public String getConcurrentModificationRetryBackoff() {
        return get(ConnectionProperty.CONCURRENT_MODIFICATION_RETRY_BACKOFF);
    }

    /** @see ConnectionProperty#REQUEST_RETRY_TIMEOUT */
    public void setRequestRetryTimeout(String value) {
        set(ConnectionProperty.REQUEST_RETRY_TIMEOUT, value);
    }

    /** @see ConnectionProperty#REQUEST_RETRY_TIMEOUT */
    public String getRequestRetryTimeout() {
        return get(ConnectionProperty.REQUEST_RETRY_TIMEOUT);
    }

    /** @see ConnectionProperty#CIRCUIT_BREAKER_FAILURE_THRESHOLD */
    public void setCircuitBreakerFailureThreshold(String value) {
        set(ConnectionProperty.CIRCUIT_BREAKER_FAILURE_THRESHOLD, value);
    }

    /** @see ConnectionProperty#CIRCUIT_BREAKER_FAILURE_THRESHOLD */
    public String getCircuitBreakerFailureThreshold() {
        return get(ConnectionProperty.CIRCUIT_BREAKER_FAILURE_THRESHOLD);
    }

    /** @see ConnectionProperty#CIRCUIT_BREAKER_DELAY */
    public void setCircuitBreakerDelay(String value) {
        set(ConnectionProperty.CIRCUIT_BREAKER_DELAY, value);
    }

    /** @see ConnectionProperty#CIRCUIT_BREAKER_DELAY */
    public String getCircuitBreakerDelay() {
        return get(ConnectionProperty.CIRCUIT_BREAKER_DELAY);
    }

    /** @see ConnectionProperty#CIRCUIT_BREAKER_SUCCESS_THRESHOLD */
    public void setCircuitBreakerSuccessThreshold(String value) {
        set(ConnectionProperty.CIRCUIT_BREAKER_SUCCESS_THRESHOLD, value);
    }

    /** @see ConnectionProperty#CIRCUIT_BREAKER_SUCCESS_THRESHOLD */
    public String getCircuitBreakerSuccessThreshold() {
        return get(ConnectionProperty.CIRCUIT_BREAKER_SUCCESS_THRESHOLD);
    }

    /** @see ConnectionProperty#USER_AGENT_ENTRY */
    public void setUserAgentEntry(String value) {
        set(ConnectionProperty.USER_AGENT_ENTRY, value);
    }

    /** @see ConnectionProperty#USER_AGENT_ENTRY */
    public String getUserAgentEntry() {
        return get(ConnectionProperty.USER_AGENT_ENTRY);
    }

    /** @see ConnectionProperty#LOG_LEVEL */
    public void setLogLevel(String value) {
        set(ConnectionProperty.LOG_LEVEL, value);
    }

    /** @see ConnectionProperty#LOG_LEVEL */
    public String getLogLevel() {
        return get(ConnectionProperty.LOG_LEVEL);
    }

    /** @see ConnectionProperty#DEFAULT_STRING_COLUMN_LENGTH */
    public void setDefaultStringColumnLength(String value) {
        set(ConnectionProperty.DEFAULT_STRING_COLUMN_LENGTH, value);
    }

    /** @see ConnectionProperty#DEFAULT_STRING_COLUMN_LENGTH */
    public String getDefaultStringColumnLength() {
        return get(ConnectionProperty.DEFAULT_STRING_COLUMN_LENGTH);
    }

    /** @see ConnectionProperty#TIMESTAMP_AS_WALL_CLOCK */
    public void setTimestampAsWallClock(String value) {
        set(ConnectionProperty.TIMESTAMP_AS_WALL_CLOCK, value);
    }

    /** @see ConnectionProperty#TIMESTAMP_AS_WALL_CLOCK */
    public String getTimestampAsWallClock() {
        return get(ConnectionProperty.TIMESTAMP_AS_WALL_CLOCK);
    }

    /** @see ConnectionProperty#ENABLE_COMPLEX_DATATYPE_SUPPORT */
    public void setEnableComplexDatatypeSupport(String value) {
        set(ConnectionProperty.ENABLE_COMPLEX_DATATYPE_SUPPORT, value);
    }

    /** @see ConnectionProperty#ENABLE_COMPLEX_DATATYPE_SUPPORT */
    public String getEnableComplexDatatypeSupport() {
        return get(ConnectionProperty.ENABLE_COMPLEX_DATATYPE_SUPPORT);
    }

    /** @see ConnectionProperty#ROWS_FETCHED_PER_BLOCK */
    public void setRowsFetchedPerBlock(String value) {
        set(ConnectionProperty.ROWS_FETCHED_PER_BLOCK, value);
    }

    /** @see ConnectionProperty#ROWS_FETCHED_PER_BLOCK */
    public String getRowsFetchedPerBlock() {
        return get(ConnectionProperty.ROWS_FETCHED_PER_BLOCK);
    }

    /** @see ConnectionProperty#BATCH_INSERT_LITERALS */
    public void setBatchInsertLiterals(String value) {
        set(ConnectionProperty.BATCH_INSERT_LITERALS, value);
    }

    /** @see ConnectionProperty#BATCH_INSERT_LITERALS */
    public String getBatchInsertLiterals() {
        return get(ConnectionProperty.BATCH_INSERT_LITERALS);
    }

    /** @see ConnectionProperty#ENABLE_TELEMETRY */
    public void setEnableTelemetry(String value) {
        set(ConnectionProperty.ENABLE_TELEMETRY, value);
    }

    /** @see ConnectionProperty#ENABLE_TELEMETRY */
    public String getEnableTelemetry() {
        return get(ConnectionProperty.ENABLE_TELEMETRY);
    }

    /** @see ConnectionProperty#SSL_TRUST_STORE */
    public void setSSLTrustStore(String value) {
        set(ConnectionProperty.SSL_TRUST_STORE, value);
    }

    /** @see ConnectionProperty#SSL_TRUST_STORE */
    public String getSSLTrustStore() {
        return get(ConnectionProperty.SSL_TRUST_STORE);
    }

    /** @see ConnectionProperty#SSL_TRUST_STORE_PWD */
    public void setSSLTrustStorePwd(String value) {
        set(ConnectionProperty.SSL_TRUST_STORE_PWD, value);
    }

    /** @see ConnectionProperty#SSL_TRUST_STORE_PWD */
    public String getSSLTrustStorePwd() {
        return get(ConnectionProperty.SSL_TRUST_STORE_PWD);
    }

    /** @see ConnectionProperty#SSL_TRUST_STORE_TYPE */
    public void setSSLTrustStoreType(String value) {
        set(ConnectionProperty.SSL_TRUST_STORE_TYPE, value);
    }

    /** @see ConnectionProperty#SSL_TRUST_STORE_TYPE */
    public String getSSLTrustStoreType() {
        return get(ConnectionProperty.SSL_TRUST_STORE_TYPE);
    }

    /** @see ConnectionProperty#USE_SYSTEM_TRUST_STORE */
    public void setUseSystemTrustStore(String value) {
        set(ConnectionProperty.USE_SYSTEM_TRUST_STORE, value);
    }

    /** @see ConnectionProperty#USE_SYSTEM_TRUST_STORE */
    public String getUseSystemTrustStore() {
        return get(ConnectionProperty.USE_SYSTEM_TRUST_STORE);
    }

    /** @see ConnectionProperty#ALLOW_SELF_SIGNED_CERTS */
    public void setAllowSelfSignedCerts(String value) {
        set(ConnectionProperty.ALLOW_SELF_SIGNED_CERTS, value);
    }

    /** @see ConnectionProperty#ALLOW_SELF_SIGNED_CERTS */
    public String getAllowSelfSignedCerts() {
        return get(ConnectionProperty.ALLOW_SELF_SIGNED_CERTS);
    }

    /** @see ConnectionProperty#USE_PROXY */
    public void setUseProxy(String value) {
        set(ConnectionProperty.USE_PROXY, value);
    }

    /** @see ConnectionProperty#USE_PROXY */
    public String getUseProxy() {
        return get(ConnectionProperty.USE_PROXY);
    }

    /** @see ConnectionProperty#PROXY_HOST */
    public void setProxyHost(String value) {
        set(ConnectionProperty.PROXY_HOST, value);
    }

    /** @see ConnectionProperty#PROXY_HOST */
    public String getProxyHost() {
        return get(ConnectionProperty.PROXY_HOST);
    }

    /** @see ConnectionProperty#PROXY_PORT */
    public void setProxyPort(String value) {
        set(ConnectionProperty.PROXY_PORT, value);
    }

    /** @see ConnectionProperty#PROXY_PORT */
    public String getProxyPort() {
        return get(ConnectionProperty.PROXY_PORT);
    }

    /** @see ConnectionProperty#PROXY_AUTH */
    public void setProxyAuth(String value) {
        set(ConnectionProperty.PROXY_AUTH, value);
    }

    /** @see ConnectionProperty#PROXY_AUTH */
    public String getProxyAuth() {
        return get(ConnectionProperty.PROXY_AUTH);
    }

    /** @see ConnectionProperty#PROXY_UID */
    public void setProxyUID(String value) {
        set(ConnectionProperty.PROXY_UID, value);
    }

    /** @see ConnectionProperty#PROXY_UID */
    public String getProxyUID() {
        return get(ConnectionProperty.PROXY_UID);
    }

    /** @see ConnectionProperty#PROXY_PWD */
    public void setProxyPwd(String value) {
        set(ConnectionProperty.PROXY_PWD, value);
    }

    /** @see ConnectionProperty#PROXY_PWD */
    public String getProxyPwd() {
        return get(ConnectionProperty.PROXY_PWD);
    }

    /** @see ConnectionProperty#PROXY_IGNORE_LIST */
    public void setProxyIgnoreList(String value) {
        set(ConnectionProperty.PROXY_IGNORE_LIST, value);
    }

    /** @see ConnectionProperty#PROXY_IGNORE_LIST */
    public String getProxyIgnoreList() {
        return get(ConnectionProperty.PROXY_IGNORE_LIST);
    }

    /** @see ConnectionProperty#USE_SYSTEM_PROXY */
    public void setUseSystemProxy(String value) {
        set(ConnectionProperty.USE_SYSTEM_PROXY, value);
    }

    /** @see ConnectionProperty#USE_SYSTEM_PROXY */
    public String getUseSystemProxy() {
        return get(ConnectionProperty.USE_SYSTEM_PROXY);
    }

    /** @see ConnectionProperty#USE_CF_PROXY */
    public void setUseCFProxy(String value) {
        set(ConnectionProperty.USE_CF_PROXY, value);
    }

    /** @see ConnectionProperty#USE_CF_PROXY */
    public String getUseCFProxy() {
        return get(ConnectionProperty.USE_CF_PROXY);
    }

    /** @see ConnectionProperty#CF_PROXY_HOST */
    public void setCFProxyHost(String value) {
        set(ConnectionProperty.CF_PROXY_HOST, value);
    }

    /** @see ConnectionProperty#CF_PROXY_HOST */
    public String getCFProxyHost() {
        return get(ConnectionProperty.CF_PROXY_HOST);
    }

    /** @see ConnectionProperty#CF_PROXY_PORT */
    public void setCFProxyPort(String value) {
        set(ConnectionProperty.CF_PROXY_PORT, value);
    }

    /** @see ConnectionProperty#CF_PROXY_PORT */
    public String getCFProxyPort() {
        return get(ConnectionProperty.CF_PROXY_PORT);
    }

    /** @see ConnectionProperty#CF_PROXY_AUTH */
    public void setCFProxyAuth(String value) {
        set(ConnectionProperty.CF_PROXY_AUTH, value);
    }

    /** @see ConnectionProperty#CF_PROXY_AUTH */
    public String getCFProxyAuth() {
        return get(ConnectionProperty.CF_PROXY_AUTH);
    }

    /** @see ConnectionProperty#CF_PROXY_UID */
    public void setCFProxyUID(String value) {
        set(ConnectionProperty.CF_PROXY_UID, value);
    }

    /** @see ConnectionProperty#CF_PROXY_UID */
    public String getCFProxyUID() {
        return get(ConnectionProperty.CF_PROXY_UID);
    }

    /** @see ConnectionProperty#CF_PROXY_PWD */
    public void setCFProxyPwd(String value) {
        set(ConnectionProperty.CF_PROXY_PWD, value);
    }

    /** @see ConnectionProperty#CF_PROXY_PWD */
    public String getCFProxyPwd() {
        return get(ConnectionProperty.CF_PROXY_PWD);
    }

    /** @see ConnectionProperty#TIMEZONE */
    public void setTIMEZONE(String value) {
        set(ConnectionProperty.TIMEZONE, value);
    }

    /** @see ConnectionProperty#TIMEZONE */
    public String getTIMEZONE() {
        return get(ConnectionProperty.TIMEZONE);
    }

    /** @see ConnectionProperty#PROCEDURE_NAMESPACE */
    public void setProcedureNamespace(String value) {
        set(ConnectionProperty.PROCEDURE_NAMESPACE, value);
    }

    /** @see ConnectionProperty#PROCEDURE_NAMESPACE */
    public String getProcedureNamespace() {
        return get(ConnectionProperty.PROCEDURE_NAMESPACE);
    }

    /** @see ConnectionProperty#VOLUME_OPERATION_ALLOWED_LOCAL_PATHS */
    public void setVolumeOperationAllowedLocalPaths(String value) {
        set(ConnectionProperty.VOLUME_OPERATION_ALLOWED_LOCAL_PATHS, value);
    }

    /** @see ConnectionProperty#VOLUME_OPERATION_ALLOWED_LOCAL_PATHS */
    public String getVolumeOperationAllowedLocalPaths() {
        return get(ConnectionProperty.VOLUME_OPERATION_ALLOWED_LOCAL_PATHS);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** Kept for the interface; the driver logs through SLF4J. */
    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Stored; the connect timeout is the ConnectTimeout property. */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Sluice logs through SLF4J, not java.util.logging", "0A000");
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
