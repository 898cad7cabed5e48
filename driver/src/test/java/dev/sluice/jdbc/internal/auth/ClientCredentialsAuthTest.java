package dev.sluice.jdbc.internal.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client credentials grant as sent, and when tokens are requested: cache, margin, single flight, 401. */
class ClientCredentialsAuthTest {
    private static final String CLIENT_ID = "sp-client";
    private static final String SECRET = "sp-s3cr3t-value";
    private static final String DISCOVERY = "/oidc/.well-known/oauth-authorization-server";
    private static final String TOKEN = "/oidc/v1/token";
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @BeforeEach
    void start() {
        server.stubFor(get(DISCOVERY).willReturn(okJson("{\"issuer\":\"" + server.baseUrl() + "/oidc\","
                + "\"token_endpoint\":\"" + server.baseUrl() + TOKEN + "\",\"jwks_uri\":\"x\"}")));
    }

    @Test
    void discoversTheEndpointAndPostsTheGrantWithBasicClientAuthentication() throws Exception {
        tokens(3600, "t1");
        assertThat(auth(Duration.ofSeconds(60)).authorization()).isEqualTo("Bearer t1");

        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        server.verify(1, getRequestedFor(urlEqualTo(DISCOVERY)));
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=all-apis")));
    }

    @Test
    void aConfiguredEndpointSkipsDiscoveryAndTheScopeIsEncoded() throws Exception {
        tokens(3600, "t1");
        ClientCredentialsAuth auth = new ClientCredentialsAuth(new TokenEndpoint(http(), workspace(),
                URI.create(server.baseUrl() + TOKEN), new ClientCredentials(CLIENT_ID, SECRET, "sql offline_access")),
                CLIENT_ID, Duration.ofSeconds(60), clock::get);
        assertThat(auth.authorization()).isEqualTo("Bearer t1");
        server.verify(0, getRequestedFor(urlEqualTo(DISCOVERY)));
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=sql+offline_access")));
    }

    @Test
    void theTokenIsCachedUntilTheMarginBeforeExpiryThenRenewed() throws Exception {
        tokens(3600, "t1", "t2");
        ClientCredentialsAuth auth = auth(Duration.ofSeconds(60));
        assertThat(auth.authorization()).isEqualTo("Bearer t1");
        clock.addAndGet(3539 * SECOND);
        assertThat(auth.authorization()).isEqualTo("Bearer t1");
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
        clock.addAndGet(SECOND);
        assertThat(auth.authorization()).isEqualTo("Bearer t2");
        assertThat(auth.authorization()).isEqualTo("Bearer t2");
        server.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aShortLivedTokenIsRenewedAfterHalfItsLifetimeAtTheLatest() throws Exception {
        tokens(4, "t1", "t2");
        ClientCredentialsAuth auth = auth(Duration.ofSeconds(60));
        assertThat(auth.authorization()).isEqualTo("Bearer t1");
        clock.addAndGet(1999 * SECOND / 1000);
        assertThat(auth.authorization()).isEqualTo("Bearer t1");
        clock.addAndGet(SECOND / 1000);
        assertThat(auth.authorization()).isEqualTo("Bearer t2");
    }

    @Test
    void eightThreadsNeedingATokenCauseOneTokenRequest() throws Exception {
        server.stubFor(post(TOKEN).willReturn(okJson(tokenJson("t1", 3600)).withFixedDelay(300)));
        ClientCredentialsAuth auth = auth(Duration.ofSeconds(60));
        assertThat(new HashSet<>(AtOnce.call(8, auth::authorization))).containsExactly("Bearer t1");
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void a401RenewsTheTokenOnceAndTheRequestIsRepeatedOnce() throws Exception {
        tokens(3600, "t1", "t2");
        server.stubFor(get("/api/x").withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error_code\":401,\"message\":\"expired\"}")));
        server.stubFor(get("/api/x").withHeader("Authorization", equalTo("Bearer t2")).willReturn(okJson("{}")));

        HttpResponse<byte[]> response = transport(auth(Duration.ofSeconds(60))).send("GET", "/api/x", "/api/x", null);

        assertThat(response.statusCode()).isEqualTo(200);
        server.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        server.verify(2, getRequestedFor(urlEqualTo("/api/x")));
    }

    @Test
    void a401ThatPersistsIsReturnedAfterOneRetryNeverLooping() throws Exception {
        tokens(3600, "t1", "t2", "t3");
        server.stubFor(get("/api/x").willReturn(aResponse().withStatus(401).withBody("{\"error_code\":401}")));

        HttpResponse<byte[]> response = transport(auth(Duration.ofSeconds(60))).send("GET", "/api/x", "/api/x", null);

        assertThat(response.statusCode()).isEqualTo(401);
        server.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        server.verify(2, getRequestedFor(urlEqualTo("/api/x")));
    }

    @Test
    void a401AfterAnotherThreadRenewedUsesThatTokenWithoutAnotherRequest() throws Exception {
        tokens(3600, "t1", "t2", "t3");
        ClientCredentialsAuth auth = auth(Duration.ofSeconds(60));
        assertThat(auth.authorization()).isEqualTo("Bearer t1");
        Thread other = new Thread(() -> {
            auth.onUnauthorized(); // another thread's request with t1 was refused first
        });
        other.start();
        other.join();
        assertThat(auth.onUnauthorized()).isTrue();
        assertThat(auth.authorization()).isEqualTo("Bearer t2");
        server.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aTokenEndpointErrorNamesTheClientAndTheServersErrorButNotTheSecret() {
        server.stubFor(post(TOKEN).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
        assertThatThrownBy(() -> auth(Duration.ofSeconds(60)).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("'" + CLIENT_ID + "'")
                .hasMessageContaining("HTTP 401 invalid_client: Client authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void aMultiLineTokenEndpointErrorBecomesOneLineWithTheEchoedSecretMasked() {
        // the error text is built by OAuthHttp for every flow, Entra ID's and M2M's alike
        server.stubFor(post(TOKEN).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + SECRET
                        + "\\r\\n  Trace ID: 7\\nCorrelation ID: 8\"}")));
        assertThatThrownBy(() -> auth(Duration.ofSeconds(60)).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("HTTP 401 invalid_client: bad secret *** Trace ID: 7 Correlation ID: 8")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("\n")
                        .doesNotContain("\r"));
    }

    @Test
    void aDiscovery404SaysOAuthIsNotEnabled() {
        server.stubFor(get(DISCOVERY).willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> auth(Duration.ofSeconds(60)).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("OAuth is not enabled")
                .hasMessageContaining("OAuth2TokenEndpoint");
    }

    @Test
    void noTextShowsTheSecretOrTheToken() throws Exception {
        tokens(3600, "t1-visible-nowhere");
        ClientCredentialsAuth auth = auth(Duration.ofSeconds(60));
        auth.authorization();
        assertThat(auth.toString()).contains(CLIENT_ID).doesNotContain(SECRET).doesNotContain("t1-visible-nowhere");
        assertThat(new ClientCredentials(CLIENT_ID, SECRET, "all-apis").toString()).doesNotContain(SECRET);
    }

    private ClientCredentialsAuth auth(Duration margin) {
        return new ClientCredentialsAuth(new TokenEndpoint(http(), workspace(), null,
                new ClientCredentials(CLIENT_ID, SECRET, "all-apis")), CLIENT_ID, margin, clock::get);
    }

    private static OAuthHttp http() {
        return new OAuthHttp(HttpClient.newHttpClient(), Duration.ofSeconds(5));
    }

    private URI workspace() {
        return URI.create(server.baseUrl() + "/");
    }

    private HttpTransport transport(ClientCredentialsAuth auth) {
        return new HttpTransport(TransportOptions.builder("127.0.0.1", server.getPort()).tls(false).auth(auth)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build());
    }

    /** Each token request answers the next of {@code values}. */
    private void tokens(long expiresIn, String... values) {
        for (int i = 0; i < values.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "token-" + i;
            server.stubFor(post(TOKEN).inScenario("tokens").whenScenarioStateIs(state)
                    .willReturn(okJson(tokenJson(values[i], expiresIn)))
                    .willSetStateTo("token-" + (i + 1)));
        }
    }

    private static String tokenJson(String token, long expiresIn) {
        return "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + ",\"scope\":\"all-apis\"}";
    }
}
