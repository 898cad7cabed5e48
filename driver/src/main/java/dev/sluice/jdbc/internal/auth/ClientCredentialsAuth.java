package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.TransportSeam;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * OAuth machine-to-machine authentication (AuthMech=11, Auth_Flow=1): a token from the client credentials grant,
 * kept in memory and renewed a margin before it expires, single-flight and at most once per 401
 * ({@link TokenRenewal}).
 */
public final class ClientCredentialsAuth implements AuthHeaderProvider {
    private final String clientId;
    private final TokenRenewal renewal;

    /**
     * @param workspace scheme, host and port of the workspace, for OIDC discovery
     * @param tokenUri the configured token endpoint, or null to discover it
     * @param margin how long before expiry a token is renewed (at most half its lifetime)
     * @param connectTimeout connect timeout of the token requests
     * @param requestTimeout time limit of each token request; zero for none
     * @param network the connection's TLS and proxy settings, also used for the token requests
     * @param seam the connection's simulation seam the token requests pass through, or null
     */
    public static ClientCredentialsAuth create(URI workspace, URI tokenUri, ClientCredentials credentials,
                                               Duration margin, Duration connectTimeout, Duration requestTimeout,
                                               Network network, TransportSeam seam) {
        return new ClientCredentialsAuth(new TokenEndpoint(
                new OAuthHttp(network, connectTimeout, requestTimeout).through(seam),
                workspace, tokenUri, credentials), credentials.clientId(), margin, System::nanoTime);
    }

    ClientCredentialsAuth(TokenEndpoint endpoint, String clientId, Duration margin, LongSupplier nanoClock) {
        Objects.requireNonNull(endpoint, "endpoint is null");
        this.clientId = clientId;
        this.renewal = new TokenRenewal(endpoint::requestToken, "client id '" + clientId + "'", margin, nanoClock);
    }

    @Override
    public String authorization() throws IOException {
        return renewal.authorization();
    }

    @Override
    public boolean onUnauthorized() {
        return renewal.onUnauthorized();
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuth[clientId=" + clientId + ", token=***]";
    }
}
