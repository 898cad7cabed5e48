package dev.sluice.warehouse.oauth;

import java.util.Objects;

/**
 * A service principal registered in an Entra ID tenant: the application (client) id and its secret.
 *
 * @param workspaceUser false when the principal is not (yet) a user of the workspace, so that API requests must
 *     carry an Azure management token and the workspace's resource id (protocol §6.5)
 */
public record AzurePrincipal(String tenant, String clientId, String secret, boolean workspaceUser) {
    public AzurePrincipal {
        Objects.requireNonNull(tenant, "tenant is null");
        Objects.requireNonNull(clientId, "clientId is null");
        Objects.requireNonNull(secret, "secret is null");
    }

    /**
     * Parses {@code tenant:clientId:secret} (the secret may contain colons).
     *
     * @throws IllegalArgumentException naming the option, never echoing the secret
     */
    public static AzurePrincipal parse(String spec) {
        int first = spec.indexOf(':');
        int second = first < 0 ? -1 : spec.indexOf(':', first + 1);
        if (first <= 0 || second <= first + 1 || second == spec.length() - 1) {
            throw new IllegalArgumentException("option --azure-sp needs tenant:clientId:secret");
        }
        return new AzurePrincipal(spec.substring(0, first), spec.substring(first + 1, second),
                spec.substring(second + 1), true);
    }

    /** The same principal, not a user of the workspace. */
    public AzurePrincipal notWorkspaceUser() {
        return new AzurePrincipal(tenant, clientId, secret, false);
    }

    @Override
    public String toString() {
        return "AzurePrincipal[" + tenant + "/" + clientId + ", secret=***, workspaceUser=" + workspaceUser + "]";
    }
}
