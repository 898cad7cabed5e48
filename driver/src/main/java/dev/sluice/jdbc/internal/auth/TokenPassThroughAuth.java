package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import java.util.Objects;

/**
 * An OAuth access token obtained by the application (AuthMech=11, Auth_Flow=0). The driver cannot renew it,
 * so the application replaces it before it expires through {@code Connection.setClientInfo}.
 */
public final class TokenPassThroughAuth implements AuthHeaderProvider {
    private volatile String header;

    /** @throws IllegalArgumentException for a blank token or one with line breaks (the token is not shown) */
    public TokenPassThroughAuth(String token) {
        this.header = headerOf(token);
    }

    /**
     * Uses {@code token} for every request from now on, including those of statements already running.
     *
     * @throws IllegalArgumentException for a blank token or one with line breaks; the old token stays in use
     */
    public void replace(String token) {
        this.header = headerOf(token);
    }

    @Override
    public String authorization() {
        return header;
    }

    /** Only the application can supply a new token, so repeating the request would fail the same way. */
    @Override
    public boolean onUnauthorized() {
        return false;
    }

    @Override
    public String toString() {
        return "TokenPassThroughAuth[token=***]";
    }

    private static String headerOf(String token) {
        Objects.requireNonNull(token, "token is null");
        if (token.isBlank() || token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the access token is blank or contains a line break");
        }
        return "Bearer " + token.strip();
    }
}
