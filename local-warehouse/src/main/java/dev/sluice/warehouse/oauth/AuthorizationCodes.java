package dev.sluice.warehouse.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Authorization codes of the code grant with PKCE (RFC 7636, protocol §6.4): issued by the authorize endpoint
 * bound to the client, redirect URI, S256 challenge and scope of the request, redeemed at most once and only
 * within their short lifetime.
 */
final class AuthorizationCodes {
    /** What a code was issued for. */
    record Grant(String clientId, String redirectUri, String challenge, String scope, long expiresAtNanos) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Duration lifetime;
    private final LongSupplier nanoClock;
    private final Map<String, Grant> byCode = new ConcurrentHashMap<>();

    AuthorizationCodes(Duration lifetime) {
        this(lifetime, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()} but for tests, which must not wait out a real lifetime */
    AuthorizationCodes(Duration lifetime, LongSupplier nanoClock) {
        this.lifetime = lifetime;
        this.nanoClock = nanoClock;
    }

    String issue(String clientId, String redirectUri, String challenge, String scope) {
        long now = nanoClock.getAsLong();
        byCode.values().removeIf(g -> now - g.expiresAtNanos() > 0);
        String code = "lw-code-" + random(24);
        byCode.put(code, new Grant(clientId, redirectUri, challenge, scope, now + lifetime.toNanos()));
        return code;
    }

    /** The grant of {@code code}, which is spent whatever happens next; null when unknown, spent or expired. */
    Grant redeem(String code) {
        Grant g = code == null ? null : byCode.remove(code);
        return g == null || nanoClock.getAsLong() - g.expiresAtNanos() > 0 ? null : g;
    }

    /** base64url(SHA-256(verifier)) without padding equals the challenge, compared in constant time. */
    static boolean verifies(String verifier, String challenge) {
        if (verifier == null || challenge == null) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Only {@code http} redirects to this machine, on any port (RFC 8252 §7.3), without a fragment. */
    static boolean loopback(String redirectUri) {
        if (redirectUri == null) {
            return false;
        }
        try {
            URI uri = new URI(redirectUri);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getFragment() == null
                    && uri.getUserInfo() == null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
