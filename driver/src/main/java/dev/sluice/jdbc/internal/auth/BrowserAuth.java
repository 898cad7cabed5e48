package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.OAuthBrowser;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth user-to-machine authentication (AuthMech=11, Auth_Flow=2): the user signs in once through the browser,
 * then the refresh token renews the access token before it expires (single-flight, once per 401, as
 * {@link TokenRenewal} does for every flow). The first token comes from, in this order: the configured refresh
 * token (Auth_RefreshToken; if refused, the connection fails rather than opening a browser nobody may be in front
 * of), the encrypted cache, the browser. A refused cached or earlier refresh token leads to the browser.
 *
 * <p>Browser sign-ins of one JVM take turns, so that a pool opening many connections does not race for the
 * redirect port; a connection that waited its turn first looks in the cache, where the one before it may have
 * left a refresh token.
 */
public final class BrowserAuth implements AuthHeaderProvider {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserAuth.class);
    private static final ReentrantLock SIGN_IN = new ReentrantLock(true);

    private final BrowserSignIn grants;
    private final TokenCache cache;
    private final String cacheKey;
    private final boolean configuredRefreshToken;
    private final Duration signInTimeout;
    private final TokenRenewal renewal;
    // written only under the renewal's lock, read by toString
    private volatile Secret refreshToken;
    private boolean cacheLooked;

    /** Uses the plugged-in {@link OAuthBrowser}, else the system browser. */
    public static BrowserAuth create(U2mSettings settings) {
        OAuthHttp http = new OAuthHttp(OAuthHttp.client(settings.connectTimeout()), settings.requestTimeout());
        OidcEndpoints endpoints = new OidcEndpoints(http, settings.workspace(), settings.authorizationEndpoint(),
                settings.tokenEndpoint());
        return new BrowserAuth(new BrowserSignIn(http, endpoints, settings.clientId(), settings.scope(),
                settings.redirectPort(), settings.signInTimeout(), Browsers.find()), settings, System::nanoTime);
    }

    BrowserAuth(BrowserSignIn grants, U2mSettings settings, LongSupplier nanoClock) {
        this.grants = Objects.requireNonNull(grants, "grants is null");
        this.cache = settings.cache();
        this.cacheKey = settings.cacheKey();
        this.refreshToken = settings.refreshToken();
        this.configuredRefreshToken = settings.refreshToken() != null;
        this.signInTimeout = settings.signInTimeout();
        this.renewal = new TokenRenewal(this::grant, grants.who(), settings.margin(), nanoClock);
    }

    @Override
    public String authorization() throws IOException {
        return renewal.authorization();
    }

    @Override
    public boolean onUnauthorized() {
        return renewal.onUnauthorized();
    }

    /** Called by the renewal under its lock: one grant at a time per connection. */
    private TokenResponse grant() throws IOException {
        if (refreshToken == null && cache != null && !cacheLooked) {
            cacheLooked = true;
            refreshToken = cache.load(cacheKey);
        }
        Secret refused = null;
        if (refreshToken != null) {
            try {
                return remember(grants.refresh(refreshToken));
            } catch (AuthenticationException e) {
                if (configuredRefreshToken) {
                    throw new AuthenticationException("the configured Auth_RefreshToken was refused: " + e.getMessage());
                }
                LOG.info("the OAuth refresh token of {} was refused ({}); signing in through the browser again",
                        grants.who(), e.getMessage());
                refused = refreshToken;
                refreshToken = null;
            }
        }
        return signInTakingTurns(refused);
    }

    /** @param refused a refresh token just refused, not to be tried again should the cache still hold it */
    private TokenResponse signInTakingTurns(Secret refused) throws IOException {
        boolean waited = !SIGN_IN.tryLock();
        try {
            if (waited && !SIGN_IN.tryLock(signInTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AuthenticationException("no OAuth sign-in completed within OAuthWebServerTimeout="
                        + signInTimeout.toSeconds() + " s (another connection of this JVM was signing in)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting for the OAuth sign-in was interrupted");
        }
        try {
            // only a sign-in we waited for can have left a newer refresh token in the cache
            Secret cached = waited && cache != null ? cache.load(cacheKey) : null;
            if (cached != null && !cached.equals(refused)) {
                try {
                    refreshToken = cached;
                    return remember(grants.refresh(cached));
                } catch (AuthenticationException e) {
                    refreshToken = null;
                }
            }
            LOG.debug("signing in {} through the browser", grants.who());
            return remember(grants.signIn());
        } finally {
            SIGN_IN.unlock();
        }
    }

    /** Keeps a new or rotated refresh token, and caches it when it changed. */
    private TokenResponse remember(TokenResponse response) {
        String issued = response.text("refresh_token");
        if (issued == null) {
            return response;
        }
        Secret next;
        try {
            next = Secret.of(issued, "the refresh token");
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring an unusable refresh token from {}: {}", grants.who(), e.getMessage());
            return response;
        }
        boolean changed = !next.equals(refreshToken);
        refreshToken = next;
        if (changed && cache != null) {
            try {
                cache.store(cacheKey, next);
            } catch (IOException e) {
                LOG.warn("cannot write the OAuth token cache {}: {}", cache.file(), e.getMessage());
            }
        }
        return response;
    }

    @Override
    public String toString() {
        return "BrowserAuth[" + grants.who() + ", token=***, refreshToken=***]";
    }
}
