package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth U2M end to end through JDBC against the local warehouse: sign-in through the plugged-in
 * {@link FollowingBrowser}, access tokens that expire after {@link LocalWarehouseExtension#OAUTH_TOKEN_TTL_SECONDS}
 * renewed with the refresh token (one refresh request however many threads need it, counted by the warehouse),
 * the encrypted token cache serving a second connection without a browser, and a refresh token from the URL.
 */
@ExtendWith(LocalWarehouseExtension.class)
class OAuthU2MTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "databricks-sql-jdbc";
    private static final int THREADS = 8;

    private final LocalWarehouse warehouse;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;

    OAuthU2MTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void signInThroughTheBrowserThenEveryRenewalIsOneRefreshRequestForManyThreads() throws Exception {
        int opened = FollowingBrowser.opened();
        try (Connection c = connect(u2mUrl(""))) {
            assertThat(FollowingBrowser.opened()).isEqualTo(opened + 1);
            assertThat(FollowingBrowser.lastPage()).contains("Signed in");
            assertThat(selectOne(c, 1)).isEqualTo(1);
            // first past the renewal point (half the 3 s lifetime), then past the expiry of the token in use
            for (long pause : new long[] {1_700, LocalWarehouseExtension.OAUTH_TOKEN_TTL_SECONDS * 1_000L + 200}) {
                Thread.sleep(pause);
                long before = refreshGrants();
                runConcurrently(c);
                assertThat(refreshGrants() - before).as("refresh requests after a %d ms pause", pause).isEqualTo(1);
            }
        }
        assertThat(FollowingBrowser.opened()).isEqualTo(opened + 1);
    }

    @Test
    void aSecondConnectionIsServedFromTheEncryptedCacheWithoutABrowser() throws Exception {
        Path file = dir.resolve("cache").resolve("tokens");
        String cache = "EnableTokenCache=1;TokenCachePassPhrase=correct horse;TokenCacheFile=" + file + ";";
        int opened = FollowingBrowser.opened();
        try (Connection c = connect(u2mUrl(cache))) {
            assertThat(selectOne(c, 1)).isEqualTo(1);
        }
        assertThat(FollowingBrowser.opened()).isEqualTo(opened + 1);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("lw-refresh-");

        long refreshes = refreshGrants();
        try (Connection c = connect(u2mUrl(cache))) {
            assertThat(selectOne(c, 2)).isEqualTo(2);
        }
        assertThat(FollowingBrowser.opened()).isEqualTo(opened + 1);
        assertThat(refreshGrants() - refreshes).isEqualTo(1);

        // another pass phrase cannot read it: the browser opens, and the file is rewritten under the new phrase
        String other = "EnableTokenCache=1;TokenCachePassPhrase=another phrase;TokenCacheFile=" + file + ";";
        try (Connection c = connect(u2mUrl(other))) {
            assertThat(selectOne(c, 3)).isEqualTo(3);
        }
        assertThat(FollowingBrowser.opened()).isEqualTo(opened + 2);
        try (Connection c = connect(u2mUrl(other))) {
            assertThat(selectOne(c, 4)).isEqualTo(4);
        }
        assertThat(FollowingBrowser.opened()).isEqualTo(opened + 2);
    }

    @Test
    void aRefreshTokenFromTheUrlNeedsNoBrowserAndARefusedOneIs28000WithoutIt() throws Exception {
        String refreshToken = signInByHand();
        int opened = FollowingBrowser.opened();
        try (Connection c = connect(u2mUrl("Auth_RefreshToken=" + refreshToken + ";"))) {
            assertThat(selectOne(c, 5)).isEqualTo(5);
        }
        String bogus = "lw-refresh-not-issued-" + System.nanoTime();
        assertThatThrownBy(() -> connect(u2mUrl("OAuthRefreshToken=" + bogus + ";")).close())
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .hasMessageContaining("Auth_RefreshToken")
                .hasMessageContaining("invalid_grant")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bogus));
        assertThat(FollowingBrowser.opened()).isEqualTo(opened);
    }

    @Test
    void theWarehouseRefusesAWrongVerifierAndSpendsTheCode() throws Exception {
        String verifier = "v".repeat(43);
        String code = authorize(challenge(verifier));
        HttpResponse<String> wrong = token("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + enc(redirect()) + "&code_verifier=" + "w".repeat(43) + "&client_id=" + CLIENT_ID);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(redirect())
                + "&code_verifier=" + verifier + "&client_id=" + CLIENT_ID).statusCode()).isEqualTo(400);
    }

    /** Each thread runs a statement of its own at the same moment, so all of them need a token at once. */
    private static void runConcurrently(Connection c) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = 100 + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return selectOne(c, n);
                }));
            }
            go.countDown();
            for (int i = 0; i < THREADS; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(100 + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Connection connect(String url) throws SQLException {
        return new SluiceDriver().connect(url, new Properties());
    }

    /** Port 0: parallel builds on one machine must not fight over the official 8020. */
    private String u2mUrl(String extra) {
        return "jdbc:databricks://" + warehouse.host() + ":" + warehouse.port() + "/default;ssl=0;httpPath="
                + warehouse.httpPath() + ";AuthMech=11;Auth_Flow=2;OAuth2RedirectUrlPort=0;" + extra;
    }

    private static long selectOne(Connection c, long n) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + n)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private long refreshGrants() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/sluice/oauth"))
                .header("Authorization", "Bearer " + warehouse.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("clients").path(CLIENT_ID).path("refresh_grants").asLong(-1);
    }

    /** What another tool that signed the user in would hand over: the refresh token of a code grant. */
    private String signInByHand() throws Exception {
        String verifier = "x".repeat(43);
        HttpResponse<String> r = token("grant_type=authorization_code&code=" + authorize(challenge(verifier))
                + "&redirect_uri=" + enc(redirect()) + "&code_verifier=" + verifier + "&client_id=" + CLIENT_ID);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        return body.path("refresh_token").asText();
    }

    private String authorize(String challenge) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl()
                + "/oidc/v1/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + enc(redirect())
                + "&scope=" + enc("sql offline_access") + "&state=s&code_challenge=" + challenge
                + "&code_challenge_method=S256")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        String query = URI.create(r.headers().firstValue("Location").orElseThrow()).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + query);
    }

    private HttpResponse<String> token(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/oidc/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String redirect() {
        return "http://localhost:8020";
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
