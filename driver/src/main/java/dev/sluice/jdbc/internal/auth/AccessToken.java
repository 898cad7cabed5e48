package dev.sluice.jdbc.internal.auth;

import java.util.Objects;

/**
 * An issued access token with the instant (in {@link System#nanoTime} terms) at which it should be renewed.
 */
final class AccessToken {
    private final String type;
    private final Secret value;
    private final long refreshAtNanos;

    AccessToken(String type, Secret value, long refreshAtNanos) {
        this.type = Objects.requireNonNull(type, "type is null");
        this.value = Objects.requireNonNull(value, "value is null");
        this.refreshAtNanos = refreshAtNanos;
    }

    /** The Authorization header value: the token type as the server named it, then the token. */
    String header() {
        return type + " " + value.reveal();
    }

    /** The bare token, for headers that carry no scheme (the Azure management token). */
    Secret value() {
        return value;
    }

    boolean refreshDue(long nowNanos) {
        // subtraction, not comparison, so that nanoTime wrap-around cannot flip the answer
        return nowNanos - refreshAtNanos >= 0;
    }

    @Override
    public String toString() {
        return "AccessToken[***]";
    }
}
