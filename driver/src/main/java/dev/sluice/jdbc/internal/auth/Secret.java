package dev.sluice.jdbc.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (token, client secret, password) whose text is reachable only through {@link #reveal()}.
 * {@code toString} never shows it, so a Secret that ends up in a log line, an exception message or a debugger's
 * summary prints as {@code ***}. Equality compares in constant time.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when it is blank or contains a line break (it could not travel in a header);
     *     the message never contains the value
     */
    public static Secret of(String value, String what) {
        Objects.requireNonNull(value, what + " is null");
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " contains a line break");
        }
        return new Secret(v);
    }

    /** The secret's text; call it only where the value is sent, never to build a message. */
    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of this secret in {@code text} with {@code ***} (for text a server echoed). */
    public String maskIn(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    @Override
    public String toString() {
        return "***";
    }
}
