package dev.sluice.jdbc.internal.client;

import dev.sluice.jdbc.internal.auth.Secret;
import java.util.Objects;

/** A fixed bearer token (a personal access token); a 401 cannot be cured by asking again. */
final class BearerTokenAuth implements AuthHeaderProvider {
    private final Secret token;

    BearerTokenAuth(Secret token) {
        this.token = Objects.requireNonNull(token, "token is null");
    }

    @Override
    public String authorization() {
        return "Bearer " + token.reveal();
    }

    @Override
    public boolean onUnauthorized() {
        return false;
    }

    @Override
    public String toString() {
        return "BearerTokenAuth[token=" + token + "]";
    }
}
