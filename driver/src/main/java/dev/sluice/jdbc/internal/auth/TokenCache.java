package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OAuth token kept in memory and renewed a margin before it expires. One thread renews while the others wait
 * for its result, and a 401 renews at most once per token, so neither a burst of requests nor a burst of 401s
 * turns into a burst of token requests. Shared by every flow that obtains its own tokens.
 */
final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    /** Asks the identity provider for a new token. */
    @FunctionalInterface
    interface Source {
        /**
         * @throws AuthenticationException when the provider refuses
         * @throws IOException when it cannot be reached
         */
        TokenResponse request() throws IOException;
    }

    private final Source source;
    private final String subject;
    private final long marginNanos;
    private final LongSupplier nanoClock;
    private final Object refreshLock = new Object();
    // the token each thread last used, so that a 401 renews only if no other thread has renewed since
    private final ThreadLocal<AccessToken> lastUsed = new ThreadLocal<>();
    private volatile AccessToken current;

    /**
     * @param subject whose token this is, for messages, such as {@code client id 'x'}; never a secret
     * @param margin how long before expiry the token is renewed (at most half its lifetime)
     */
    TokenCache(Source source, String subject, Duration margin, LongSupplier nanoClock) {
        this.source = Objects.requireNonNull(source, "source is null");
        this.subject = Objects.requireNonNull(subject, "subject is null");
        this.marginNanos = margin.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
    }

    /** The current token, renewed first when it is due; remembered as the one this thread uses. */
    AccessToken token() throws IOException {
        AccessToken token = current;
        if (token == null || token.refreshDue(nanoClock.getAsLong())) {
            token = renew(token);
        }
        lastUsed.set(token);
        return token;
    }

    /**
     * Renews the token this thread last used, unless another thread already replaced it.
     *
     * @throws IOException when the renewal fails
     */
    void renewAfterUnauthorized() throws IOException {
        renew(lastUsed.get());
    }

    /** Renews the token unless another thread already replaced {@code stale} with one that is not due. */
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
        TokenResponse response = source.request();
        String value = response.text("access_token");
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new AuthenticationException("the token response for " + subject + " has no usable access_token");
        }
        String type = response.text("token_type");
        long lifetime = response.seconds("expires_in");
        LOG.debug("obtained an OAuth token for {} valid for {} s", subject, lifetime);
        return new AccessToken(type == null ? "Bearer" : type, value, requested + refreshAfterNanos(lifetime));
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
        return "TokenCache[" + subject + ", token=***]";
    }
}
