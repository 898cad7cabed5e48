package dev.sluice.warehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import dev.sluice.warehouse.http.Responses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Entra ID for Azure service principals (protocol §6.5): the v1 token endpoint {@code POST /{tenant}/oauth2/token}
 * with the client credentials grant, issuing JWT-shaped tokens for the Azure Databricks and the Azure management
 * resources with the warehouse's OAuth token lifetime, in Entra ID's response and error formats. The API accepts
 * the Azure Databricks tokens as bearer tokens until they expire; a principal that is not a workspace user must
 * also send a valid management token and the workspace's resource id.
 */
public final class EntraIdServer {
    public static final String DATABRICKS_RESOURCE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    public static final String MANAGEMENT_RESOURCE = "https://management.core.windows.net/";
    public static final String MANAGEMENT_TOKEN_HEADER = "X-Databricks-Azure-SP-Management-Token";
    public static final String WORKSPACE_RESOURCE_ID_HEADER = "X-Databricks-Azure-Workspace-Resource-Id";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> RESOURCES = List.of(DATABRICKS_RESOURCE, MANAGEMENT_RESOURCE);

    /** What an issued token was issued to and for, and until when. */
    private record Grant(AzurePrincipal principal, String resource, long expiryNanos) {
        boolean expired() {
            return System.nanoTime() - expiryNanos >= 0;
        }
    }

    private final Map<String, Map<String, AzurePrincipal>> principalsByTenant = new LinkedHashMap<>();
    private final String workspaceResourceId;
    private final Duration ttl;
    private final byte[] signingKey = new byte[32];
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> issued = new ConcurrentHashMap<>();

    /**
     * @param workspaceResourceId the Azure resource id this workspace answers to
     * @param ttl lifetime of the tokens issued
     */
    public EntraIdServer(List<AzurePrincipal> principals, String workspaceResourceId, Duration ttl) {
        for (AzurePrincipal p : principals) {
            principalsByTenant.computeIfAbsent(p.tenant().toLowerCase(Locale.ROOT),
                    t -> new LinkedHashMap<>()).put(p.clientId(), p);
            RESOURCES.forEach(r -> issued.put(key(p.clientId(), r), new AtomicLong()));
        }
        this.workspaceResourceId = workspaceResourceId;
        this.ttl = ttl;
        RANDOM.nextBytes(signingKey);
    }

    /** Adds the token endpoint and {@code GET /sluice/entra} (tokens issued, for tests) to {@code api}. */
    public void register(HttpApi api) {
        api.route("POST", "/{tenant}/oauth2/token", false, this::token);
        api.route("GET", "/sluice/entra", true, this::describe);
    }

    /** {@code POST /{tenant}/oauth2/token}: answers in Entra ID's own formats, so it writes the response itself. */
    JsonNode token(Request r) throws IOException {
        String tenant = r.pathVar("tenant");
        Map<String, String> form = OAuthServer.form(r.body());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(r, 400, "unsupported_grant_type", 70003,
                    "AADSTS70003: The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
        }
        Map<String, AzurePrincipal> principals = principalsByTenant.get(tenant.toLowerCase(Locale.ROOT));
        if (principals == null) {
            return error(r, 400, "invalid_request", 90002, "AADSTS90002: Tenant '" + tenant + "' not found.");
        }
        String clientId = form.get("client_id");
        AzurePrincipal principal = clientId == null ? null : principals.get(clientId);
        if (principal == null) {
            return error(r, 400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '"
                    + clientId + "' was not found in the directory '" + tenant + "'.");
        }
        if (!principal.secret().equals(form.get("client_secret"))) {
            return error(r, 401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided."
                    + " Ensure the secret being sent in the request is the client secret value, not the client"
                    + " secret ID, for a secret added to app '" + clientId + "'.");
        }
        String resource = form.get("resource");
        if (!RESOURCES.contains(resource)) {
            return error(r, 400, "invalid_resource", 500011, "AADSTS500011: The resource principal named "
                    + resource + " was not found in the tenant named " + tenant + ".");
        }
        Responses.json(r.exchange(), 200, issue(principal, resource));
        return null;
    }

    /**
     * How a bearer token presented to the API stands; {@code UNKNOWN} when it is not one of ours.
     *
     * @param headers the request's headers, for the management token and workspace resource id
     * @throws ApiError 403 when the token is valid but not enough: for another resource, or a principal that is not
     *     a workspace user without valid management headers
     */
    public OAuthServer.TokenState check(String token, Function<String, String> headers) {
        Grant grant = grants.get(token);
        if (grant == null) {
            return OAuthServer.TokenState.UNKNOWN;
        }
        if (grant.expired()) {
            return OAuthServer.TokenState.EXPIRED;
        }
        if (!grant.resource().equals(DATABRICKS_RESOURCE)) {
            throw forbidden("The Entra ID token is for resource " + grant.resource() + ", not Azure Databricks ("
                    + DATABRICKS_RESOURCE + ").");
        }
        if (grant.principal().workspaceUser()) {
            return OAuthServer.TokenState.VALID;
        }
        return checkManagement(grant.principal(), headers);
    }

    /** A principal that is not a workspace user gets in with a management token and the workspace's id. */
    private OAuthServer.TokenState checkManagement(AzurePrincipal principal,
                                                   Function<String, String> headers) {
        String who = "Service principal '" + principal.clientId() + "' is not a user of this workspace; ";
        String managementToken = headers.apply(MANAGEMENT_TOKEN_HEADER);
        if (managementToken == null || managementToken.isBlank()) {
            throw forbidden(who + "send an Azure management token in " + MANAGEMENT_TOKEN_HEADER + " and the"
                    + " workspace's resource id in " + WORKSPACE_RESOURCE_ID_HEADER + ".");
        }
        Grant management = grants.get(managementToken.strip());
        if (management == null || !management.resource().equals(MANAGEMENT_RESOURCE)
                || !management.principal().clientId().equals(principal.clientId())) {
            throw forbidden(who + "the token in " + MANAGEMENT_TOKEN_HEADER + " is not an Azure management token"
                    + " of that principal.");
        }
        if (management.expired()) {
            // like an expired bearer token: a 401 makes the client renew its tokens and repeat the request
            return OAuthServer.TokenState.EXPIRED;
        }
        String resourceId = headers.apply(WORKSPACE_RESOURCE_ID_HEADER);
        if (resourceId == null || !resourceId.strip().equalsIgnoreCase(workspaceResourceId)) {
            throw forbidden(who + WORKSPACE_RESOURCE_ID_HEADER + " must name this workspace, "
                    + workspaceResourceId + (resourceId == null ? "; it was not sent." : "; got " + resourceId + "."));
        }
        return OAuthServer.TokenState.VALID;
    }

    /** The client id of the principal an Entra ID token was issued to, or null when it is not one of ours. */
    public String clientOf(String token) {
        Grant grant = grants.get(token);
        return grant == null ? null : grant.principal().clientId();
    }

    /** {@code GET /sluice/entra}: tokens issued per client and resource, so tests can see renewals happen. */
    JsonNode describe(Request r) {
        ObjectNode body = Json.object();
        body.put("token_ttl_seconds", ttl.toSeconds());
        body.put("workspace_resource_id", workspaceResourceId);
        ObjectNode clients = body.putObject("clients");
        issued.forEach((key, n) -> {
            String[] parts = key.split(" ", 2);
            ObjectNode client = clients.has(parts[0])
                    ? (ObjectNode) clients.get(parts[0]) : clients.putObject(parts[0]);
            client.put(parts[1], n.get());
        });
        return body;
    }

    private ObjectNode issue(AzurePrincipal principal, String resource) {
        long now = Instant.now().getEpochSecond();
        String token = jwt(principal, resource, now);
        purgeExpired();
        grants.put(token, new Grant(principal, resource, System.nanoTime() + ttl.toNanos()));
        issued.get(key(principal.clientId(), resource)).incrementAndGet();
        // Entra ID's v1 endpoint sends the numbers as strings
        ObjectNode body = Json.object();
        body.put("token_type", "Bearer");
        body.put("expires_in", String.valueOf(ttl.toSeconds()));
        body.put("ext_expires_in", String.valueOf(ttl.toSeconds()));
        body.put("expires_on", String.valueOf(now + ttl.toSeconds()));
        body.put("not_before", String.valueOf(now));
        body.put("resource", resource);
        body.put("access_token", token);
        return body;
    }

    /**
     * A token shaped as Entra ID's (a signed JWT with the usual claims), so that clients meet the real token's
     * size and alphabet; the API checks it against the issued grants, not by its claims.
     */
    private String jwt(AzurePrincipal principal, String resource, long now) {
        ObjectNode header = Json.object().put("typ", "JWT").put("alg", "HS256");
        ObjectNode claims = Json.object();
        claims.put("aud", resource);
        claims.put("iss", "https://sts.windows.net/" + principal.tenant() + "/");
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + ttl.toSeconds());
        claims.put("appid", principal.clientId());
        claims.put("tid", principal.tenant());
        claims.put("oid", UUID.nameUUIDFromBytes(principal.clientId().getBytes(StandardCharsets.UTF_8)).toString());
        claims.put("uti", UUID.randomUUID().toString());
        String unsigned = base64(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + base64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return unsigned + "." + base64(sign(unsigned));
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Entra ID's error body: error, error_description, error_codes, timestamp, trace and correlation ids. */
    private static JsonNode error(Request r, int status, String code, int aadsts, String description)
            throws IOException {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String timestamp = Instant.now().toString();
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("error_description", description + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + correlation
                + "\r\nTimestamp: " + timestamp);
        body.putArray("error_codes").add(aadsts);
        body.put("timestamp", timestamp);
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
        Responses.json(r.exchange(), status, body);
        return null;
    }

    /** Shaped like the recorded "Invalid access token." 403: an authentication failure, not a missing grant. */
    private static ApiError forbidden(String message) {
        return new ApiError(403, 403, message);
    }

    private static String key(String clientId, String resource) {
        return clientId + " " + resource;
    }

    /** Tokens are kept an hour past expiry so that late use still answers "expired", then forgotten. */
    private void purgeExpired() {
        long now = System.nanoTime();
        long grace = Duration.ofHours(1).toNanos();
        grants.values().removeIf(g -> now - g.expiryNanos() > grace);
    }
}
