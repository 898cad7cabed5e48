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
 * kept in memory and renewed a margin before it expires. One thread renews while the others wait for its
 * result, and a 401 renews at most once per token, so neither a burst of requests nor a burst of 401s turns
 * into a burst of token requests.
 */
public final class ClientCredentialsAuth implements AuthHeaderProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsAuth.class);

    private final TokenEndpoint endpoint;
    private final String clientId;
    private final long marginNanos;
    private final LongSupplier nanoClock;
    private final Object refreshLock = new Object();
    // the token each thread last sent, so that a 401 renews only if no other thread has renewed since
    private final ThreadLocal<AccessToken> lastSent = new ThreadLocal<>();
    private volatile AccessToken current;

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
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint is null");
        this.clientId = clientId;
        this.marginNanos = margin.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
    }

    @Override
    public String authorization() throws IOException {
        AccessToken token = current;
        if (token == null || token.refreshDue(nanoClock.getAsLong())) {
            token = renew(token);
        }
        lastSent.set(token);
        return token.header();
    }

    @Override
    public boolean onUnauthorized() {
        try {
            renew(lastSent.get());
            return true;
        } catch (IOException e) {
            // the 401 itself is reported to the caller; this only explains why no second attempt was made
            LOG.warn("renewing the OAuth token of client id '{}' after a 401 failed: {}", clientId, e.getMessage());
            return false;
        }
    }

    /**
     * Renews the token unless another thread already replaced {@code stale} with one that is not due.
     */
    private AccessToken renew(AccessToken stale) throws IOException {
        synchronized (refreshLock) {
            AccessToken token = current;
            if (token != null && token != stale && !token.refreshDue(nanoClock.getAsLong())) {
                return token;
            }
            token = fetch();
            current = token;
            return token;
        }
    }

    private AccessToken fetch() throws IOException {
        long requested = nanoClock.getAsLong();
        TokenResponse response = endpoint.requestToken();
        String value = response.text("access_token");
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new AuthenticationException("the token response for client id '" + clientId
                    + "' has no usable access_token");
        }
        String type = response.text("token_type");
        String header = (type == null ? "Bearer" : type) + " " + value;
        long lifetime = response.seconds("expires_in");
        LOG.debug("obtained an OAuth token for client id '{}' valid for {} s", clientId, lifetime);
        return new AccessToken(header, requested + refreshAfterNanos(lifetime));
    }

    /** When a token of this lifetime is renewed, counted from the request: the margin, at most half its life. */
    private long refreshAfterNanos(long lifetimeSeconds) {
        if (lifetimeSeconds < 0) {
            return Long.MAX_VALUE / 2; // no expiry given: keep it until the server answers 401
        }
        long lifetime = Duration.ofSeconds(lifetimeSeconds).toNanos();
        return lifetime - Math.min(marginNanos, lifetime / 2);
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuth[clientId=" + clientId + ", token=***]";
    }
}
