package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * The workspace's authorization and token endpoints: those configured, else those of its OIDC discovery
 * document (protocol §6.2), fetched once and only when an endpoint is needed that was not configured.
 */
final class OidcEndpoints {
    static final String DISCOVERY_PATH = "/oidc/.well-known/oauth-authorization-server";

    private final OAuthHttp http;
    private final URI discovery;
    private final URI configuredAuthorization;
    private final URI configuredToken;
    private volatile TokenResponse document;

    /**
     * @param workspace scheme, host and port of the workspace, for discovery
     * @param authorization the configured authorization endpoint, or null to discover it
     * @param token the configured token endpoint, or null to discover it
     */
    OidcEndpoints(OAuthHttp http, URI workspace, URI authorization, URI token) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.discovery = workspace.resolve(DISCOVERY_PATH);
        this.configuredAuthorization = authorization;
        this.configuredToken = token;
    }

    /** @throws AuthenticationException when OAuth is not enabled or the document names no token endpoint */
    URI token() throws IOException {
        return configuredToken != null ? configuredToken : discovered("token_endpoint", "OAuth2TokenEndpoint");
    }

    /** @throws AuthenticationException when OAuth is not enabled or the document names no authorization endpoint */
    URI authorization() throws IOException {
        return configuredAuthorization != null ? configuredAuthorization
                : discovered("authorization_endpoint", "OAuth2ConnAuthAuthorizeEndpoint");
    }

    private URI discovered(String field, String property) throws IOException {
        String endpoint = document(property).text(field);
        if (endpoint == null) {
            throw new AuthenticationException("the discovery document at " + DISCOVERY_PATH + " names no " + field
                    + "; set " + property);
        }
        try {
            return discovery.resolve(endpoint);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("the discovery document names an invalid " + field);
        }
    }

    private TokenResponse document(String property) throws IOException {
        TokenResponse known = document;
        if (known != null) {
            return known;
        }
        HttpResponse<byte[]> response = http.get(discovery, "GET " + DISCOVERY_PATH);
        if (response.statusCode() == 404) {
            throw new AuthenticationException("OAuth is not enabled on " + discovery.getHost()
                    + " (GET " + DISCOVERY_PATH + " answered 404); set " + property + " or use another AuthMech");
        }
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException("OIDC discovery at " + discovery.getHost() + " failed: HTTP "
                    + response.statusCode() + OAuthHttp.errorText(response.body()));
        }
        known = OAuthHttp.parse(response.body(), "the discovery document");
        document = known;
        return known;
    }
}
