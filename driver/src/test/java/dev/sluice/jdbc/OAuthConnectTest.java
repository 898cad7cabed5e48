package dev.sluice.jdbc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.sql.DriverManager;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How AuthMech=11 settings become a connection or a precise refusal, before and at the token endpoint. */
class OAuthConnectTest {
    private static final String SECRET = "m2m-secret-never-shown";

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void aRefusingTokenEndpointIs28000NamingTheClientIdButNotTheSecret() {
        server.stubFor(get("/oidc/.well-known/oauth-authorization-server").willReturn(okJson(
                "{\"token_endpoint\":\"" + server.baseUrl() + "/oidc/v1/token\"}")));
        server.stubFor(post("/oidc/v1/token").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}")));

        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=1;OAuth2ClientId=sp-7;"
                + "OAuth2Secret=" + SECRET)))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .hasMessageContaining("'sp-7'")
                .hasMessageContaining("invalid_client: unknown client")
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
        server.verify(1, postRequestedFor(urlPathMatching("/oidc/v1/token")));
        // no API request is sent without a token
        server.verify(0, postRequestedFor(urlPathMatching("/api/.*")));
    }

    @Test
    void unsupportedFlowsAreNamedAndNothingIsSent() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=1;OAuth2ClientId=a;"
                + "OAuth2Secret=" + SECRET + ";AzureTenantId=t")))
                .isInstanceOf(SQLDataException.class) // Azure is supported; 't' is no tenant id
                .hasMessageContaining("AzureTenantId").hasMessageContaining("'t'");
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=7")))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("AuthMech=7");
        server.verify(0, postRequestedFor(anyUrl()));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void missingCredentialsAre28000NamingTheProperty() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=1;OAuth2ClientId=sp-7")))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .hasMessageContaining("OAuth2Secret");
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=0")))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .hasMessageContaining("Auth_AccessToken");
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=5")))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void badBrowserSignInSettingsAre22023NamingThePropertyBeforeAnythingIsSentOrOpened() {
        String secretPhrase = "cache-phrase-never-shown";
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=2;EnableTokenCache=1")))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("TokenCachePassPhrase");
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=2;OAuthWebServerTimeout=0;"
                + "TokenCachePassPhrase=" + secretPhrase)))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("OAuthWebServerTimeout")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secretPhrase));
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=2;OAuth2RedirectUrlPort=70000")))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("OAuth2RedirectUrlPort");
        assertThatThrownBy(() -> DriverManager.getConnection(url("AuthMech=11;Auth_Flow=2;"
                + "OAuth2ConnAuthAuthorizeEndpoint=not a url")))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("OAuth2ConnAuthAuthorizeEndpoint");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private String url(String auth) {
        return "jdbc:databricks://127.0.0.1:" + server.getPort() + "/default;ssl=0;httpPath=/sql/1.0/warehouses/abc;"
                + auth;
    }
}
