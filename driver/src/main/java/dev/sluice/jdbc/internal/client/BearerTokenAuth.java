package dev.sluice.jdbc.internal.client;

import java.util.Objects;

/** A fixed bearer token (a personal access token); a 401 cannot be cured by asking again. */
final class BearerTokenAuth implements AuthHeaderProvider {
    private final String header;

    /** @throws IllegalArgumentException for a blank token or one with line breaks */
    BearerTokenAuth(String token) {
        Objects.requireNonNull(token, "token is null");
        if (token.isBlank() || token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the access token is blank or contains a line break");
        }
        this.header = "Bearer " + token.strip();
    }

    @Override
    public String authorization() {
        return header;
    }

    @Override
    public boolean onUnauthorized() {
        return false;
    }

    @Override
    public String toString() {
        return "BearerTokenAuth[token=" + Redaction.MASK + "]";
    }
}
