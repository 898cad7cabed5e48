package dev.sluice.jdbc.internal.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-operation time limits. The request timeouts ({@code submit}, {@code poll}, {@code chunk}) bound one HTTP
 * request and are themselves bounded by the connection's {@code SocketTimeout} / {@code setNetworkTimeout}, the
 * smaller non-zero value winning; {@code statement} bounds a whole statement when the application set no query
 * timeout.
 *
 * @param submit the statement POST: must exceed the {@code wait_timeout} the driver sends, during which the
 *     server holds the response
 * @param poll one status GET of a running statement
 * @param statement the whole statement (submit, polls, re-runs) without {@code setQueryTimeout}; zero for none
 * @param chunk one chunk GET, and the wait for data of an external-link download
 */
public record Timeouts(Duration submit, Duration poll, Duration statement, Duration chunk) {
    /** Statement submit 30 s, status poll 10 s, statement 300 s, chunk fetch 60 s. */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(300), Duration.ofSeconds(60));

    /**
     * @throws IllegalArgumentException for a negative value, or a zero request timeout
     */
    public Timeouts {
        requirePositive(submit, "submit");
        requirePositive(poll, "poll");
        requirePositive(chunk, "chunk");
        Objects.requireNonNull(statement, "statement is null");
        if (statement.isNegative()) {
            throw new IllegalArgumentException("statement timeout must not be negative, got " + statement);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name + " is null");
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " timeout must be positive, got " + d);
        }
    }

    /** A copy with another submit timeout. */
    public Timeouts withSubmit(Duration value) {
        return new Timeouts(value, poll, statement, chunk);
    }
}
