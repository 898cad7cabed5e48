package dev.sluice.jdbc.internal.auth;

import java.util.Objects;

/** A service principal's OAuth client id and secret and the scope it asks for. */
public final class ClientCredentials {
    private final String clientId;
    private final Secret secret;
    private final String scope;

    /** @throws IllegalArgumentException when a value is blank */
    public ClientCredentials(String clientId, Secret secret, String scope) {
        this.clientId = requireText(clientId, "the client id");
        this.secret = Objects.requireNonNull(secret, "the client secret is null");
        this.scope = requireText(scope, "the scope");
    }

    /** @throws IllegalArgumentException when a value is blank or the secret has a line break (it is not shown) */
    public ClientCredentials(String clientId, String secret, String scope) {
        this(clientId, Secret.of(secret, "the client secret"), scope);
    }

    public String clientId() {
        return clientId;
    }

    Secret secret() {
        return secret;
    }

    String scope() {
        return scope;
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", secret=***, scope=" + scope + "]";
    }
}
