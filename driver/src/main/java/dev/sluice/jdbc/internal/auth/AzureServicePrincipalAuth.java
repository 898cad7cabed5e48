package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * An Azure service principal through Entra ID (AuthMech=11, Auth_Flow=1 with AzureTenantId; protocol §6.5):
 * a token for the Azure Databricks resource as the bearer token, a token for Azure service management in
 * {@code X-Databricks-Azure-SP-Management-Token} and, when configured, the workspace's resource id in
 * {@code X-Databricks-Azure-Workspace-Resource-Id}, which together let in a principal that is not yet a workspace
 * user. Each token has its own {@link TokenRenewal}, as the other OAuth flows' tokens do; a 401 renews both.
 */
public final class AzureServicePrincipalAuth implements AuthHeaderProvider {
    static final String MANAGEMENT_TOKEN_HEADER = "X-Databricks-Azure-SP-Management-Token";
    static final String WORKSPACE_RESOURCE_ID_HEADER = "X-Databricks-Azure-Workspace-Resource-Id";
    /**
     * Azure refuses tokens with 30 s or less left (§6.6), so a smaller configured margin would let a token be
     * refused before it is renewed; 40 s leaves room for the request's own travel.
     */
    static final Duration LEAST_MARGIN = Duration.ofSeconds(40);

    private final String subject;
    private final String workspaceResourceId;
    private final TokenRenewal databricks;
    private final TokenRenewal management;

    /**
     * @param margin how long before expiry tokens are renewed (at least 40 s, at most half their lifetime)
     * @param connectTimeout connect timeout of the token requests
     * @param requestTimeout time limit of each token request; zero for none
     */
    public static AzureServicePrincipalAuth create(AzureServicePrincipal principal, Duration margin,
                                                   Duration connectTimeout, Duration requestTimeout) {
        return new AzureServicePrincipalAuth(
                new EntraIdEndpoint(OAuthHttp.client(connectTimeout), principal, requestTimeout),
                principal.workspaceResourceId(), margin, System::nanoTime);
    }

    AzureServicePrincipalAuth(EntraIdEndpoint endpoint, String workspaceResourceId, Duration margin,
                              LongSupplier nanoClock) {
        Objects.requireNonNull(endpoint, "endpoint is null");
        Duration effective = margin.compareTo(LEAST_MARGIN) < 0 ? LEAST_MARGIN : margin;
        this.subject = endpoint.subject();
        this.workspaceResourceId = workspaceResourceId;
        this.databricks = new TokenRenewal(() -> endpoint.requestToken(AzureServicePrincipal.DATABRICKS_RESOURCE),
                subject + " (Azure Databricks)", effective, nanoClock);
        this.management = new TokenRenewal(() -> endpoint.requestToken(AzureServicePrincipal.MANAGEMENT_RESOURCE),
                subject + " (Azure management)", effective, nanoClock);
    }

    @Override
    public String authorization() throws IOException {
        return databricks.authorization();
    }

    @Override
    public Map<String, String> extraHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(4);
        headers.put(MANAGEMENT_TOKEN_HEADER, management.token().value());
        if (workspaceResourceId != null) {
            headers.put(WORKSPACE_RESOURCE_ID_HEADER, workspaceResourceId);
        }
        return headers;
    }

    /**
     * Renews both tokens: the server does not say which one it refused. A failed renewal is logged by its
     * {@link TokenRenewal}, and the request is then not repeated.
     */
    @Override
    public boolean onUnauthorized() {
        return databricks.onUnauthorized() && management.onUnauthorized();
    }

    @Override
    public String toString() {
        return "AzureServicePrincipalAuth[" + subject + ", tokens=***]";
    }
}
