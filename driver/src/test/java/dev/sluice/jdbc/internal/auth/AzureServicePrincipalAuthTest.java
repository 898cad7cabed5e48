package dev.sluice.jdbc.internal.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.client.TransportOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Entra ID requests as sent, the headers they become, and when tokens are requested (cache, 401). */
class AzureServicePrincipalAuthTest {
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT_ID = "0b6a3ad4-7c7e-4a2c-9b6e-1f0d7c1e5a11";
    // characters that must be form-encoded, so an unencoded secret would not match
    private static final String SECRET = "az~S3cret+with/odd=chars&more";
    private static final String RESOURCE_ID = "/subscriptions/3f2504e0-4f89-11d3-9a0c-0305e82c3301/resourceGroups/"
            + "rg-data/providers/Microsoft.Databricks/workspaces/ws-prod";
    private static final String TOKEN_PATH = "/" + TENANT + "/oauth2/token";
    private static final String DATABRICKS = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    private static final String MANAGEMENT = "https://management.core.windows.net/";
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void postsTheV1ClientCredentialsFormOncePerResourceAndSendsBothTokensAndTheResourceId() throws Exception {
        tokens(DATABRICKS, 3600, "db1");
        tokens(MANAGEMENT, 3600, "mg1");
        server.stubFor(get("/api/x").willReturn(okJson("{}")));

        HttpResponse<byte[]> response = transport(auth(RESOURCE_ID, Duration.ofSeconds(60)))
                .send("GET", "/api/x", "/api/x", null);

        assertThat(response.statusCode()).isEqualTo(200);
        for (String resource : List.of(DATABRICKS, MANAGEMENT)) {
            server.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                    .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                    .withHeader("Authorization", absent())
                    .withRequestBody(equalTo("grant_type=client_credentials&client_id=" + CLIENT_ID
                            + "&client_secret=" + encode(SECRET) + "&resource=" + encode(resource))));
        }
        server.verify(1, getRequestedFor(urlEqualTo("/api/x"))
                .withHeader("Authorization", equalTo("Bearer db1"))
                .withHeader("X-Databricks-Azure-SP-Management-Token", equalTo("mg1"))
                .withHeader("X-Databricks-Azure-Workspace-Resource-Id", equalTo(RESOURCE_ID)));
    }

    @Test
    void withoutAWorkspaceResourceIdThatHeaderIsNotSent() throws Exception {
        tokens(DATABRICKS, 3600, "db1");
        tokens(MANAGEMENT, 3600, "mg1");
        AzureServicePrincipalAuth auth = auth(null, Duration.ofSeconds(60));
        assertThat(auth.authorization()).isEqualTo("Bearer db1");
        assertThat(auth.extraHeaders()).isEqualTo(Map.of("X-Databricks-Azure-SP-Management-Token", "mg1"));
    }

    @Test
    void tokensAreRenewedAtLeast40SecondsBeforeExpiryBecauseAzureRefusesTokensNearTheirEnd() throws Exception {
        tokens(DATABRICKS, 3600, "db1", "db2");
        tokens(MANAGEMENT, 3600, "mg1", "mg2");
        AzureServicePrincipalAuth auth = auth(null, Duration.ofSeconds(10)); // less than Azure's 30 s allows
        assertThat(headers(auth)).containsExactly("Bearer db1", "mg1");
        clock.addAndGet(3559 * SECOND);
        assertThat(headers(auth)).containsExactly("Bearer db1", "mg1");
        clock.addAndGet(SECOND);
        assertThat(headers(auth)).containsExactly("Bearer db2", "mg2");
        assertThat(headers(auth)).containsExactly("Bearer db2", "mg2");
        verifyTokenRequestsPerResource(2);
    }

    @Test
    void eightThreadsAtStartAndAtRenewalCauseOneTokenRequestPerResourceEachTime() throws Exception {
        tokens(DATABRICKS, 3600, "db1", "db2");
        tokens(MANAGEMENT, 3600, "mg1", "mg2");
        AzureServicePrincipalAuth auth = auth(RESOURCE_ID, Duration.ofSeconds(60));

        assertThat(inEightThreads(auth)).containsExactly(List.of("Bearer db1", "mg1"));
        verifyTokenRequestsPerResource(1);

        clock.addAndGet(3540 * SECOND); // the margin before expiry: both are due
        assertThat(inEightThreads(auth)).containsExactly(List.of("Bearer db2", "mg2"));
        verifyTokenRequestsPerResource(2);
    }

    @Test
    void a401RenewsBothTokensOnceAndTheRequestIsRepeatedOnceWithThem() throws Exception {
        tokens(DATABRICKS, 3600, "db1", "db2");
        tokens(MANAGEMENT, 3600, "mg1", "mg2");
        server.stubFor(get("/api/x").withHeader("Authorization", equalTo("Bearer db1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error_code\":401,\"message\":\"expired\"}")));
        server.stubFor(get("/api/x").withHeader("Authorization", equalTo("Bearer db2"))
                .withHeader("X-Databricks-Azure-SP-Management-Token", equalTo("mg2")).willReturn(okJson("{}")));

        HttpResponse<byte[]> response = transport(auth(null, Duration.ofSeconds(60)))
                .send("GET", "/api/x", "/api/x", null);

        assertThat(response.statusCode()).isEqualTo(200);
        verifyTokenRequestsPerResource(2);
        server.verify(2, getRequestedFor(urlEqualTo("/api/x")));
    }

    @Test
    void a401ThatPersistsIsReturnedAfterOneRetryNeverLooping() throws Exception {
        tokens(DATABRICKS, 3600, "db1", "db2", "db3");
        tokens(MANAGEMENT, 3600, "mg1", "mg2", "mg3");
        server.stubFor(get("/api/x").willReturn(aResponse().withStatus(401).withBody("{\"error_code\":401}")));

        HttpResponse<byte[]> response = transport(auth(null, Duration.ofSeconds(60)))
                .send("GET", "/api/x", "/api/x", null);

        assertThat(response.statusCode()).isEqualTo(401);
        server.verify(4, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        server.verify(2, getRequestedFor(urlEqualTo("/api/x")));
    }

    @Test
    void anEntraErrorNamesTenantClientAndTheServersErrorButNeverTheSecret() {
        // Entra ID's error body; the description echoes the secret here to prove it is masked all the same
        server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret"
                        + " provided (" + SECRET + ").\\r\\nTrace ID: 1\",\"error_codes\":[7000215],"
                        + "\"timestamp\":\"2026-11-24 08:00:00Z\",\"trace_id\":\"1\",\"correlation_id\":\"2\"}")));

        assertThatThrownBy(() -> auth(null, Duration.ofSeconds(60)).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("client id '" + CLIENT_ID + "'")
                .hasMessageContaining("tenant '" + TENANT + "'")
                .hasMessageContaining("HTTP 401 invalid_client: AADSTS7000215: Invalid client secret provided")
                .hasMessageContaining("provided (***). Trace ID: 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("\n"));
    }

    @Test
    void anAnswerWithoutATokenIsRefusedAndNoTextShowsTheSecretOrATokens() throws Exception {
        tokens(DATABRICKS, 3600, "db-visible-nowhere");
        tokens(MANAGEMENT, 3600, "mg-visible-nowhere");
        AzureServicePrincipalAuth auth = auth(RESOURCE_ID, Duration.ofSeconds(60));
        auth.authorization();
        auth.extraHeaders();
        assertThat(auth.toString() + principal(RESOURCE_ID) + endpoint(RESOURCE_ID))
                .contains(CLIENT_ID).contains(TENANT)
                .doesNotContain(SECRET).doesNotContain("db-visible-nowhere").doesNotContain("mg-visible-nowhere");

        server.resetAll();
        server.stubFor(post(TOKEN_PATH).willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":\"3599\"}")));
        assertThatThrownBy(() -> auth(null, Duration.ofSeconds(60)).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("no usable access_token");
    }

    @Test
    void tenantIdsAndWorkspaceResourceIdsAreRecognizedByShape() {
        assertThat(AzureServicePrincipal.isTenantId(TENANT)).isTrue();
        assertThat(AzureServicePrincipal.isTenantId("contoso.onmicrosoft.com")).isTrue();
        assertThat(AzureServicePrincipal.isTenantId("contoso")).isFalse();
        assertThat(AzureServicePrincipal.isTenantId("72f988bf/../x")).isFalse();
        assertThat(AzureServicePrincipal.isTenantId("a b.com")).isFalse();
        assertThat(AzureServicePrincipal.isWorkspaceResourceId(RESOURCE_ID)).isTrue();
        assertThat(AzureServicePrincipal.isWorkspaceResourceId(RESOURCE_ID.toLowerCase())).isTrue();
        assertThat(AzureServicePrincipal.isWorkspaceResourceId("/subscriptions/x/resourceGroups/rg/providers/"
                + "Microsoft.Databricks/workspaces/ws")).isFalse();
        assertThat(AzureServicePrincipal.isWorkspaceResourceId(RESOURCE_ID + "/extra")).isFalse();
        assertThat(AzureServicePrincipal.isWorkspaceResourceId(RESOURCE_ID.replace("Databricks", "Storage")))
                .isFalse();
        assertThat(principal(null).tokenEndpoint()).isEqualTo(URI.create(server.baseUrl() + TOKEN_PATH));
    }

    /** Exactly {@code count} token requests for the Databricks resource and as many for Azure management. */
    private void verifyTokenRequestsPerResource(int count) {
        for (String resource : List.of(DATABRICKS, MANAGEMENT)) {
            server.verify(count, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing(encode(resource))));
        }
    }

    private static List<String> headers(AzureServicePrincipalAuth auth) throws Exception {
        return List.of(auth.authorization(), auth.extraHeaders().get("X-Databricks-Azure-SP-Management-Token"));
    }

    /** What eight threads starting at once see; the token endpoint is slow so that they overlap. */
    private Set<List<String>> inEightThreads(AzureServicePrincipalAuth auth) throws Exception {
        return new HashSet<>(AtOnce.call(8, () -> headers(auth)));
    }

    private AzureServicePrincipal principal(String resourceId) {
        // the login endpoint without its trailing slash, which the principal adds
        return new AzureServicePrincipal(TENANT, CLIENT_ID, Secret.of(SECRET, "secret"),
                URI.create(server.baseUrl()), resourceId);
    }

    private EntraIdEndpoint endpoint(String resourceId) {
        return new EntraIdEndpoint(new OAuthHttp(HttpClient.newHttpClient(), Duration.ofSeconds(5)), principal(resourceId));
    }

    private AzureServicePrincipalAuth auth(String resourceId, Duration margin) {
        return new AzureServicePrincipalAuth(endpoint(resourceId), resourceId, margin, clock::get);
    }

    private HttpTransport transport(AzureServicePrincipalAuth auth) {
        return new HttpTransport(TransportOptions.builder("127.0.0.1", server.getPort()).tls(false).auth(auth)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build());
    }

    /** Each token request for {@code resource} answers the next of {@code values}, after a short delay. */
    private void tokens(String resource, long expiresIn, String... values) {
        for (int i = 0; i < values.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "token-" + i;
            // Entra ID's v1 endpoint sends expires_in as a string
            server.stubFor(post(TOKEN_PATH).withRequestBody(containing("resource=" + encode(resource)))
                    .inScenario(resource).whenScenarioStateIs(state)
                    .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":\"" + expiresIn
                            + "\",\"ext_expires_in\":\"" + expiresIn + "\",\"resource\":\"" + resource
                            + "\",\"access_token\":\"" + values[i] + "\"}").withFixedDelay(200))
                    .willSetStateTo("token-" + (i + 1)));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
