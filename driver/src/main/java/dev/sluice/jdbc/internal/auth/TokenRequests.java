package dev.sluice.jdbc.internal.auth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** What every token endpoint client does alike: build and send the request, read OAuth's error fields. */
final class TokenRequests {
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private TokenRequests() {
    }

    /** A request accepting JSON, limited to {@code timeout} unless that is zero. */
    static HttpRequest.Builder request(URI uri, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (!timeout.isZero()) {
            b.timeout(timeout);
        }
        return b;
    }

    /**
     * @param what the request for messages, such as {@code POST /oidc/v1/token}; never a query string
     * @throws InterruptedIOException when interrupted (the interrupt flag is set again)
     * @throws IOException when the server cannot be reached, naming its host
     */
    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, String what) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " was interrupted");
        } catch (IOException e) {
            throw new IOException(what + " at " + request.uri().getHost() + " failed: " + e, e);
        }
    }

    /** The body as a JSON object, or an AuthenticationException naming {@code what} and {@code subject}. */
    static TokenResponse parse(byte[] body, String what, String subject) throws AuthenticationException {
        try {
            return TokenResponse.parse(body);
        } catch (IOException e) {
            throw new AuthenticationException(what + " for " + subject + " is not a JSON object");
        }
    }

    /**
     * The server's error code and description as {@code " code: description"}, or "" when the body has none.
     * OAuth servers (§6.3), Okta-style servers and Entra ID (whose description starts with its AADSTS code) are
     * understood. The caller masks its secret in the result should a server ever echo it.
     */
    static String errorText(byte[] body) {
        TokenResponse error;
        try {
            error = TokenResponse.parse(body);
        } catch (IOException e) {
            return "";
        }
        String code = firstOf(error.text("error"), error.text("errorCode"), error.text("error_code"));
        String description = firstOf(error.text("error_description"), error.text("errorSummary"),
                error.text("message"));
        String text = (code == null ? "" : " " + code) + (description == null ? "" : ": " + description);
        // Entra ID puts trace and correlation ids on lines of their own; one line keeps log lines whole
        return LINE_BREAKS.matcher(text).replaceAll(" ");
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
