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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sluice.jdbc.OAuthBrowser;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.client.TransportOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth U2M as sent on the wire (WireMock as the workspace's OAuth server, a scripted "browser" following the
 * authorization URL to the driver's loopback listener): the authorize URL, the code and refresh forms of a public
 * client, state and error redirects, the timeout, a busy port, renewal and the token cache.
 */
class BrowserAuthTest {
    private static final String CLIENT_ID = "databricks-sql-jdbc";
    private static final String SCOPE = "sql offline_access";
    private static final String DISCOVERY = "/oidc/.well-known/oauth-authorization-server";
    private static final String AUTHORIZE = "/oidc/v1/authorize";
    private static final String TOKEN = "/oidc/v1/token";
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final HttpClient http = HttpClient.newHttpClient();
    /** Every authorization URL the "browser" was asked to open. */
    private final List<URI> opened = new CopyOnWriteArrayList<>();
    /** What the "browser" got back from the loopback listener. */
    private final List<HttpResponse<String>> pages = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server.stubFor(get(DISCOVERY).willReturn(okJson("{\"issuer\":\"" + server.baseUrl() + "/oidc\","
                + "\"authorization_endpoint\":\"" + server.baseUrl() + AUTHORIZE + "\","
                + "\"token_endpoint\":\"" + server.baseUrl() + TOKEN + "\"}")));
    }

    @Test
    void theAuthorizeUrlAsksForACodeWithPkceS256AStateAndTheLoopbackRedirect() throws Exception {
        tokens(3600, "a1");
        assertThat(auth(approving(), null, null).authorization()).isEqualTo("Bearer a1");

        assertThat(opened).hasSize(1);
        URI url = opened.get(0);
        assertThat(url.getPath()).isEqualTo(AUTHORIZE);
        Map<String, String> q = params(url.getRawQuery());
        assertThat(q.keySet()).containsExactly("response_type", "client_id", "redirect_uri", "scope", "state",
                "code_challenge", "code_challenge_method");
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("scope", SCOPE).containsEntry("code_challenge_method", "S256");
        assertThat(q.get("redirect_uri")).matches("http://localhost:\\d+");
        assertThat(q.get("state")).matches("[A-Za-z0-9_-]{22}");
        // the challenge is the S256 of the verifier later sent with the code
        Map<String, String> form = tokenForms().get(0);
        assertThat(form.get("code_verifier")).matches("[A-Za-z0-9_-]{43}");
        assertThat(q.get("code_challenge")).isEqualTo(Pkce.challenge(form.get("code_verifier")));
        server.verify(1, getRequestedFor(urlEqualTo(DISCOVERY)));
    }

    @Test
    void theCodeIsExchangedAsAPublicClientWithTheVerifierAndNoSecret() throws Exception {
        tokens(3600, "a1");
        auth(approving(), null, null).authorization();

        LoggedRequest request = server.findAll(postRequestedFor(urlEqualTo(TOKEN))).get(0);
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> form = params(request.getBodyAsString());
        assertThat(form.keySet()).containsExactly("grant_type", "code", "redirect_uri", "code_verifier", "client_id");
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", "the-code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", params(opened.get(0).getRawQuery()).get("redirect_uri"));
        // the browser was thanked
        assertThat(pages.get(0).statusCode()).isEqualTo(200);
        assertThat(pages.get(0).body()).contains("Signed in").contains("close this tab");
        assertThat(pages.get(0).headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    }

    @Test
    void theRefreshTokenRenewsBeforeExpiryWithoutTheBrowser() throws Exception {
        tokens(3600, "a1", "a2");
        BrowserAuth auth = auth(approving(), null, null);
        assertThat(auth.authorization()).isEqualTo("Bearer a1");
        clock.addAndGet(3539 * SECOND);
        assertThat(auth.authorization()).isEqualTo("Bearer a1");
        clock.addAndGet(SECOND);
        assertThat(auth.authorization()).isEqualTo("Bearer a2");

        assertThat(opened).hasSize(1);
        server.verify(postRequestedFor(urlEqualTo(TOKEN))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1&client_id=" + CLIENT_ID)));
        assertThat(tokenForms().get(1)).doesNotContainKey("client_secret");
    }

    @Test
    void eightThreadsNeedingARenewalCauseOneRefreshRequest() throws Exception {
        tokens(4, "a1");
        server.stubFor(post(TOKEN).withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1&client_id="
                + CLIENT_ID)).willReturn(okJson(tokenJson("a2", 3600, null)).withFixedDelay(300)));
        BrowserAuth auth = auth(approving(), null, null);
        auth.authorization();
        clock.addAndGet(3 * SECOND);
        assertThat(AtOnce.call(8, auth::authorization)).hasSize(8).containsOnly("Bearer a2");
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token")));
    }

    @Test
    void a401RefreshesOnceAndTheRequestIsRepeatedOnce() throws Exception {
        tokens(3600, "a1", "a2");
        server.stubFor(get("/api/x").withHeader("Authorization", equalTo("Bearer a1"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(get("/api/x").withHeader("Authorization", equalTo("Bearer a2")).willReturn(okJson("{}")));
        BrowserAuth auth = auth(approving(), null, null);

        HttpTransport transport = new HttpTransport(TransportOptions.builder("127.0.0.1", server.getPort()).tls(false)
                .auth(auth).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build());
        assertThat(transport.send("GET", "/api/x", "/api/x", null).statusCode()).isEqualTo(200);
        server.verify(2, getRequestedFor(urlEqualTo("/api/x")));
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(
                equalTo("grant_type=refresh_token&refresh_token=r1&client_id=" + CLIENT_ID)));
        assertThat(opened).hasSize(1);
    }

    @Test
    void aRedirectWithAnotherStateFailsAndNoCodeIsExchanged() {
        tokens(3600, "a1");
        assertThatThrownBy(() -> auth(redirecting(state -> "code=stolen&state=" + state + "x"), null, null)
                .authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("state");
        assertThat(pages.get(0).statusCode()).isEqualTo(400);
        server.verify(0, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void anErrorRedirectFailsWithTheServersErrorAndTellsTheBrowser() {
        assertThatThrownBy(() -> auth(redirecting(state -> "error=access_denied&error_description=The+user+said+no"
                + "+%3Cb%3E&state=" + state), null, null).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("access_denied: The user said no <b>");
        assertThat(pages.get(0).statusCode()).isEqualTo(400);
        assertThat(pages.get(0).body()).contains("Sign-in failed").contains("The user said no &lt;b&gt;");
        server.verify(0, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void noRedirectWithinOAuthWebServerTimeoutFailsNamingIt() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> auth(url -> opened.add(url), null, null, 0, Duration.ofSeconds(1)).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("OAuthWebServerTimeout=1");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SECOND);
        assertThat(opened).hasSize(1);
    }

    @Test
    void aBusyRedirectPortFailsNamingThePortAndTheProperty() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> auth(approving(), null, null, taken.getLocalPort(), Duration.ofSeconds(5))
                    .authorization())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("OAuth2RedirectUrlPort");
        }
        assertThat(opened).isEmpty();
    }

    @Test
    void aBrowserThatCannotOpenLeavesTheUrlPrintedAndTheSignInWaiting() throws Exception {
        tokens(3600, "a1");
        OAuthBrowser broken = url -> {
            opened.add(url);
            // the user copies the printed address into a browser by hand
            new Thread(() -> follow(url, s -> "code=the-code&state=" + s)).start();
            throw new IOException("no browser here");
        };
        assertThat(auth(broken, null, null).authorization()).isEqualTo("Bearer a1");
    }

    @Test
    void aConfiguredRefreshTokenNeedsNoBrowserAndIsNotReplacedByOneWhenRefused() throws Exception {
        server.stubFor(post(TOKEN).withRequestBody(equalTo("grant_type=refresh_token&refresh_token=given&client_id="
                + CLIENT_ID)).willReturn(okJson(tokenJson("a1", 3600, null))));
        assertThat(auth(approving(), Secret.of("given", "t"), null).authorization()).isEqualTo("Bearer a1");

        String refused = "revoked-refresh-token";
        server.stubFor(post(TOKEN).withRequestBody(equalTo("grant_type=refresh_token&refresh_token=" + refused
                + "&client_id=" + CLIENT_ID)).willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":\"invalid_grant\",\"error_description\":\"bad token " + refused + "\"}")));
        assertThatThrownBy(() -> auth(approving(), Secret.of(refused, "t"), null).authorization())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Auth_RefreshToken")
                .hasMessageContaining("invalid_grant")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(refused));
        assertThat(opened).isEmpty();
    }

    @Test
    void aSecondConnectionIsServedFromTheEncryptedCacheWithoutTheBrowser() throws Exception {
        tokens(3600, "a1", "a2");
        TokenCache cache = new TokenCache(dir.resolve("tokens"), Secret.of("phrase", "p"), 1_000);
        assertThat(auth(approving(), null, cache).authorization()).isEqualTo("Bearer a1");
        assertThat(opened).hasSize(1);

        BrowserAuth second = auth(approving(), null, new TokenCache(dir.resolve("tokens"), Secret.of("phrase", "p"), 1_000));
        assertThat(second.authorization()).isEqualTo("Bearer a2");
        assertThat(opened).hasSize(1);
        server.verify(postRequestedFor(urlEqualTo(TOKEN))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1&client_id=" + CLIENT_ID)));
    }

    @Test
    void connectionsSigningInAtOnceTakeTurnsAndTheSecondUsesTheCacheInsteadOfABrowser() throws Exception {
        tokens(3600, "a1", "a2");
        CountDownLatch browserOpen = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        OAuthBrowser slow = url -> {
            opened.add(url);
            browserOpen.countDown();
            try {
                secondWaiting.await(10, TimeUnit.SECONDS);
                Thread.sleep(200); // the user takes a moment; the second connection is queued by now
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            follow(url, st -> "code=the-code&state=" + st);
        };
        Path file = dir.resolve("tokens");
        BrowserAuth first = auth(slow, null, new TokenCache(file, Secret.of("p", "p"), 1_000));
        BrowserAuth second = auth(approving(), null, new TokenCache(file, Secret.of("p", "p"), 1_000));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(first::authorization);
            assertThat(browserOpen.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> b = pool.submit(second::authorization);
            secondWaiting.countDown();
            assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("Bearer a1");
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("Bearer a2");
        } finally {
            pool.shutdownNow();
        }
        assertThat(opened).hasSize(1);
        server.verify(postRequestedFor(urlEqualTo(TOKEN))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1&client_id=" + CLIENT_ID)));
    }

    @Test
    void aCacheWithAnotherPassPhraseIsIgnoredTheBrowserOpensAndTheFileIsOverwritten() throws Exception {
        tokens(3600, "a1", "a2");
        Path file = dir.resolve("tokens");
        String key = settings(null, null, 0, Duration.ofSeconds(5)).cacheKey();
        new TokenCache(file, Secret.of("old phrase", "p"), 1_000).store(key, Secret.of("r-old", "r"));
        TokenCache cache = new TokenCache(file, Secret.of("new phrase", "p"), 1_000);
        assertThat(auth(approving(), null, cache).authorization()).isEqualTo("Bearer a1");
        assertThat(opened).hasSize(1);
        assertThat(cache.load(key).reveal()).isEqualTo("r1");
        server.verify(0, postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("r-old")));
    }

    @Test
    void aCacheThatCannotBeWrittenIsNotFatal() throws Exception {
        tokens(3600, "a1");
        Path notADirectory = java.nio.file.Files.writeString(dir.resolve("plain-file"), "x");
        TokenCache cache = new TokenCache(notADirectory.resolve("tokens"), Secret.of("p", "p"), 1_000);
        assertThat(auth(approving(), null, cache).authorization()).isEqualTo("Bearer a1");
    }

    @Test
    void aConfiguredAuthorizationEndpointIsUsedAsIs() throws Exception {
        server.stubFor(post(TOKEN).willReturn(okJson(tokenJson("a1", 3600, "r1"))));
        URI custom = URI.create(server.baseUrl() + "/custom/authorize?tenant=t1");
        BrowserSignIn grants = signIn(approving(), custom, URI.create(server.baseUrl() + TOKEN), 0,
                Duration.ofSeconds(5));
        new BrowserAuth(grants, settings(null, null, 0, Duration.ofSeconds(5)), clock::get).authorization();
        assertThat(opened.get(0).toString()).startsWith(server.baseUrl() + "/custom/authorize?tenant=t1&response_type=code");
        server.verify(0, getRequestedFor(urlEqualTo(DISCOVERY)));
    }

    @Test
    void noTextShowsATokenOrTheRefreshToken() throws Exception {
        tokens(3600, "a1-never-shown");
        BrowserAuth auth = auth(approving(), null, null);
        auth.authorization();
        assertThat(auth.toString()).contains(CLIENT_ID).doesNotContain("a1-never-shown").doesNotContain("r1");
    }

    // --- the scripted browser ---

    /** Approves at once: the authorization server would redirect with a code and the state it was given. */
    private OAuthBrowser approving() {
        return redirecting(state -> "code=the-code&state=" + state);
    }

    /** Follows the authorization URL to the redirect URI with the query that {@code answer} makes of the state. */
    private OAuthBrowser redirecting(Function<String, String> answer) {
        return url -> {
            opened.add(url);
            follow(url, answer);
        };
    }

    private void follow(URI url, Function<String, String> answer) {
        Map<String, String> q = params(url.getRawQuery());
        try {
            pages.add(http.send(HttpRequest.newBuilder(URI.create(q.get("redirect_uri") + "/?"
                    + answer.apply(q.get("state")))).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- helpers ---

    private BrowserAuth auth(OAuthBrowser browser, Secret refreshToken, TokenCache cache) {
        return auth(browser, refreshToken, cache, 0, Duration.ofSeconds(10));
    }

    private BrowserAuth auth(OAuthBrowser browser, Secret refreshToken, TokenCache cache, int port, Duration timeout) {
        return new BrowserAuth(signIn(browser, null, null, port, timeout), settings(refreshToken, cache, port, timeout),
                clock::get);
    }

    private BrowserSignIn signIn(OAuthBrowser browser, URI authorize, URI token, int port, Duration timeout) {
        OAuthHttp oauth = new OAuthHttp(HttpClient.newHttpClient(), Duration.ofSeconds(5));
        return new BrowserSignIn(oauth, new OidcEndpoints(oauth, URI.create(server.baseUrl() + "/"), authorize, token),
                CLIENT_ID, SCOPE, port, timeout, browser);
    }

    private U2mSettings settings(Secret refreshToken, TokenCache cache, int port, Duration timeout) {
        return new U2mSettings(URI.create(server.baseUrl() + "/"), null, null, CLIENT_ID, SCOPE, port, timeout,
                refreshToken, cache, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** Each token request answers the next of {@code values}, with refresh token r1. */
    private void tokens(long expiresIn, String... values) {
        for (int i = 0; i < values.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "token-" + i;
            server.stubFor(post(TOKEN).inScenario("tokens").whenScenarioStateIs(state)
                    .willReturn(okJson(tokenJson(values[i], expiresIn, "r1")))
                    .willSetStateTo("token-" + (i + 1)));
        }
    }

    private List<Map<String, String>> tokenForms() {
        List<Map<String, String>> out = new ArrayList<>();
        for (LoggedRequest r : server.findAll(postRequestedFor(urlEqualTo(TOKEN)))) {
            out.add(params(r.getBodyAsString()));
        }
        return out;
    }

    private static String tokenJson(String token, long expiresIn, String refreshToken) {
        return "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}";
    }

    /** Query or form parameters in their order. */
    static Map<String, String> params(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
