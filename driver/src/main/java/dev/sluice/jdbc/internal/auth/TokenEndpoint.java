package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Talks to the workspace's OAuth server for the client credentials grant (protocol §6.2-6.3): finds the token
 * endpoint through OIDC discovery unless one was configured, then posts the grant with HTTP Basic client
 * authentication. Knows the secret, so no message it builds may contain it.
 */
final class TokenEndpoint {
    static final String DISCOVERY_PATH = "/oidc/.well-known/oauth-authorization-server";

    private final HttpClient http;
    private final URI discovery;
    private final String clientId;
    private final String basicAuthorization;
    private final String secret;
    private final String form;
    private final Duration requestTimeout;
    private volatile URI tokenUri;

    /**
     * @param workspace scheme, host and port of the workspace, for discovery
     * @param tokenUri the configured token endpoint, or null to discover it
     */
    TokenEndpoint(HttpClient http, URI workspace, URI tokenUri, ClientCredentials credentials,
                  Duration requestTimeout) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.discovery = workspace.resolve(DISCOVERY_PATH);
        this.tokenUri = tokenUri;
        this.clientId = credentials.clientId();
        this.secret = credentials.secret();
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.clientId() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
        this.form = "grant_type=client_credentials&scope="
                + URLEncoder.encode(credentials.scope(), StandardCharsets.UTF_8);
        this.requestTimeout = requestTimeout;
    }

    /**
     * Requests a new access token.
     *
     * @throws AuthenticationException when the OAuth server refuses (naming the client id and the server's error)
     * @throws IOException when it cannot be reached
     */
    TokenResponse requestToken() throws IOException {
        URI uri = tokenUri();
        HttpRequest request = request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basicAuthorization)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = send(request, "POST " + uri.getPath());
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException("the OAuth token request for client id '" + clientId + "' failed: HTTP "
                    + response.statusCode() + errorText(response.body()));
        }
        return parse(response.body(), "the token response");
    }

    private URI tokenUri() throws IOException {
        URI known = tokenUri;
        if (known != null) {
            return known;
        }
        HttpResponse<byte[]> response = send(request(discovery).GET().build(), "GET " + DISCOVERY_PATH);
        if (response.statusCode() == 404) {
            throw new AuthenticationException("OAuth is not enabled on " + discovery.getHost()
                    + " (GET " + DISCOVERY_PATH + " answered 404); set OAuth2TokenEndpoint or use another AuthMech");
        }
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException("OIDC discovery for client id '" + clientId + "' failed: HTTP "
                    + response.statusCode() + errorText(response.body()));
        }
        String endpoint = parse(response.body(), "the discovery document").text("token_endpoint");
        if (endpoint == null) {
            throw new AuthenticationException("the discovery document at " + DISCOVERY_PATH + " names no token_endpoint");
        }
        try {
            known = discovery.resolve(endpoint);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("the discovery document names an invalid token_endpoint");
        }
        tokenUri = known;
        return known;
    }

    private HttpRequest.Builder request(URI uri) {
        return TokenRequests.request(uri, requestTimeout);
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) throws IOException {
        return TokenRequests.send(http, request, what);
    }

    private TokenResponse parse(byte[] body, String what) throws AuthenticationException {
        return TokenRequests.parse(body, what, "client id '" + clientId + "'");
    }

    /** The server's error and description (§6.3), with the secret masked should a server ever echo it. */
    private String errorText(byte[] body) {
        return TokenRequests.errorText(body).replace(secret, "***");
    }

    @Override
    public String toString() {
        return "TokenEndpoint[clientId=" + clientId + ", secret=***]";
    }
}
