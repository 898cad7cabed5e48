package dev.sluice.warehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import dev.sluice.warehouse.http.Responses;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workspace OAuth server of protocol §6.2-6.3 for the client credentials grant: OIDC discovery, a token
 * endpoint checking a client registry fixed at start, and random access tokens with a short configurable
 * lifetime that the API accepts as bearer tokens until they expire.
 */
public final class OAuthServer {
    /** How a bearer token presented to the API stands. */
    public enum TokenState { VALID, EXPIRED, UNKNOWN }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> secrets;
    private final Duration ttl;
    private final Map<String, Long> expiryNanosByToken = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> issuedByClient = new ConcurrentHashMap<>();

    /** @param secrets client id to client secret */
    public OAuthServer(Map<String, String> secrets, Duration ttl) {
        this.secrets = Map.copyOf(secrets);
        this.ttl = ttl;
        secrets.keySet().forEach(id -> issuedByClient.put(id, new AtomicLong()));
    }

    /** {@code GET /oidc/.well-known/oauth-authorization-server}: the two endpoints clients use, and what is supported. */
    public JsonNode discovery(Request r) {
        String oidc = "http://" + host(r) + "/oidc";
        ObjectNode body = Json.object();
        body.put("issuer", oidc);
        body.put("authorization_endpoint", oidc + "/v1/authorize");
        body.put("token_endpoint", oidc + "/v1/token");
        body.putArray("scopes_supported").add("all-apis").add("sql");
        body.putArray("response_types_supported").add("code");
        body.putArray("grant_types_supported").add("client_credentials");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        return body;
    }

    /** {@code POST /oidc/v1/token}: answers in OAuth's own error format, so it writes the response itself. */
    public JsonNode token(Request r) throws IOException {
        Map<String, String> form = form(r.body());
        String[] client = client(r.header("Authorization"), form);
        if (client == null || !client[1].equals(secrets.get(client[0]))) {
            return error(r, 401, "invalid_client", "Client authentication failed");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(r, 400, "unsupported_grant_type", "Only client_credentials is supported here");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = "lw-oauth-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        purgeExpired();
        expiryNanosByToken.put(token, System.nanoTime() + ttl.toNanos());
        issuedByClient.get(client[0]).incrementAndGet();
        ObjectNode body = Json.object();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", ttl.toSeconds());
        body.put("scope", form.getOrDefault("scope", "all-apis"));
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

    /** {@code GET /sluice/oauth}: tokens issued per client, so tests can see refreshes happen. */
    public JsonNode describe(Request r) {
        ObjectNode body = Json.object();
        body.put("token_ttl_seconds", ttl.toSeconds());
        ObjectNode clients = body.putObject("clients");
        issuedByClient.forEach((id, n) -> clients.putObject(id).put("tokens_issued", n.get()));
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
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonNode error(Request r, int status, String code, String description) throws IOException {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("error_description", description);
        Responses.json(r.exchange(), status, body);
        return null;
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
    }
}
