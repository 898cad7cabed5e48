package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.OAuthBrowser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The grants of a public OAuth client (protocol §6.4): the authorization code grant with PKCE S256 through the
 * browser and a loopback redirect, and the refresh token grant. No client secret is ever sent; the client id
 * travels in the form.
 */
final class BrowserSignIn {
    private final OAuthHttp http;
    private final OidcEndpoints endpoints;
    private final String clientId;
    private final String scope;
    private final int redirectPort;
    private final Duration timeout;
    private final OAuthBrowser browser;

    BrowserSignIn(OAuthHttp http, OidcEndpoints endpoints, String clientId, String scope, int redirectPort,
                  Duration timeout, OAuthBrowser browser) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints is null");
        this.clientId = Objects.requireNonNull(clientId, "clientId is null");
        this.scope = Objects.requireNonNull(scope, "scope is null");
        this.redirectPort = redirectPort;
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        this.browser = Objects.requireNonNull(browser, "browser is null");
    }

    /**
     * Signs the user in through the browser and exchanges the code for tokens.
     *
     * @throws AuthenticationException when the port is taken, the user or server refuses, the state does not
     *     match, no redirect comes within the timeout, or the token endpoint refuses the code
     */
    TokenResponse signIn() throws IOException {
        URI authorize = endpoints.authorization();
        URI token = endpoints.token();
        Pkce pkce = Pkce.create();
        Secret code;
        URI redirect;
        try (LoopbackRedirect listener = LoopbackRedirect.open(redirectPort, pkce.state())) {
            redirect = listener.redirectUri();
            Browsers.show(browser, authorizationUrl(authorize, redirect, pkce));
            code = listener.awaitCode(timeout);
        }
        String form = "grant_type=authorization_code&code=" + encode(code.reveal())
                + "&redirect_uri=" + encode(redirect.toString())
                + "&code_verifier=" + encode(pkce.verifier().reveal())
                + "&client_id=" + encode(clientId);
        return http.postForm(token, form, Map.of(), who(), code, pkce.verifier());
    }

    /**
     * Renews the tokens with a refresh token.
     *
     * @throws AuthenticationException when the token endpoint refuses it (expired or revoked)
     */
    TokenResponse refresh(Secret refreshToken) throws IOException {
        String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken.reveal())
                + "&client_id=" + encode(clientId);
        return http.postForm(endpoints.token(), form, Map.of(), who(), refreshToken);
    }

    URI authorizationUrl(URI authorize, URI redirect, Pkce pkce) {
        String query = "response_type=code&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirect.toString())
                + "&scope=" + encode(scope)
                + "&state=" + encode(pkce.state())
                + "&code_challenge=" + encode(pkce.challenge())
                + "&code_challenge_method=S256";
        String base = authorize.toString();
        return URI.create(base + (authorize.getRawQuery() == null ? "?" : "&") + query);
    }

    String who() {
        return "client id '" + clientId + "'";
    }

    private static String encode(String value) {
        // form and query encoding: a space is %20 in both, which every OAuth server reads
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
