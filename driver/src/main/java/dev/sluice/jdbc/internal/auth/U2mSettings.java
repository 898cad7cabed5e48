package dev.sluice.jdbc.internal.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What an OAuth U2M connection is configured with (AuthMech=11, Auth_Flow=2).
 *
 * @param workspace scheme, host and port of the workspace, for OIDC discovery
 * @param authorizationEndpoint the configured authorization endpoint, or null to discover it
 * @param tokenEndpoint the configured token endpoint, or null to discover it
 * @param clientId the public OAuth client (no secret)
 * @param scope space-separated scopes; a refresh token comes only with {@code offline_access}
 * @param redirectPort port of the loopback redirect listener, 0 for any free one
 * @param signInTimeout how long to wait for the browser's redirect
 * @param refreshToken a refresh token to start from without a browser, or null
 * @param cache the encrypted token cache, or null for none
 * @param margin how long before expiry an access token is renewed (at most half its lifetime)
 * @param connectTimeout connect timeout of requests to the OAuth server
 * @param requestTimeout time limit of each request to the OAuth server; zero for none
 */
public record U2mSettings(URI workspace, URI authorizationEndpoint, URI tokenEndpoint, String clientId, String scope,
                          int redirectPort, Duration signInTimeout, Secret refreshToken, TokenCache cache,
                          Duration margin, Duration connectTimeout, Duration requestTimeout) {
    public U2mSettings {
        Objects.requireNonNull(workspace, "workspace is null");
        Objects.requireNonNull(clientId, "clientId is null");
        Objects.requireNonNull(scope, "scope is null");
        Objects.requireNonNull(signInTimeout, "signInTimeout is null");
        Objects.requireNonNull(margin, "margin is null");
        Objects.requireNonNull(connectTimeout, "connectTimeout is null");
        Objects.requireNonNull(requestTimeout, "requestTimeout is null");
    }

    /** Which cache entry belongs to this connection: one refresh token per workspace, client and scope. */
    String cacheKey() {
        return workspace.getScheme() + "://" + workspace.getAuthority() + " " + clientId + " " + scope;
    }
}
