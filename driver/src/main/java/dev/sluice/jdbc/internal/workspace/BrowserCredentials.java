package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.internal.auth.BrowserAuth;
import dev.sluice.jdbc.internal.auth.Secret;
import dev.sluice.jdbc.internal.auth.TokenCache;
import dev.sluice.jdbc.internal.auth.U2mSettings;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Builds OAuth U2M (AuthMech=11;Auth_Flow=2) from its properties; nothing is sent until the first request. */
final class BrowserCredentials {
    /** The public client the official driver uses on AWS and GCP workspaces (protocol §6.4). */
    static final String DEFAULT_CLIENT_ID = "databricks-sql-jdbc";
    static final String DEFAULT_SCOPE = "sql offline_access";

    private BrowserCredentials() {
    }

    /**
     * @param network the connection's TLS and proxy settings, for discovery and the token requests
     * @throws SQLException 22023 for a malformed value, 28000 for a secret with a line break or a ${env:}/${file:}
     *     reference that cannot be read, naming the property but never a secret's value
     */
    static AuthHeaderProvider from(ConnectionConfig c, Network network) throws SQLException {
        String clientId = ConnectionProperty.OAUTH2_CLIENT_ID.get(c);
        if (clientId == null) {
            clientId = DEFAULT_CLIENT_ID;
        } else if (clientId.isBlank()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "OAuth2ClientId must not be blank");
        }
        int port = ConnectionProperty.OAUTH2_REDIRECT_URL_PORT.intValue(c);
        if (port > 65_535) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + port
                    + "' for connection property OAuth2RedirectUrlPort: expected 0 to 65535");
        }
        int timeout = ConnectionProperty.OAUTH_WEB_SERVER_TIMEOUT.intValue(c);
        if (timeout < 1) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + timeout
                    + "' for connection property OAuthWebServerTimeout: expected at least 1 second");
        }
        return BrowserAuth.create(new U2mSettings(Credentials.workspace(c),
                Credentials.endpoint(c, ConnectionProperty.OAUTH2_AUTHORIZATION_ENDPOINT),
                Credentials.endpoint(c, ConnectionProperty.OAUTH2_TOKEN_ENDPOINT),
                clientId.strip(), Credentials.scope(c, DEFAULT_SCOPE), port, Duration.ofSeconds(timeout),
                ConnectionProperty.AUTH_REFRESH_TOKEN.secretValue(c), cache(c),
                ConnectionProperty.TOKEN_REFRESH_MARGIN.secondsValue(c),
                Duration.ofSeconds(Math.max(1, ConnectionProperty.CONNECT_TIMEOUT.intValue(c))),
                ConnectionProperty.SOCKET_TIMEOUT.secondsValue(c)), network);
    }

    private static TokenCache cache(ConnectionConfig c) throws SQLException {
        if (!ConnectionProperty.ENABLE_TOKEN_CACHE.booleanValue(c)) {
            return null;
        }
        Secret passPhrase = ConnectionProperty.TOKEN_CACHE_PASS_PHRASE.secretValue(c);
        if (passPhrase == null) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE,
                    "TokenCachePassPhrase is required with EnableTokenCache=1: the cache is always encrypted");
        }
        String file = ConnectionProperty.TOKEN_CACHE_FILE.get(c);
        if (file == null || file.isBlank()) {
            return new TokenCache(TokenCache.defaultFile(), passPhrase);
        }
        try {
            return new TokenCache(Path.of(file.strip()), passPhrase);
        } catch (InvalidPathException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + file
                    + "' for connection property TokenCacheFile: " + e.getReason(), e);
        }
    }
}
