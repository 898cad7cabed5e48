package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.Tls;
import java.io.IOException;
import java.io.InterruptedIOException;
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
    private final Secret basicAuthorization;
    private final Secret secret;
    private final Network network;
    private final String form;
    private final Duration requestTimeout;
    private volatile URI tokenUri;

    /**
     * @param workspace scheme, host and port of the workspace, for discovery
     * @param tokenUri the configured token endpoint, or null to discover it
     */
    TokenEndpoint(HttpClient http, URI workspace, URI tokenUri, ClientCredentials credentials,
                  Duration requestTimeout) {
        this(http, Network.direct(), workspace, tokenUri, credentials, requestTimeout);
    }

    /** @param network the connection's TLS and proxy settings, which {@code http} was built from */
    TokenEndpoint(HttpClient http, Network network, URI workspace, URI tokenUri, ClientCredentials credentials,
                  Duration requestTimeout) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.network = Objects.requireNonNull(network, "network is null");
        this.discovery = workspace.resolve(DISCOVERY_PATH);
        this.tokenUri = tokenUri;
        this.clientId = credentials.clientId();
        this.secret = credentials.secret();
        this.basicAuthorization = Secret.of("Basic " + Base64.getEncoder().encodeToString(
                (credentials.clientId() + ":" + credentials.secret().reveal()).getBytes(StandardCharsets.UTF_8)),
                "the client authorization");
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
                .header("Authorization", basicAuthorization.reveal())
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

    private HttpRequest.Builder request(URI uri) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (!requestTimeout.isZero()) {
            b.timeout(requestTimeout);
        }
        network.prepare(b, uri);
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) throws IOException {
        String where = what + " at " + request.uri().getHost() + " failed: ";
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " was interrupted");
        } catch (IOException e) {
            IOException proxy = network.proxyFailure(request.uri(), 0, e);
            String tls = Tls.explain(e);
            throw new IOException(where + (proxy != null ? proxy.getMessage() : e + (tls == null ? "" : "; " + tls)),
                    e);
        }
        IOException proxy = response.statusCode() == 407 ? network.proxyFailure(request.uri(), 407, null) : null;
        if (proxy != null) {
            throw new IOException(where + proxy.getMessage());
        }
        return response;
    }

    private TokenResponse parse(byte[] body, String what) throws AuthenticationException {
        try {
            return TokenResponse.parse(body);
        } catch (IOException e) {
            throw new AuthenticationException(what + " for client id '" + clientId + "' is not a JSON object");
        }
    }

    /** The server's error and description (§6.3), with the secret masked should a server ever echo it. */
    private String errorText(byte[] body) {
        TokenResponse error;
        try {
            error = TokenResponse.parse(body);
        } catch (IOException e) {
            return "";
        }
        String code = firstOf(error.text("error"), error.text("errorCode"), error.text("error_code"));
        String description = firstOf(error.text("error_description"), error.text("errorSummary"),
                error.text("message"));
        String text = (code == null ? "" : " " + code) + (description == null ? "" : ": " + description);
        return secret.maskIn(text);
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "TokenEndpoint[clientId=" + clientId + ", secret=***]";
    }
}
