package dev.sluice.warehouse.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.http.Faults;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The U2M side of the warehouse's OAuth server over HTTP (its routes alone, no Spark): the authorize endpoint's
 * redirects, PKCE S256 at the token endpoint, single-use codes, refresh tokens, public clients.
 */
class AuthorizationCodeGrantTest {
    private static final String CLIENT = "databricks-sql-jdbc";
    private static final String REDIRECT = "http://localhost:8020";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final HttpClient http = HttpClient.newHttpClient();
    private OAuthServer oauth;
    private HttpApi api;
    private String base;

    @BeforeEach
    void start() throws IOException {
        oauth = new OAuthServer(Map.of("sp", "secret"), Set.of(CLIENT, "other-app"), Duration.ofSeconds(1));
        // no Azure principals: Entra ID tokens play no part here
        api = new HttpApi(new Faults(Duration.ofMinutes(15)), Set.of(), oauth,
                new EntraIdServer(List.of(), "", Duration.ofSeconds(1)));
        api.route("GET", "/oidc/.well-known/oauth-authorization-server", false, oauth::discovery);
        api.route("GET", "/oidc/v1/authorize", false, oauth::authorize);
        api.route("POST", "/oidc/v1/token", false, oauth::token);
        api.route("GET", "/sluice/oauth", false, oauth::describe);
        api.start(0);
        base = "http://127.0.0.1:" + api.port();
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void discoveryNamesTheAuthorizeEndpointAndS256() throws Exception {
        JsonNode d = json(get("/oidc/.well-known/oauth-authorization-server"));
        assertThat(d.path("authorization_endpoint").asText()).isEqualTo(base + "/oidc/v1/authorize");
        assertThat(d.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(d.path("grant_types_supported").toString()).contains("authorization_code", "refresh_token");
    }

    @Test
    void theAuthorizeEndpointApprovesAtOnceAndRedirectsWithACodeAndTheState() throws Exception {
        HttpResponse<String> r = get(authorizeQuery(CLIENT, REDIRECT, "st-1", challenge(VERIFIER), "sql offline_access"));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "/?code=lw-code-").endsWith("&state=st-1");
    }

    @Test
    void onlyLoopbackRedirectsOfKnownPublicClientsAreRedirectedTo() throws Exception {
        for (String redirect : new String[] {"https://localhost:8020", "http://evil.example:8020", "http://localhost@evil",
                "http://127.0.0.1.evil.example/", "http://localhost:8020/#frag"}) {
            HttpResponse<String> r = get(authorizeQuery(CLIENT, redirect, "s", challenge(VERIFIER), "sql"));
            assertThat(r.statusCode()).as(redirect).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).as(redirect).isEmpty();
        }
        assertThat(get(authorizeQuery("sp", REDIRECT, "s", challenge(VERIFIER), "sql")).statusCode()).isEqualTo(400);
        for (String redirect : new String[] {"http://127.0.0.1:1234", "http://[::1]:1234/cb"}) {
            assertThat(get(authorizeQuery(CLIENT, redirect, "s", challenge(VERIFIER), "sql")).statusCode()).isEqualTo(302);
        }
    }

    @Test
    void aRequestWithoutS256IsRedirectedWithAnError() throws Exception {
        HttpResponse<String> r = get("/oidc/v1/authorize?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + enc(REDIRECT) + "&state=s9&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=plain");
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> q = query(URI.create(r.headers().firstValue("Location").orElseThrow()));
        assertThat(q).containsEntry("error", "invalid_request").containsEntry("state", "s9").doesNotContainKey("code");
    }

    @Test
    void theRightVerifierGetsTokensAWrongOneInvalidGrantAndACodeServesOnce() throws Exception {
        String code = code(CLIENT, "sql offline_access");
        HttpResponse<String> wrong = token("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + enc(REDIRECT) + "&code_verifier=" + VERIFIER.replace('d', 'e') + "&client_id=" + CLIENT);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong).path("error").asText()).isEqualTo("invalid_grant");
        // the failed attempt spent the code
        assertThat(token(codeForm(code, VERIFIER)).statusCode()).isEqualTo(400);

        String second = code(CLIENT, "sql offline_access");
        HttpResponse<String> ok = token(codeForm(second, VERIFIER));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = json(ok);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(1);
        assertThat(body.path("refresh_token").asText()).startsWith("lw-refresh-");
        assertThat(oauth.check(body.path("access_token").asText())).isEqualTo(OAuthServer.TokenState.VALID);
        assertThat(token(codeForm(second, VERIFIER)).statusCode()).isEqualTo(400);
    }

    @Test
    void aCodeIsBoundToItsClientAndRedirect() throws Exception {
        String code = code(CLIENT, "sql");
        assertThat(token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc("http://localhost:9999")
                + "&code_verifier=" + VERIFIER + "&client_id=" + CLIENT).statusCode()).isEqualTo(400);
        String other = code(CLIENT, "sql");
        assertThat(token("grant_type=authorization_code&code=" + other + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER + "&client_id=other-app").statusCode()).isEqualTo(400);
    }

    @Test
    void refreshTokensComeWithOfflineAccessAndRenewAccessTokensUntilTheyExpire() throws Exception {
        JsonNode noOffline = json(token(codeForm(code(CLIENT, "sql"), VERIFIER)));
        assertThat(noOffline.has("refresh_token")).isFalse();

        JsonNode first = json(token(codeForm(code(CLIENT, "sql offline_access"), VERIFIER)));
        String refresh = first.path("refresh_token").asText();
        HttpResponse<String> renewed = token("grant_type=refresh_token&refresh_token=" + refresh + "&client_id=" + CLIENT);
        assertThat(renewed.statusCode()).isEqualTo(200);
        String access = json(renewed).path("access_token").asText();
        assertThat(access).isNotEqualTo(first.path("access_token").asText());
        assertThat(oauth.check(access)).isEqualTo(OAuthServer.TokenState.VALID);
        assertThat(json(get("/sluice/oauth")).path("clients").path(CLIENT).path("refresh_grants").asLong()).isEqualTo(1);

        assertThat(token("grant_type=refresh_token&refresh_token=" + refresh + "&client_id=other-app").statusCode())
                .isEqualTo(400);
        assertThat(token("grant_type=refresh_token&refresh_token=unknown&client_id=" + CLIENT).statusCode())
                .isEqualTo(400);
        Thread.sleep(1_100);
        assertThat(oauth.check(access)).isEqualTo(OAuthServer.TokenState.EXPIRED);
    }

    @Test
    void aPublicClientCannotUseTheClientCredentialsGrant() throws Exception {
        HttpResponse<String> r = token("grant_type=client_credentials&client_id=" + CLIENT + "&scope=all-apis");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
    }

    private String code(String client, String scope) throws Exception {
        HttpResponse<String> r = get(authorizeQuery(client, REDIRECT, "s", challenge(VERIFIER), scope));
        assertThat(r.statusCode()).isEqualTo(302);
        return query(URI.create(r.headers().firstValue("Location").orElseThrow())).get("code");
    }

    private static String codeForm(String code, String verifier) {
        return "grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier="
                + verifier + "&client_id=" + CLIENT;
    }

    private static String authorizeQuery(String client, String redirect, String state, String challenge, String scope) {
        return "/oidc/v1/authorize?response_type=code&client_id=" + enc(client) + "&redirect_uri=" + enc(redirect)
                + "&scope=" + enc(scope) + "&state=" + enc(state) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256";
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/oidc/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
