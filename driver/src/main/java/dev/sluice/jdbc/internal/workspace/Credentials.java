package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.Version;
import dev.sluice.jdbc.internal.auth.ClientCredentials;
import dev.sluice.jdbc.internal.auth.ClientCredentialsAuth;
import dev.sluice.jdbc.internal.auth.Secret;
import dev.sluice.jdbc.internal.auth.TokenPassThroughAuth;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.TransportSeam;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Duration;

/** Chooses and builds the authentication of a connection from AuthMech, Auth_Flow and their properties. */
final class Credentials {
    private static final int PERSONAL_ACCESS_TOKEN = 3;
    private static final int OAUTH = 11;
    private static final int TOKEN_PASS_THROUGH = 0;
    private static final int CLIENT_CREDENTIALS = 1;
    private static final int BROWSER = 2;

    private Credentials() {
    }

    /**
     * @param network the connection's TLS and proxy settings, for every token request
     * @throws SQLException 28000 when a credential is missing or its ${env:}/${file:} reference cannot be read,
     *     0A000 for flows Sluice does not implement, 22023 for a malformed value
     */
    static AuthHeaderProvider from(ConnectionConfig c, Network network) throws SQLException {
        return from(c, network, null);
    }

    /**
     * As {@link #from(ConnectionConfig, Network)}, the client credentials flow's token requests going through a
     * simulation seam (recorded, replayed, ...).
     *
     * @param seam the connection's seam, or null
     */
    static AuthHeaderProvider from(ConnectionConfig c, Network network, TransportSeam seam) throws SQLException {
        int mech = ConnectionProperty.AUTH_MECH.intValue(c);
        switch (mech) {
            case PERSONAL_ACCESS_TOKEN:
                return personalAccessToken(c);
            case OAUTH:
                return oauth(c, network, seam);
            default:
                throw Errors.notSupported("AuthMech=" + mech + " (Sluice " + Version.TEXT
                        + " supports AuthMech=3, personal access tokens, and AuthMech=11, OAuth 2.0)");
        }
    }

    private static AuthHeaderProvider personalAccessToken(ConnectionConfig c) throws SQLException {
        String uid = ConnectionProperty.UID.get(c);
        if (uid != null && !"token".equalsIgnoreCase(uid.strip())) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION, "UID must be 'token' with AuthMech=3, got '" + uid + "'");
        }
        Secret token = ConnectionProperty.PWD.secretValue(c);
        if (token == null) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION,
                    "PWD (the personal access token) is required with AuthMech=3");
        }
        return AuthHeaderProvider.bearer(token);
    }

    private static AuthHeaderProvider oauth(ConnectionConfig c, Network network, TransportSeam seam)
            throws SQLException {
        int flow = ConnectionProperty.AUTH_FLOW.intValue(c);
        switch (flow) {
            case TOKEN_PASS_THROUGH:
                // an Entra ID token is a bearer token like any other, so AzureTenantId changes nothing here
                return tokenPassThrough(c);
            case CLIENT_CREDENTIALS:
                return AzureCredentials.requested(c) ? AzureCredentials.servicePrincipal(c, network)
                        : clientCredentials(c, network, seam);
            case BROWSER:
                return BrowserCredentials.from(c, network);
            default:
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + flow
                        + "' for connection property Auth_Flow: expected 0 (token pass-through), 1 (client credentials)"
                        + " or 2 (browser)");
        }
    }

    private static AuthHeaderProvider tokenPassThrough(ConnectionConfig c) throws SQLException {
        Secret token = ConnectionProperty.AUTH_ACCESS_TOKEN.secretValue(c);
        if (token == null) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION,
                    "Auth_AccessToken is required with AuthMech=11;Auth_Flow=0 and must be one line");
        }
        return new TokenPassThroughAuth(token);
    }

    private static AuthHeaderProvider clientCredentials(ConnectionConfig c, Network network, TransportSeam seam)
            throws SQLException {
        String clientId = ConnectionProperty.OAUTH2_CLIENT_ID.get(c);
        if (clientId == null || clientId.isBlank()) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION, "OAuth2ClientId is required with AuthMech=11;Auth_Flow=1");
        }
        Secret secret = ConnectionProperty.OAUTH2_SECRET.secretValue(c);
        if (secret == null) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION, "OAuth2Secret is required with AuthMech=11;Auth_Flow=1"
                    + " (client id '" + clientId.strip() + "')");
        }
        return ClientCredentialsAuth.create(workspace(c), endpoint(c, ConnectionProperty.OAUTH2_TOKEN_ENDPOINT),
                new ClientCredentials(clientId, secret, scope(c, "all-apis")),
                ConnectionProperty.TOKEN_REFRESH_MARGIN.secondsValue(c),
                Duration.ofSeconds(Math.max(1, ConnectionProperty.CONNECT_TIMEOUT.intValue(c))),
                ConnectionProperty.SOCKET_TIMEOUT.secondsValue(c), network, seam);
    }

    /** Auth_Scope, or the flow's own default when it is not set (M2M and U2M default differently). */
    static String scope(ConnectionConfig c, String flowDefault) throws SQLException {
        String scope = ConnectionProperty.AUTH_SCOPE.get(c);
        if (scope == null) {
            return flowDefault;
        }
        if (scope.isBlank()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "Auth_Scope must not be blank");
        }
        return scope.strip();
    }

    static URI workspace(ConnectionConfig c) throws SQLException {
        String scheme = ConnectionProperty.SSL.booleanValue(c) ? "https" : "http";
        try {
            return new URI(scheme, null, c.host(), c.port(), "/", null, null);
        } catch (URISyntaxException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid host '" + c.host() + "'", e);
        }
    }

    /** An endpoint URL property, or null when it is not set. */
    static URI endpoint(ConnectionConfig c, ConnectionProperty property) throws SQLException {
        String value = property.get(c);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + value
                    + "' for connection property " + property.propertyName() + ": " + e.getReason(), e);
        }
    }
}
