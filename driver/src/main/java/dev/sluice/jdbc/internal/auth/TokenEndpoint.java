package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Talks to the workspace's OAuth server for the client credentials grant (protocol §6.2-6.3): finds the token
 * endpoint through OIDC discovery unless one was configured, then posts the grant with HTTP Basic client
 * authentication. Knows the secret, so no message it builds may contain it.
 */
final class TokenEndpoint {
    static final String DISCOVERY_PATH = OidcEndpoints.DISCOVERY_PATH;

    private final OAuthHttp http;
    private final OidcEndpoints endpoints;
    private final String clientId;
    private final String basicAuthorization;
    private final Secret secret;
    private final String form;

    /**
     * @param workspace scheme, host and port of the workspace, for discovery
     * @param tokenUri the configured token endpoint, or null to discover it
     */
    TokenEndpoint(HttpClient http, URI workspace, URI tokenUri, ClientCredentials credentials,
                  Duration requestTimeout) {
        this.http = new OAuthHttp(http, requestTimeout);
        this.endpoints = new OidcEndpoints(this.http, workspace, null, tokenUri);
        this.clientId = credentials.clientId();
        this.secret = Secret.of(credentials.secret(), "the client secret");
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.clientId() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
        this.form = "grant_type=client_credentials&scope="
                + URLEncoder.encode(credentials.scope(), StandardCharsets.UTF_8);
    }

    /**
     * Requests a new access token.
     *
     * @throws AuthenticationException when the OAuth server refuses (naming the client id and the server's error)
     * @throws IOException when it cannot be reached
     */
    TokenResponse requestToken() throws IOException {
        return http.postForm(endpoints.token(), form, Map.of("Authorization", basicAuthorization),
                "client id '" + clientId + "'", secret);
    }

    @Override
    public String toString() {
        return "TokenEndpoint[clientId=" + clientId + ", secret=***]";
    }
}
