package dev.sluice.jdbc.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one-time values of an authorization code request (RFC 7636, protocol §6.4): the PKCE verifier, its S256
 * challenge, and the state that ties the redirect to this request.
 */
final class Pkce {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Secret verifier;
    private final String challenge;
    private final String state;

    private Pkce(Secret verifier, String challenge, String state) {
        this.verifier = verifier;
        this.challenge = challenge;
        this.state = state;
    }

    /** Fresh values: a verifier of 32 random bytes and a state of 16, both URL-safe base64 without padding. */
    static Pkce create() {
        String verifier = random(32);
        return new Pkce(Secret.of(verifier, "the PKCE verifier"), challenge(verifier), random(16));
    }

    /** base64url(SHA-256(verifier)) without padding: what the authorization server checks the verifier against. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return URL.encodeToString(b);
    }

    Secret verifier() {
        return verifier;
    }

    String challenge() {
        return challenge;
    }

    String state() {
        return state;
    }

    @Override
    public String toString() {
        return "Pkce[verifier=***]";
    }
}
