package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OAuth access token kept in memory and renewed a margin before it expires, whatever grant renews it. One
 * thread renews while the others wait for its result, and a 401 renews at most once per token, so neither a
 * burst of requests nor a burst of 401s turns into a burst of token requests.
 */
final class TokenRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRenewal.class);

    /** Obtains a new token response: the grant behind this renewal. */
    @FunctionalInterface
    interface Grant {
        TokenResponse request() throws IOException;
    }

    private final Grant grant;
    private final String who;
    private final long marginNanos;
    private final LongSupplier nanoClock;
    private final Object refreshLock = new Object();
    // the token each thread last sent, so that a 401 renews only if no other thread has renewed since
    private final ThreadLocal<AccessToken> lastSent = new ThreadLocal<>();
    private volatile AccessToken current;

    /**
     * @param who the requester for messages and logs, e.g. {@code client id 'x'}
     * @param margin how long before expiry a token is renewed (at most half its lifetime)
     */
    TokenRenewal(Grant grant, String who, Duration margin, LongSupplier nanoClock) {
        this.grant = Objects.requireNonNull(grant, "grant is null");
        this.who = Objects.requireNonNull(who, "who is null");
        this.marginNanos = margin.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
    }

    /** The Authorization header to send now, renewing the token first when it is due. */
    String authorization() throws IOException {
        return token().header();
    }

    /**
     * The token to send now, renewed first when it is due; for flows that send it in a header of their own
     * rather than as {@code Authorization} (the Azure management token carries no scheme).
     */
    AccessToken token() throws IOException {
        AccessToken token = current;
        if (token == null || token.refreshDue(nanoClock.getAsLong())) {
            token = renew(token);
        }
        lastSent.set(token);
        return token;
    }

    /** A 401 to the token this thread sent: renew unless another thread already has. */
    boolean onUnauthorized() {
        try {
            renew(lastSent.get());
            return true;
        } catch (IOException e) {
            // the 401 itself is reported to the caller; this only explains why no second attempt was made
            LOG.warn("renewing the OAuth token of {} after a 401 failed: {}", who, e.getMessage());
            return false;
        }
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
        TokenResponse response = grant.request();
        String value = response.text("access_token");
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new AuthenticationException("the token response for " + who + " has no usable access_token");
        }
        String type = response.text("token_type");
        long lifetime = response.seconds("expires_in");
        LOG.debug("obtained an OAuth token for {} valid for {} s", who, lifetime);
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
        return "TokenRenewal[" + who + ", token=***]";
    }
}
