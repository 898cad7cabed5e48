package dev.sluice.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.warehouse.oauth.AzurePrincipal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start-up options: defaults, parsing and errors that name the option. */
class OptionsTest {

    @Test
    void defaultsSuitLocalUse() {
        WarehouseOptions o = WarehouseOptions.parse(new String[0]);
        assertThat(o.port()).isZero();
        assertThat(o.tokens()).hasSize(1);
        assertThat(o.tokens().get(0)).matches("dapi[0-9a-f]{32}").isNotEqualTo("dapi-local-warehouse");
        assertThat(o.tokenGenerated()).isTrue();
        assertThat(WarehouseOptions.parse(new String[0]).tokens()).doesNotContainAnyElementsOf(o.tokens());
        assertThat(o.allowedPaths()).isEmpty();
        assertThat(o.linkExpiry()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.retention()).isEqualTo(Duration.ofHours(1));
        assertThat(o.exitOnStdinEof()).isFalse();
    }

    @Test
    void optionsAreParsed() {
        WarehouseOptions o = WarehouseOptions.parse(new String[] {"--port", "8080", "--token", "a", "--token", "b",
                "--chunk-rows", "10", "--link-expiry-seconds", "5", "--exit-on-stdin-eof", "--link-headers", "true"});
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.tokens()).containsExactly("a", "b");
        assertThat(o.tokenGenerated()).isFalse();
        assertThat(o.chunkRows()).isEqualTo(10);
        assertThat(o.linkExpiry()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.exitOnStdinEof()).isTrue();
        assertThat(o.requireLinkHeaders()).isTrue();
    }

    @Test
    void allowedPathsAreAbsoluteAndNeverTheRoot() {
        WarehouseOptions o = WarehouseOptions.parse(new String[] {"--allow-path", "data/in", "--allow-path", "/srv/x/../y"});
        assertThat(o.allowedPaths()).containsExactly(java.nio.file.Path.of("data/in").toAbsolutePath(),
                java.nio.file.Path.of("/srv/y"));
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--allow-path", "/"}))
                .hasMessageContaining("--allow-path");
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--token", " "}))
                .hasMessageContaining("--token");
    }

    @Test
    void oauthClientsAndTokenLifetimeAreParsedAndABadClientDoesNotEchoTheSecret() {
        WarehouseOptions o = WarehouseOptions.parse(new String[] {"--oauth-client", "sp-1:s:1",
                "--oauth-client", "sp-2:x", "--oauth-token-ttl-seconds", "3"});
        assertThat(o.oauthClients()).containsEntry("sp-1", "s:1").containsEntry("sp-2", "x").hasSize(2);
        assertThat(o.oauthTokenTtl()).isEqualTo(Duration.ofSeconds(3));
        assertThat(WarehouseOptions.parse(new String[0]).oauthClients()).isEmpty();
        assertThat(WarehouseOptions.parse(new String[0]).oauthPublicClients()).containsExactly("databricks-sql-jdbc");
        assertThat(WarehouseOptions.parse(new String[] {"--oauth-public-client", "app-1", "--oauth-public-client",
                "app-2"}).oauthPublicClients()).containsExactlyInAnyOrder("app-1", "app-2");
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--oauth-client", "only-a-secret-value"}))
                .hasMessageContaining("id:secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("only-a-secret-value"));
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--oauth-token-ttl-seconds", "0"}))
                .hasMessageContaining("positive");
    }

    @Test
    void azurePrincipalsAreParsedAndMarkedAndABadOneDoesNotEchoTheSecret() {
        WarehouseOptions o = WarehouseOptions.parse(new String[] {"--azure-sp", "t1:app-1:s:e:c", "--azure-sp",
                "t2:app-2:x", "--azure-sp-not-workspace-user", "app-2", "--azure-workspace-resource-id", "/sub/x"});
        assertThat(o.azurePrincipals()).containsExactly(new AzurePrincipal("t1", "app-1", "s:e:c", true),
                new AzurePrincipal("t2", "app-2", "x", false));
        assertThat(o.azurePrincipals().toString()).doesNotContain("s:e:c");
        assertThat(o.azureWorkspaceResourceId()).isEqualTo("/sub/x");
        assertThat(WarehouseOptions.parse(new String[0]).azureWorkspaceResourceId())
                .isEqualTo(WarehouseOptions.DEFAULT_AZURE_WORKSPACE_RESOURCE_ID);
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--azure-sp", "t1:only-a-secret-value"}))
                .hasMessageContaining("tenant:clientId:secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("only-a-secret-value"));
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--azure-sp-not-workspace-user", "ghost"}))
                .hasMessageContaining("ghost");
    }

    @Test
    void badOptionsNameTheProblem() {
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--nope", "1"})).hasMessageContaining("--nope");
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--chunk-rows", "0"})).hasMessageContaining("positive");
        assertThatThrownBy(() -> WarehouseOptions.parse(new String[] {"--port", "x"})).hasMessageContaining("number");
    }
}
