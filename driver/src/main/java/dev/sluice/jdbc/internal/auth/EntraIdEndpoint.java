package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Entra ID's v1 token endpoint for a service principal (protocol §6.5): the client credentials grant with the
 * client id and secret in the form and the resource the token is for. Knows the secret, so every message it
 * builds is masked.
 */
final class EntraIdEndpoint {
    private final HttpClient http;
    private final AzureServicePrincipal principal;
    private final URI tokenUri;
    private final Duration requestTimeout;

    EntraIdEndpoint(HttpClient http, AzureServicePrincipal principal, Duration requestTimeout) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.principal = Objects.requireNonNull(principal, "principal is null");
        this.tokenUri = principal.tokenEndpoint();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout is null");
    }

    /**
     * Requests a token for {@code resource}.
     *
     * @throws AuthenticationException when Entra ID refuses (naming tenant, client id, resource and its error)
     * @throws IOException when it cannot be reached
     */
    TokenResponse requestToken(String resource) throws IOException {
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(principal.clientId())
                + "&client_secret=" + encode(principal.secret().reveal())
                + "&resource=" + encode(resource);
        HttpRequest request = TokenRequests.request(tokenUri, requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = TokenRequests.send(http, request, "POST " + tokenUri.getPath());
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException(principal.secret().maskIn("Entra ID refused a token for " + subject()
                    + " (resource " + resource + "): HTTP " + response.statusCode()
                    + TokenRequests.errorText(response.body())));
        }
        return TokenRequests.parse(response.body(), "the Entra ID token response", subject());
    }

    /** Who asks, for messages. */
    String subject() {
        return "client id '" + principal.clientId() + "' in tenant '" + principal.tenantId() + "'";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EntraIdEndpoint[" + principal + "]";
    }
}
