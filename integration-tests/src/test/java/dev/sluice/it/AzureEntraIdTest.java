package dev.sluice.it;

import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_SP_CLIENT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_SP_SECRET;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_TENANT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_USER_SP_CLIENT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_WORKSPACE_RESOURCE_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_TOKEN_TTL_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Azure Entra ID end to end against the local warehouse, whose emulated Entra ID issues tokens that expire after
 * {@link LocalWarehouseExtension#OAUTH_TOKEN_TTL_SECONDS}: a service principal that is not a workspace user (so
 * every request needs its management token and the workspace resource id) renewed across expiries, a refused
 * secret, and an Entra ID token passed through.
 */
@ExtendWith(LocalWarehouseExtension.class)
class AzureEntraIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABRICKS = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    private static final String MANAGEMENT = "https://management.core.windows.net/";

    private final LocalWarehouse warehouse;
    private final HttpClient http = HttpClient.newHttpClient();

    AzureEntraIdTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void aServicePrincipalThatIsNotAWorkspaceUserRunsStatementsAcrossSeveralTokenLifetimes() throws Exception {
        long databricksBefore = tokensIssued(AZURE_SP_CLIENT_ID, DATABRICKS);
        long managementBefore = tokensIssued(AZURE_SP_CLIENT_ID, MANAGEMENT);
        long deadline = System.nanoTime() + (OAUTH_TOKEN_TTL_SECONDS * 2L + 1) * 1_000_000_000L;
        int queries = 0;
        try (Connection c = connect(spUrl(AZURE_SP_SECRET) + ";azure_workspace_resource_id="
                + AZURE_WORKSPACE_RESOURCE_ID); Statement s = c.createStatement()) {
            while (System.nanoTime() - deadline < 0) {
                assertThat(selectOne(s, "SELECT " + queries)).isEqualTo(queries);
                queries++;
                Thread.sleep(400);
            }
        }
        // one token per lifetime at least, for each resource: the first ones and those that replaced them
        assertThat(tokensIssued(AZURE_SP_CLIENT_ID, DATABRICKS) - databricksBefore).isGreaterThanOrEqualTo(3);
        assertThat(tokensIssued(AZURE_SP_CLIENT_ID, MANAGEMENT) - managementBefore).isGreaterThanOrEqualTo(3);
        assertThat(queries).isGreaterThan(5);
    }

    @Test
    void withoutTheWorkspaceResourceIdThatPrincipalIsRefused() {
        assertThatThrownBy(() -> connect(spUrl(AZURE_SP_SECRET)).close())
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .hasMessageContaining("is not a user of this workspace")
                .hasMessageContaining("X-Databricks-Azure-Workspace-Resource-Id");
    }

    @Test
    void aRefusedSecretIs28000NamingTenantClientAndEntraErrorButNotTheSecret() {
        String wrong = "not-the-entra-secret-" + System.nanoTime();
        assertThatThrownBy(() -> connect(spUrl(wrong)).close())
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .satisfies(e -> {
                    SQLException sql = (SQLException) e;
                    assertThat(sql.getSQLState()).isEqualTo("28000");
                    assertThat(sql.getMessage()).contains(AZURE_SP_CLIENT_ID).contains(AZURE_TENANT_ID)
                            .contains("invalid_client").contains("AADSTS7000215").doesNotContain(wrong);
                });
    }

    @Test
    void anEntraIdTokenIsPassedThroughAndReplacedAfterItExpires() throws Exception {
        String first = entraToken();
        assertThat(first.split("\\.")).hasSize(3); // JWT-shaped, as Entra ID's are
        try (Connection c = connect(base() + "AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + first);
             Statement s = c.createStatement()) {
            assertThat(selectOne(s, "SELECT 1")).isEqualTo(1);
            Thread.sleep(OAUTH_TOKEN_TTL_SECONDS * 1000L + 500);
            assertThatThrownBy(() -> selectOne(s, "SELECT 2")).isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(first));
            String second = entraToken();
            c.setClientInfo("Auth_AccessToken", second);
            assertThat(selectOne(s, "SELECT 3")).isEqualTo(3);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return new SluiceDriver().connect(url, new Properties());
    }

    private String base() {
        return "jdbc:databricks://" + warehouse.host() + ":" + warehouse.port() + "/default;ssl=0;httpPath="
                + warehouse.httpPath() + ";";
    }

    /** The principal that is not a workspace user, signing in at the warehouse's Entra ID. */
    private String spUrl(String secret) {
        return base() + "AuthMech=11;Auth_Flow=1;AzureTenantId=" + AZURE_TENANT_ID + ";OAuth2ClientId="
                + AZURE_SP_CLIENT_ID + ";OAuth2Secret=" + secret + ";AzureLoginEndpoint=" + warehouse.baseUrl() + "/";
    }

    private static long selectOne(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private long tokensIssued(String clientId, String resource) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/sluice/entra"))
                .header("Authorization", "Bearer " + warehouse.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("clients").path(clientId).path(resource).asLong(-1);
    }

    /** What an application signing in to Entra ID by itself would hold: a token for Azure Databricks. */
    private String entraToken() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + AZURE_USER_SP_CLIENT_ID + "&client_secret="
                + URLEncoder.encode(AZURE_SP_SECRET, StandardCharsets.UTF_8) + "&resource=" + DATABRICKS;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/"
                        + AZURE_TENANT_ID + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        return body.path("access_token").asText();
    }
}
