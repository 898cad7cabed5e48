package dev.sluice.jdbc.internal.auth;

/**
 * An issued access token with the instants (in {@link System#nanoTime} terms) at which it should be renewed and
 * at which it expires.
 */
final class AccessToken {
    private final String header;
    private final long refreshAtNanos;

    AccessToken(String header, long refreshAtNanos) {
        this.header = header;
        this.refreshAtNanos = refreshAtNanos;
    }

    String header() {
        return header;
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
