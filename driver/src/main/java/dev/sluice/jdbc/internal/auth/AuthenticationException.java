package dev.sluice.jdbc.internal.auth;

import java.io.IOException;

/**
 * The identity provider refused to issue credentials (a token endpoint error, OAuth not enabled). Unlike a
 * network failure this is not worth repeating; the JDBC layer reports it as SQLState 28000. Messages name the
 * client id, never a secret.
 */
public final class AuthenticationException extends IOException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
