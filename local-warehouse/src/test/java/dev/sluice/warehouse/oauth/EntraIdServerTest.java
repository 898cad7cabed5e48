package dev.sluice.warehouse.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.http.Faults;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulated Entra ID token endpoint and how the API checks its tokens, over HTTP without Spark. */
class EntraIdServerTest {
    private static final String TENANT = "9f3c1b7e-2d4a-4c6b-8e1f-0a2b3c4d5e6f";
    private static final String USER_SP = "11111111-2222-3333-4444-555555555555";
    private static final String OUTSIDER_SP = "66666666-7777-8888-9999-000000000000";
    private static final String SECRET = "entra-secret:with:colons";
    private static final String RESOURCE_ID = "/subscriptions/3f2504e0-4f89-11d3-9a0c-0305e82c3301/resourceGroups/"
            + "rg/providers/Microsoft.Databricks/workspaces/ws";
    private static final String DATABRICKS = EntraIdServer.DATABRICKS_RESOURCE;
    private static final String MANAGEMENT = EntraIdServer.MANAGEMENT_RESOURCE;

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpApi api;

    @BeforeEach
    void start() throws IOException {
        EntraIdServer entra = new EntraIdServer(List.of(AzurePrincipal.parse(TENANT + ":" + USER_SP + ":" + SECRET),
                AzurePrincipal.parse(TENANT + ":" + OUTSIDER_SP + ":" + SECRET).notWorkspaceUser()), RESOURCE_ID,
                Duration.ofSeconds(2));
        api = new HttpApi(new Faults(Duration.ofMinutes(15)), Set.of("dapi-x"),
                new OAuthServer(Map.of(), Set.of(), Duration.ofSeconds(2)), entra);
        entra.register(api);
        api.route("GET", "/api/2.0/ping", true, r -> Json.object().put("ok", true));
        api.start(0);
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void issuesJwtShapedTokensPerResourceInTheV1Format() throws Exception {
        JsonNode body = json(token(TENANT, USER_SP, SECRET, DATABRICKS, 200));
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").isTextual()).isTrue();
        assertThat(body.path("expires_in").asText()).isEqualTo("2");
        assertThat(body.path("resource").asText()).isEqualTo(DATABRICKS);
        String[] parts = body.path("access_token").asText().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("aud").asText()).isEqualTo(DATABRICKS);
        assertThat(claims.path("appid").asText()).isEqualTo(USER_SP);
        assertThat(claims.path("tid").asText()).isEqualTo(TENANT);

        JsonNode described = json(send(HttpRequest.newBuilder(uri("/sluice/entra")).header("Authorization", "Bearer dapi-x").build(),
                200));
        assertThat(described.path("clients").path(USER_SP).path(DATABRICKS).asLong()).isEqualTo(1);
        assertThat(described.path("clients").path(USER_SP).path(MANAGEMENT).asLong()).isZero();
    }

    @Test
    void refusalsUseEntraErrorBodiesWithoutEchoingTheSecret() throws Exception {
        JsonNode wrongSecret = json(token(TENANT, USER_SP, "wrong-one", DATABRICKS, 401));
        assertThat(wrongSecret.path("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongSecret.path("error_description").asText()).startsWith("AADSTS7000215: Invalid client secret");
        assertThat(wrongSecret.path("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(wrongSecret.has("trace_id") && wrongSecret.has("correlation_id")).isTrue();
        assertThat(wrongSecret.toString()).doesNotContain("wrong-one").doesNotContain(SECRET);

        JsonNode unknownTenant = json(token("contoso.onmicrosoft.com", USER_SP, SECRET, DATABRICKS, 400));
        assertThat(unknownTenant.path("error_description").asText()).startsWith("AADSTS90002: Tenant");
        assertThat(json(token(TENANT, "nobody", SECRET, DATABRICKS, 400)).path("error").asText())
                .isEqualTo("unauthorized_client");
        assertThat(json(token(TENANT, USER_SP, SECRET, "https://storage.azure.com/", 400)).path("error").asText())
                .isEqualTo("invalid_resource");
    }

    @Test
    void theApiAcceptsADatabricksTokenUntilItExpiresAndNeverAManagementToken() throws Exception {
        String bearer = accessToken(USER_SP, DATABRICKS);
        assertThat(ping(bearer, Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> wrongAudience = ping(accessToken(USER_SP, MANAGEMENT), Map.of());
        assertThat(wrongAudience.statusCode()).isEqualTo(403);
        assertThat(wrongAudience.body()).contains("not Azure Databricks");

        Thread.sleep(2_100);
        assertThat(ping(bearer, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void aPrincipalThatIsNotAWorkspaceUserNeedsItsManagementTokenAndTheWorkspaceResourceId() throws Exception {
        String bearer = accessToken(OUTSIDER_SP, DATABRICKS);
        String management = accessToken(OUTSIDER_SP, MANAGEMENT);

        HttpResponse<String> bare = ping(bearer, Map.of());
        assertThat(bare.statusCode()).isEqualTo(403);
        assertThat(bare.body()).contains("is not a user of this workspace")
                .contains(EntraIdServer.MANAGEMENT_TOKEN_HEADER).contains(EntraIdServer.WORKSPACE_RESOURCE_ID_HEADER);
        assertThat(ping(bearer, Map.of(EntraIdServer.MANAGEMENT_TOKEN_HEADER, management)).statusCode())
                .isEqualTo(403);
        assertThat(ping(bearer, Map.of(EntraIdServer.MANAGEMENT_TOKEN_HEADER, accessToken(USER_SP, MANAGEMENT),
                EntraIdServer.WORKSPACE_RESOURCE_ID_HEADER, RESOURCE_ID)).statusCode()).isEqualTo(403);
        assertThat(ping(bearer, Map.of(EntraIdServer.MANAGEMENT_TOKEN_HEADER, management,
                EntraIdServer.WORKSPACE_RESOURCE_ID_HEADER, RESOURCE_ID.replace("/ws", "/other"))).statusCode())
                .isEqualTo(403);
        assertThat(ping(bearer, Map.of(EntraIdServer.MANAGEMENT_TOKEN_HEADER, management,
                EntraIdServer.WORKSPACE_RESOURCE_ID_HEADER, RESOURCE_ID)).statusCode()).isEqualTo(200);
    }

    private String accessToken(String clientId, String resource) throws Exception {
        return json(token(TENANT, clientId, SECRET, resource, 200)).path("access_token").asText();
    }

    private HttpResponse<String> token(String tenant, String clientId, String secret, String resource, int status)
            throws Exception {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(secret) + "&resource=" + encode(resource);
        return send(HttpRequest.newBuilder(uri("/" + tenant + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), status);
    }

    private HttpResponse<String> ping(String bearer, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/2.0/ping"))
                .header("Authorization", "Bearer " + bearer);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest request, int status) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
