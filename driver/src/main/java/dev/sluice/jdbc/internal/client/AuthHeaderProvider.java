package dev.sluice.jdbc.internal.client;

import dev.sluice.jdbc.internal.auth.Secret;
import java.io.IOException;
import java.util.Map;

/**
 * Supplies the {@code Authorization} header of API requests (never of external-link downloads).
 * Implementations must be thread-safe and must not reveal credentials in {@code toString}.
 */
public interface AuthHeaderProvider {
    /**
     * The header value for the next request, such as {@code Bearer <token>}, or null to send none.
     *
     * @throws IOException when credentials cannot be obtained (for example a failed token refresh)
     */
    String authorization() throws IOException;

    /**
     * Told that the server answered 401 to a request sent with the current credentials.
     *
     * @return true when new credentials are now available and repeating the request once is worthwhile
     *     (a 401 proves the request was not accepted, so repeating it is safe)
     */
    boolean onUnauthorized();

    /**
     * Headers other than {@code Authorization} that the credentials require on every API request (for example the
     * Azure management token of a service principal). Values are secrets: never log them.
     *
     * @throws IOException when they cannot be obtained
     */
    default Map<String, String> extraHeaders() throws IOException {
        return Map.of();
    }

    /** A fixed {@code Bearer} token, such as a personal access token. */
    static AuthHeaderProvider bearer(Secret token) {
        return new BearerTokenAuth(token);
    }

    /**
     * A fixed {@code Bearer} token given as text.
     *
     * @throws IllegalArgumentException for a blank token or one with line breaks (the token is not shown)
     */
    static AuthHeaderProvider bearer(String token) {
        return new BearerTokenAuth(Secret.of(token, "the access token"));
    }
}
