package dev.sluice.warehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import dev.sluice.warehouse.http.Responses;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workspace OAuth server of protocol §6.2-6.4: OIDC discovery; the client credentials grant for confidential
 * clients (service principals); the authorization code grant with PKCE S256 and the refresh token grant for
 * public clients (U2M), whose authorize endpoint approves the local user at once. Clients are fixed at start;
 * access tokens are random, with a short configurable lifetime, and the API accepts them as bearer tokens until
 * they expire. Refresh tokens (issued when offline_access is asked for) live as long as the server.
 */
public final class OAuthServer {
    /** How a bearer token presented to the API stands. */
    public enum TokenState { VALID, EXPIRED, UNKNOWN }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Codes are exchanged right after the redirect; a minute leaves room for a slow machine, no more. */
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    private record RefreshGrant(String clientId, String scope) {
    }

    private final Map<String, String> secrets;
    private final Set<String> publicClients;
    private final Duration ttl;
    private final Map<String, Long> expiryNanosByToken = new ConcurrentHashMap<>();
    private final Map<String, String> clientByToken = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> issuedByClient = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refreshesByClient = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final AuthorizationCodes codes = new AuthorizationCodes(CODE_LIFETIME);

    /**
     * @param secrets confidential client id to client secret
     * @param publicClients client ids that sign users in with the authorization code grant (no secret)
     */
    public OAuthServer(Map<String, String> secrets, Set<String> publicClients, Duration ttl) {
        this.secrets = Map.copyOf(secrets);
        this.publicClients = Set.copyOf(publicClients);
        this.ttl = ttl;
        secrets.keySet().forEach(id -> issuedByClient.put(id, new AtomicLong()));
        publicClients.forEach(id -> {
            issuedByClient.put(id, new AtomicLong());
            refreshesByClient.put(id, new AtomicLong());
        });
    }

    /** {@code GET /oidc/.well-known/oauth-authorization-server}: the two endpoints clients use, and what is supported. */
    public JsonNode discovery(Request r) {
        String oidc = "http://" + host(r) + "/oidc";
        ObjectNode body = Json.object();
        body.put("issuer", oidc);
        body.put("authorization_endpoint", oidc + "/v1/authorize");
        body.put("token_endpoint", oidc + "/v1/token");
        body.putArray("scopes_supported").add("all-apis").add("sql").add("offline_access");
        body.putArray("response_types_supported").add("code");
        body.putArray("grant_types_supported").add("client_credentials").add("authorization_code").add("refresh_token");
        body.putArray("code_challenge_methods_supported").add("S256");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post")
                .add("none");
        return body;
    }

    /**
     * {@code GET /oidc/v1/authorize}: approves the local user at once and redirects to the client's loopback
     * redirect URI with a code and the state. An unknown client or a redirect URI off this machine gets a 400
     * and no redirect (RFC 6749 §4.1.2.1); other faults are redirected as {@code error}.
     */
    public JsonNode authorize(Request r) throws IOException {
        String clientId = r.query("client_id");
        String redirect = r.query("redirect_uri");
        if (clientId == null || !publicClients.contains(clientId)) {
            return error(r, 400, "invalid_client", "Unknown public client '" + clientId + "'");
        }
        if (!AuthorizationCodes.loopback(redirect)) {
            return error(r, 400, "invalid_request", "redirect_uri must be an http URL on localhost, 127.0.0.1 or [::1]");
        }
        String state = r.query("state");
        String challenge = r.query("code_challenge");
        if (!"code".equals(r.query("response_type"))) {
            return redirect(r, redirect, "error=unsupported_response_type", state);
        }
        if (!"S256".equals(r.query("code_challenge_method")) || challenge == null || challenge.length() < 43) {
            return redirect(r, redirect, "error=invalid_request&error_description="
                    + encode("PKCE with code_challenge_method=S256 is required"), state);
        }
        String scope = r.query("scope") == null ? "sql" : r.query("scope");
        return redirect(r, redirect, "code=" + encode(codes.issue(clientId, redirect, challenge, scope)), state);
    }

    /** {@code POST /oidc/v1/token}: answers in OAuth's own error format, so it writes the response itself. */
    public JsonNode token(Request r) throws IOException {
        Map<String, String> form = form(r.body());
        String grant = form.get("grant_type");
        if ("authorization_code".equals(grant)) {
            return authorizationCode(r, form);
        }
        if ("refresh_token".equals(grant)) {
            return refresh(r, form);
        }
        String[] client = client(r.header("Authorization"), form);
        if (client == null || !client[1].equals(secrets.get(client[0]))) {
            return error(r, 401, "invalid_client", "Client authentication failed");
        }
        if (!"client_credentials".equals(grant)) {
            return error(r, 400, "unsupported_grant_type",
                    "Supported: client_credentials, authorization_code, refresh_token");
        }
        return issue(r, client[0], form.getOrDefault("scope", "all-apis"), null);
    }

    /** The code grant of a public client: the code once, for the same client and redirect, with its verifier. */
    private JsonNode authorizationCode(Request r, Map<String, String> form) throws IOException {
        String clientId = form.get("client_id");
        if (clientId == null || !publicClients.contains(clientId)) {
            return error(r, 401, "invalid_client", "Unknown public client '" + clientId + "'");
        }
        AuthorizationCodes.Grant g = codes.redeem(form.get("code"));
        if (g == null) {
            return error(r, 400, "invalid_grant", "The authorization code is unknown, used or expired");
        }
        if (!g.clientId().equals(clientId) || !g.redirectUri().equals(form.get("redirect_uri"))) {
            return error(r, 400, "invalid_grant", "The code was issued to another client or redirect_uri");
        }
        if (!AuthorizationCodes.verifies(form.get("code_verifier"), g.challenge())) {
            return error(r, 400, "invalid_grant", "PKCE verification failed: code_verifier does not match");
        }
        String refresh = null;
        if (Set.of(g.scope().split(" ")).contains("offline_access")) {
            refresh = "lw-refresh-" + AuthorizationCodes.random(32);
            refreshTokens.put(refresh, new RefreshGrant(clientId, g.scope()));
        }
        return issue(r, clientId, g.scope(), refresh);
    }

    /** The refresh grant: a new access token; the refresh token stays the same (no rotation). */
    private JsonNode refresh(Request r, Map<String, String> form) throws IOException {
        String clientId = form.get("client_id");
        if (clientId == null || !publicClients.contains(clientId)) {
            return error(r, 401, "invalid_client", "Unknown public client '" + clientId + "'");
        }
        String token = form.get("refresh_token");
        RefreshGrant g = token == null ? null : refreshTokens.get(token);
        if (g == null || !g.clientId().equals(clientId)) {
            return error(r, 400, "invalid_grant", "The refresh token is unknown or belongs to another client");
        }
        refreshesByClient.get(clientId).incrementAndGet();
        return issue(r, clientId, g.scope(), token);
    }

    /** Answers a new access token of the configured lifetime, with {@code refreshToken} when not null. */
    private JsonNode issue(Request r, String clientId, String scope, String refreshToken) throws IOException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = "lw-oauth-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        purgeExpired();
        expiryNanosByToken.put(token, System.nanoTime() + ttl.toNanos());
        clientByToken.put(token, clientId);
        issuedByClient.get(clientId).incrementAndGet();
        ObjectNode body = Json.object();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", ttl.toSeconds());
        body.put("scope", scope);
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        Responses.json(r.exchange(), 200, body);
        return null;
    }

    public TokenState check(String token) {
        Long expiry = expiryNanosByToken.get(token);
        if (expiry == null) {
            return TokenState.UNKNOWN;
        }
        return System.nanoTime() - expiry < 0 ? TokenState.VALID : TokenState.EXPIRED;
    }

    /** The client an access token was issued to, or null when it is not one of ours. */
    public String clientOf(String token) {
        return clientByToken.get(token);
    }

    /** {@code GET /sluice/oauth}: tokens issued (and refresh grants) per client, so tests can see refreshes. */
    public JsonNode describe(Request r) {
        ObjectNode body = Json.object();
        body.put("token_ttl_seconds", ttl.toSeconds());
        ObjectNode clients = body.putObject("clients");
        issuedByClient.forEach((id, n) -> clients.putObject(id).put("tokens_issued", n.get()));
        refreshesByClient.forEach((id, n) -> ((ObjectNode) clients.get(id)).put("refresh_grants", n.get()));
        return body;
    }

    /** Client id and secret from HTTP Basic (client_secret_basic) or the form (client_secret_post). */
    private static String[] client(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        }
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        return id == null || secret == null ? null : new String[] {id, secret};
    }

    /** An {@code application/x-www-form-urlencoded} body as a map (shared with {@link EntraIdServer}). */
    static Map<String, String> form(byte[] body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq);
                try {
                    out.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a bad %-escape; the value may be a secret, so only the field's name is told
                    throw ApiError.invalid("The form field '" + abbreviate(name) + "' has a malformed"
                            + " %-escape (the body must be application/x-www-form-urlencoded).");
                }
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static JsonNode error(Request r, int status, String code, String description) throws IOException {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("error_description", description);
        Responses.json(r.exchange(), status, body);
        return null;
    }

    /** A 302 to the client's redirect URI with {@code params} and the state it sent. */
    private static JsonNode redirect(Request r, String redirectUri, String params, String state) throws IOException {
        URI uri = URI.create(redirectUri);
        // an empty path is "/" (RFC 3986 §6.2.3); spelled out so that the query is unambiguous
        String base = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? redirectUri + "/" : redirectUri;
        String location = base + (uri.getRawQuery() == null ? "?" : "&") + params
                + (state == null ? "" : "&state=" + encode(state));
        r.exchange().getResponseHeaders().set("Location", location);
        r.exchange().getResponseHeaders().set("Cache-Control", "no-store");
        r.exchange().sendResponseHeaders(302, -1);
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String host(Request r) {
        String host = r.header("Host");
        return host == null || host.isBlank() ? "127.0.0.1:" + r.exchange().getLocalAddress().getPort() : host.strip();
    }

    /** Tokens are kept an hour past expiry so that late use still answers "expired", then forgotten. */
    private void purgeExpired() {
        long now = System.nanoTime();
        long grace = Duration.ofHours(1).toNanos();
        expiryNanosByToken.values().removeIf(expiry -> now - expiry > grace);
        clientByToken.keySet().retainAll(expiryNanosByToken.keySet());
    }
}
