package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.internal.auth.AzureServicePrincipal;
import dev.sluice.jdbc.internal.auth.AzureServicePrincipalAuth;
import dev.sluice.jdbc.internal.auth.Secret;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Duration;

/** Builds the Azure service principal authentication (AuthMech=11;Auth_Flow=1 with AzureTenantId). */
final class AzureCredentials {
    private AzureCredentials() {
    }

    /** Whether AzureTenantId asks for Entra ID instead of the workspace's own OAuth server. */
    static boolean requested(ConnectionConfig c) {
        String tenant = ConnectionProperty.AZURE_TENANT_ID.get(c);
        return tenant != null && !tenant.isBlank();
    }

    /**
     * @throws SQLException 28000 when the client id or secret is missing, 22023 naming the property and value
     *     when the tenant, the workspace resource id or the login endpoint is malformed; 28000 also when the
     *     secret's ${env:}/${file:} reference cannot be read
     * @param network the connection's TLS and proxy settings, also used to reach Entra ID
     */
    static AuthHeaderProvider servicePrincipal(ConnectionConfig c, Network network) throws SQLException {
        String tenant = ConnectionProperty.AZURE_TENANT_ID.get(c).strip();
        if (!AzureServicePrincipal.isTenantId(tenant)) {
            throw invalid(ConnectionProperty.AZURE_TENANT_ID, tenant, "expected a tenant GUID or a domain name");
        }
        String clientId = ConnectionProperty.OAUTH2_CLIENT_ID.get(c);
        if (clientId == null || clientId.isBlank()) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION, "OAuth2ClientId (the application id of the service"
                    + " principal) is required with AuthMech=11;Auth_Flow=1;AzureTenantId=" + tenant);
        }
        Secret clientSecret = ConnectionProperty.OAUTH2_SECRET.secretValue(c);
        if (clientSecret == null) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION, "OAuth2Secret is required with AuthMech=11;Auth_Flow=1"
                    + " (client id '" + clientId.strip() + "' in tenant '" + tenant + "')");
        }
        AzureServicePrincipal principal = new AzureServicePrincipal(tenant, clientId, clientSecret, loginEndpoint(c),
                workspaceResourceId(c));
        return AzureServicePrincipalAuth.create(principal, ConnectionProperty.TOKEN_REFRESH_MARGIN.secondsValue(c),
                Duration.ofSeconds(Math.max(1, ConnectionProperty.CONNECT_TIMEOUT.intValue(c))),
                ConnectionProperty.SOCKET_TIMEOUT.secondsValue(c), network);
    }

    private static String workspaceResourceId(ConnectionConfig c) throws SQLException {
        String value = ConnectionProperty.AZURE_WORKSPACE_RESOURCE_ID.get(c);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!AzureServicePrincipal.isWorkspaceResourceId(value.strip())) {
            throw invalid(ConnectionProperty.AZURE_WORKSPACE_RESOURCE_ID, value, "expected /subscriptions/<guid>"
                    + "/resourceGroups/<group>/providers/Microsoft.Databricks/workspaces/<name>");
        }
        return value.strip();
    }

    private static URI loginEndpoint(ConnectionConfig c) throws SQLException {
        String value = ConnectionProperty.AZURE_LOGIN_ENDPOINT.get(c);
        String why = "expected an absolute http(s) URL such as " + AzureServicePrincipal.DEFAULT_LOGIN_ENDPOINT;
        try {
            URI uri = new URI(value == null ? "" : value.strip());
            if (!AzureServicePrincipal.isLoginEndpoint(uri)) {
                throw invalid(ConnectionProperty.AZURE_LOGIN_ENDPOINT, value, why);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(ConnectionProperty.AZURE_LOGIN_ENDPOINT, value, why);
        }
    }

    private static SQLException invalid(ConnectionProperty property, String value, String why) {
        return Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + value + "' for connection property "
                + property.propertyName() + ": " + why);
    }
}
