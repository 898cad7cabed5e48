package dev.sluice.jdbc.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.auth.AzureServicePrincipalAuth;
import dev.sluice.jdbc.internal.auth.ClientCredentialsAuth;
import dev.sluice.jdbc.internal.auth.TokenPassThroughAuth;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.JdbcUrl;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How AzureTenantId and its companions choose and configure the flow, and how bad values are reported. */
class AzureCredentialsTest {
    private static final String SECRET = "azure-sp-secret-never-shown";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String BASE = "jdbc:databricks://adb-1.azuredatabricks.net:443/default;"
            + "httpPath=/sql/1.0/warehouses/abc;AuthMech=11;";
    private static final String SP = BASE + "Auth_Flow=1;OAuth2ClientId=app-1;OAuth2Secret=" + SECRET + ";";
    private static final String RESOURCE_ID = "/subscriptions/3f2504e0-4f89-11d3-9a0c-0305e82c3301/resourceGroups/"
            + "rg/providers/Microsoft.Databricks/workspaces/ws";

    @Test
    void aTenantWithClientCredentialsSelectsEntraIdAndWithoutItTheWorkspaceOAuthServer() throws SQLException {
        assertThat(credentials(config(SP + "AzureTenantId=" + TENANT)))
                .isInstanceOf(AzureServicePrincipalAuth.class);
        assertThat(credentials(config(SP + "AzureTenantId=contoso.onmicrosoft.com;azure_workspace_resource_id="
                + RESOURCE_ID + ";AzureLoginEndpoint=http://127.0.0.1:8080")))
                .isInstanceOf(AzureServicePrincipalAuth.class);
        assertThat(credentials(config(SP + "AzureTenantId= "))).isInstanceOf(ClientCredentialsAuth.class);
        assertThat(credentials(config(SP))).isInstanceOf(ClientCredentialsAuth.class);
    }

    @Test
    void anEntraIdTokenIsPassedThroughLikeAnyBearerToken() throws Exception {
        String jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIyZmY4MTRhNiJ9.c2lnbmF0dXJlLV8";
        TokenPassThroughAuth auth = (TokenPassThroughAuth) credentials(config(BASE
                + "Auth_Flow=0;AzureTenantId=" + TENANT + ";Auth_AccessToken=" + jwt));
        assertThat(auth.authorization()).isEqualTo("Bearer " + jwt);
    }

    @Test
    void aMalformedTenantIs22023NamingTheValue() {
        assertInvalid(SP + "AzureTenantId=not a tenant", "AzureTenantId", "'not a tenant'");
        assertInvalid(SP + "AzureTenantId=../../evil", "AzureTenantId", "'../../evil'");
    }

    @Test
    void aMalformedWorkspaceResourceIdIs22023NamingTheValue() {
        String bad = "/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/ws";
        assertInvalid(SP + "AzureTenantId=" + TENANT + ";azure_workspace_resource_id=" + bad,
                "azure_workspace_resource_id", "'" + bad + "'");
    }

    @Test
    void aLoginEndpointThatIsNotAnAbsoluteHttpUrlIs22023NamingTheValue() {
        for (String bad : new String[] {"login.microsoftonline.com", "ftp://login.example.com/", "https://"}) {
            assertInvalid(SP + "AzureTenantId=" + TENANT + ";AzureLoginEndpoint=" + bad, "AzureLoginEndpoint",
                    "'" + bad + "'");
        }
    }

    @Test
    void aMissingClientIdOrSecretIs28000NamingTheTenant() {
        assertThatThrownBy(() -> credentials(config(BASE + "Auth_Flow=1;AzureTenantId=" + TENANT
                + ";OAuth2Secret=" + SECRET)))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("OAuth2ClientId").hasMessageContaining(TENANT)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> credentials(config(BASE + "Auth_Flow=1;AzureTenantId=" + TENANT
                + ";OAuth2ClientId=app-1")))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("OAuth2Secret").hasMessageContaining("'app-1'").hasMessageContaining(TENANT);
    }

    private static void assertInvalid(String url, String key, String value) {
        assertThatThrownBy(() -> credentials(config(url)))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                .hasMessageContaining(key).hasMessageContaining(value)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    private static ConnectionConfig config(String url) throws SQLException {
        return ConnectionConfig.of(JdbcUrl.parse(url), null);
    }

    private static AuthHeaderProvider credentials(ConnectionConfig c) throws SQLException {
        return Credentials.from(c, Network.direct());
    }
}
