package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.internal.client.AnsweredResponse;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.Tls;
import dev.sluice.jdbc.internal.client.TransportSeam;
import dev.sluice.jdbc.internal.observe.ApiCall;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The HTTP exchanges every OAuth flow has in common: a JSON GET, a form POST to a token endpoint, and the
 * OAuth error of a refusal (protocol §6.3) turned into an {@link AuthenticationException}. Whoever calls it
 * passes the secrets that a server might echo, so that no message it builds can contain them.
 *
 * <p>Every token request of every flow goes through here, and so through the connection's {@link Network}: the
 * same pinned TLS versions, trust store and proxy (with its credentials) as the API calls.
 */
final class OAuthHttp {
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");
    private static final Pattern ENTRA_TOKEN_PATH = Pattern.compile("/[^/]+/oauth2/(v2\\.0/)?token");

    private final HttpClient http;
    private final Network network;
    private final Duration requestTimeout;
    private final TransportSeam seam;

    /**
     * Builds the client from {@code network}. It never follows redirects: a token endpoint that redirects is
     * misconfigured, not obeyed.
     *
     * @param network the connection's TLS and proxy settings
     * @param connectTimeout connect timeout of each request
     * @param requestTimeout time limit of each request; zero for none
     */
    OAuthHttp(Network network, Duration connectTimeout, Duration requestTimeout) {
        this(network.newHttpClient()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), network, requestTimeout);
    }

    /** A given client that goes direct, with the JVM's trust: for tests. */
    OAuthHttp(HttpClient http, Duration requestTimeout) {
        this(http, Network.direct(), requestTimeout);
    }

    private OAuthHttp(HttpClient http, Network network, Duration requestTimeout) {
        this(http, network, requestTimeout, null);
    }

    private OAuthHttp(HttpClient http, Network network, Duration requestTimeout, TransportSeam seam) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.network = Objects.requireNonNull(network, "network is null");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout is null");
        this.seam = seam;
    }

    /**
     * The same client with every exchange passing through a simulation seam: recorded (the form and the tokens
     * redacted), answered from a recording, or by a mock.
     *
     * @param seam the connection's seam, or null for none
     */
    OAuthHttp through(TransportSeam seam) {
        return seam == null ? this : new OAuthHttp(http, network, requestTimeout, seam);
    }

    /**
     * Posts a form to a token endpoint and returns the JSON answer of a 2xx.
     *
     * @param headers extra request headers (client authentication), values never shown
     * @param who the requester for messages, e.g. {@code client id 'x'}
     * @param masked texts to mask should the server echo them in its error
     * @throws AuthenticationException when the server refuses, naming its {@code error} and description
     * @throws IOException when it cannot be reached
     */
    TokenResponse postForm(URI uri, String form, Map<String, String> headers, String who, Secret... masked)
            throws IOException {
        byte[] formBytes = form.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(formBytes));
        headers.forEach(b::header);
        HttpResponse<byte[]> response = send(b.build(), formBytes, "POST " + uri.getPath());
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException("the OAuth token request for " + who + " failed: HTTP "
                    + response.statusCode() + errorText(response.body(), masked));
        }
        return parse(response.body(), "the token response for " + who);
    }

    /** GETs a JSON document; the caller judges the status. */
    HttpResponse<byte[]> get(URI uri, String what) throws IOException {
        return send(request(uri).GET().build(), null, what);
    }

    /** @throws IOException when the proxy relay the request needs cannot be started */
    private HttpRequest.Builder request(URI uri) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (!requestTimeout.isZero()) {
            b.timeout(requestTimeout);
        }
        network.prepare(b, uri);
        return b;
    }

    /**
     * Sends, explaining a failure at the proxy (unreachable, 407, tunnel refused) or in the TLS handshake (version,
     * untrusted certificate) rather than passing on the JDK's terse exception; never shows the proxy password.
     */
    /**
     * Sends, counted and traced like every other call of the driver ({@code databricks_api_requests_total},
     * a {@code databricks.api.request} span) but without bodies at TRACE and without {@code traceparent}: the
     * bodies are credentials, and Entra ID is not the workspace.
     */
    private HttpResponse<byte[]> send(HttpRequest request, byte[] form, String what) throws IOException {
        URI uri = request.uri();
        return ApiCall.observe(request.method(), endpointOf(uri.getPath()), uri.getHost(), portOf(uri), call -> {
            HttpResponse<byte[]> response = seam == null ? exchange(request, what) : new AnsweredResponse(
                    seam.send(request.method(), uri.getRawPath() + (uri.getRawQuery() == null ? ""
                            : "?" + uri.getRawQuery()), form, () -> AnsweredResponse.of(exchange(request, what))),
                    uri, request.method());
            call.responded(response.statusCode());
            return response;
        });
    }

    /** The path as a metric label: Entra ID's tenant segment is an id, so it becomes a placeholder. */
    static String endpointOf(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        return ENTRA_TOKEN_PATH.matcher(p).matches() ? p.replaceFirst("^/[^/]+/", "/{tenant}/") : p;
    }

    private static int portOf(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, String what) throws IOException {
        String where = what + " at " + request.uri().getHost() + " failed: ";
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " was interrupted");
        } catch (IOException e) {
            IOException proxy = network.proxyFailure(request.uri(), 0, e);
            String tls = Tls.explain(e);
            throw new IOException(where + (proxy != null ? proxy.getMessage() : e + (tls == null ? "" : "; " + tls)),
                    e);
        }
        IOException proxy = response.statusCode() == 407 ? network.proxyFailure(request.uri(), 407, null) : null;
        if (proxy != null) {
            throw new IOException(where + proxy.getMessage());
        }
        return response;
    }

    /** @throws AuthenticationException when the body is not a JSON object */
    static TokenResponse parse(byte[] body, String what) throws AuthenticationException {
        try {
            return TokenResponse.parse(body);
        } catch (IOException e) {
            throw new AuthenticationException(what + " is not a JSON object");
        }
    }

    /**
     * The server's error and description (§6.3) as {@code " code: description"}, or "" when the body has none,
     * on one line and with the given secrets masked should a server echo them. OAuth servers, Okta-style servers
     * and Entra ID (whose description starts with its AADSTS code) are understood.
     */
    static String errorText(byte[] body, Secret... masked) {
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
        for (Secret s : masked) {
            text = s == null ? text : s.maskIn(text);
        }
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
