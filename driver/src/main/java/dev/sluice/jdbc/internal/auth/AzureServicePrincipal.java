package dev.sluice.jdbc.internal.auth;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Azure service principal signing in through Entra ID (protocol §6.5): the tenant, the application's client id
 * and secret, the Entra ID login endpoint and, optionally, the Azure resource id of the workspace.
 */
public final class AzureServicePrincipal {
    /** The Azure Databricks first-party application: tokens for it are the API's bearer tokens. */
    public static final String DATABRICKS_RESOURCE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    /** Azure service management: its token lets a principal that is not yet a workspace user in. */
    public static final String MANAGEMENT_RESOURCE = "https://management.core.windows.net/";
    /** The public cloud's login endpoint. */
    public static final String DEFAULT_LOGIN_ENDPOINT = "https://login.microsoftonline.com/";

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    // a DNS name with at least two labels, such as contoso.onmicrosoft.com
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{4,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern WORKSPACE_RESOURCE_ID = Pattern.compile("(?i)/subscriptions/"
            + GUID.pattern() + "/resourceGroups/[-\\w.()]{1,90}"
            + "/providers/Microsoft\\.Databricks/workspaces/[-\\w]{1,64}");

    private final String tenantId;
    private final String clientId;
    private final Secret secret;
    private final URI loginEndpoint;
    private final String workspaceResourceId;

    /**
     * @param workspaceResourceId the workspace's Azure resource id, or null
     * @throws IllegalArgumentException when a value is malformed (messages never contain the secret)
     */
    public AzureServicePrincipal(String tenantId, String clientId, Secret secret, URI loginEndpoint,
                                 String workspaceResourceId) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId is null").strip();
        this.clientId = Objects.requireNonNull(clientId, "clientId is null").strip();
        this.secret = Objects.requireNonNull(secret, "secret is null");
        Objects.requireNonNull(loginEndpoint, "loginEndpoint is null");
        if (!isTenantId(this.tenantId)) {
            throw new IllegalArgumentException("'" + tenantId + "' is not a tenant id (a GUID or a domain name)");
        }
        if (this.clientId.isEmpty()) {
            throw new IllegalArgumentException("the client id is blank");
        }
        if (!isLoginEndpoint(loginEndpoint)) {
            throw new IllegalArgumentException("'" + loginEndpoint + "' is not an absolute http(s) URL");
        }
        if (workspaceResourceId != null && !isWorkspaceResourceId(workspaceResourceId.strip())) {
            throw new IllegalArgumentException("'" + workspaceResourceId + "' is not a workspace resource id");
        }
        // the tenant is appended as a path segment, so the base must end with a slash
        String login = loginEndpoint.toString();
        this.loginEndpoint = URI.create(login.endsWith("/") ? login : login + "/");
        this.workspaceResourceId = workspaceResourceId == null ? null : workspaceResourceId.strip();
    }

    /** A tenant GUID or a verified domain of the tenant (such as {@code contoso.onmicrosoft.com}). */
    public static boolean isTenantId(String value) {
        return value != null && (GUID.matcher(value).matches() || DOMAIN.matcher(value).matches());
    }

    /**
     * {@code /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Databricks/workspaces/<name>}.
     */
    public static boolean isWorkspaceResourceId(String value) {
        return value != null && WORKSPACE_RESOURCE_ID.matcher(value).matches();
    }

    /** An absolute http or https URL with a host and without query or fragment. */
    public static boolean isLoginEndpoint(URI uri) {
        String scheme = uri.getScheme();
        return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && uri.getHost() != null
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    Secret secret() {
        return secret;
    }

    /** The Entra ID v1 token endpoint of the tenant: {@code {login}/{tenant}/oauth2/token}. */
    URI tokenEndpoint() {
        return loginEndpoint.resolve(tenantId + "/oauth2/token");
    }

    /** The workspace's Azure resource id, or null when not configured. */
    public String workspaceResourceId() {
        return workspaceResourceId;
    }

    @Override
    public String toString() {
        return "AzureServicePrincipal[tenant=" + tenantId + ", clientId=" + clientId + ", secret=***, login="
                + loginEndpoint + (workspaceResourceId == null ? "" : ", workspace=" + workspaceResourceId) + "]";
    }
}
