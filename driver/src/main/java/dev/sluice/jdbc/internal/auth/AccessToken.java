package dev.sluice.jdbc.internal.auth;

/**
 * An issued access token with the instant (in {@link System#nanoTime} terms) at which it should be renewed.
 */
final class AccessToken {
    private final String type;
    private final String value;
    private final long refreshAtNanos;

    AccessToken(String type, String value, long refreshAtNanos) {
        this.type = type;
        this.value = value;
        this.refreshAtNanos = refreshAtNanos;
    }

    /** The Authorization header value: the token type as the server named it, then the token. */
    String header() {
        return type + " " + value;
    }

    /** The bare token, for headers that carry no scheme (the Azure management token). */
    String value() {
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
