package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import java.util.Objects;

/**
 * An OAuth access token obtained by the application (AuthMech=11, Auth_Flow=0). The driver cannot renew it,
 * so the application replaces it before it expires through {@code Connection.setClientInfo}.
 */
public final class TokenPassThroughAuth implements AuthHeaderProvider {
    private volatile Secret token;

    public TokenPassThroughAuth(Secret token) {
        this.token = Objects.requireNonNull(token, "token is null");
    }

    /** @throws IllegalArgumentException for a blank token or one with line breaks (the token is not shown) */
    public TokenPassThroughAuth(String token) {
        this(Secret.of(token, "the access token"));
    }

    /**
     * Uses {@code token} for every request from now on, including those of statements already running.
     *
     * @throws IllegalArgumentException for a blank token or one with line breaks; the old token stays in use
     */
    public void replace(String token) {
        this.token = Secret.of(token, "the access token");
    }

    @Override
    public String authorization() {
        return "Bearer " + token.reveal();
    }

    /** Only the application can supply a new token, so repeating the request would fail the same way. */
    @Override
    public boolean onUnauthorized() {
        return false;
    }

    @Override
    public String toString() {
        return "TokenPassThroughAuth[token=" + token + "]";
    }
}
