package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Entra ID's v1 token endpoint for a service principal (protocol §6.5): the client credentials grant with the
 * client id and secret in the form and the resource the token is for, posted through {@link OAuthHttp} like
 * every other grant. Knows the secret, so it hands it to {@link OAuthHttp} to be masked in every message.
 */
final class EntraIdEndpoint {
    private final OAuthHttp http;
    private final AzureServicePrincipal principal;
    private final URI tokenUri;

    /** @param requestTimeout time limit of each token request; zero for none */
    EntraIdEndpoint(HttpClient http, AzureServicePrincipal principal, Duration requestTimeout) {
        this.http = new OAuthHttp(http, requestTimeout);
        this.principal = Objects.requireNonNull(principal, "principal is null");
        this.tokenUri = principal.tokenEndpoint();
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
        // the client authenticates in the form, so no Authorization header
        return http.postForm(tokenUri, form, Map.of(), subject() + " at Entra ID (resource " + resource + ")",
                principal.secret());
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
