package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth machine-to-machine authentication (AuthMech=11, Auth_Flow=1): a token from the client credentials grant,
 * kept in a {@link TokenCache} (renewed a margin before it expires, single-flight, one renewal per 401).
 */
public final class ClientCredentialsAuth implements AuthHeaderProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsAuth.class);

    private final String clientId;
    private final TokenCache cache;

    /**
     * @param workspace scheme, host and port of the workspace, for OIDC discovery
     * @param tokenUri the configured token endpoint, or null to discover it
     * @param margin how long before expiry a token is renewed (at most half its lifetime)
     * @param connectTimeout connect timeout of the token requests
     * @param requestTimeout time limit of each token request; zero for none
     */
    public static ClientCredentialsAuth create(URI workspace, URI tokenUri, ClientCredentials credentials,
                                               Duration margin, Duration connectTimeout, Duration requestTimeout) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new ClientCredentialsAuth(new TokenEndpoint(http, workspace, tokenUri, credentials, requestTimeout),
                credentials.clientId(), margin, System::nanoTime);
    }

    ClientCredentialsAuth(TokenEndpoint endpoint, String clientId, Duration margin, LongSupplier nanoClock) {
        Objects.requireNonNull(endpoint, "endpoint is null");
        this.clientId = clientId;
        this.cache = new TokenCache(endpoint::requestToken, "client id '" + clientId + "'", margin, nanoClock);
    }

    @Override
    public String authorization() throws IOException {
        return cache.token().header();
    }

    @Override
    public boolean onUnauthorized() {
        try {
            cache.renewAfterUnauthorized();
            return true;
        } catch (IOException e) {
            // the 401 itself is reported to the caller; this only explains why no second attempt was made
            LOG.warn("renewing the OAuth token of client id '{}' after a 401 failed: {}", clientId, e.getMessage());
            return false;
        }
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuth[clientId=" + clientId + ", token=***]";
    }
}
