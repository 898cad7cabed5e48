package dev.sluice.it;

import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_SECRET;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_TOKEN_TTL_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OAuth end to end against the local warehouse, which issues real tokens that expire after
 * {@link LocalWarehouseExtension#OAUTH_TOKEN_TTL_SECONDS}: client credentials renewed across expiries, a refused
 * secret, and token pass-through replaced at run time.
 */
@ExtendWith(LocalWarehouseExtension.class)
class OAuthM2MTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalWarehouse warehouse;
    private final HttpClient http = HttpClient.newHttpClient();

    OAuthM2MTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void clientCredentialsKeepWorkingAcrossTokenExpiries() throws Exception {
        long issuedBefore = tokensIssued();
        long deadline = System.nanoTime() + (OAUTH_TOKEN_TTL_SECONDS * 2L + 1) * 1_000_000_000L;
        int queries = 0;
        try (Connection c = connect(m2mUrl(OAUTH_CLIENT_SECRET));
             Statement s = c.createStatement()) {
            while (System.nanoTime() - deadline < 0) {
                assertThat(selectOne(s, "SELECT " + queries)).isEqualTo(queries);
                queries++;
                Thread.sleep(400);
            }
        }
        // one token per lifetime at least: the first one and those that replaced it before it expired
        assertThat(tokensIssued() - issuedBefore).isGreaterThanOrEqualTo(3);
        assertThat(queries).isGreaterThan(5);
    }

    @Test
    void aRefusedSecretIs28000NamingTheClientButNotTheSecret() {
        String wrong = "not-the-secret-" + System.nanoTime();
        assertThatThrownBy(() -> connect(m2mUrl(wrong)).close())
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .satisfies(e -> {
                    SQLException sql = (SQLException) e;
                    assertThat(sql.getSQLState()).isEqualTo("28000");
                    assertThat(sql.getMessage()).contains(OAUTH_CLIENT_ID).contains("invalid_client")
                            .doesNotContain(wrong);
                });
    }

    @Test
    void aPassedThroughTokenIsReplacedThroughClientInfoAndNeverShown() throws Exception {
        String first = issueToken();
        try (Connection c = connect(base() + "AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + first);
             Statement s = c.createStatement()) {
            assertThat(selectOne(s, "SELECT 1")).isEqualTo(1);
            Thread.sleep(OAUTH_TOKEN_TTL_SECONDS * 1000L + 500);
            // the token has expired on the server; the driver cannot renew a token it did not obtain
            assertThatThrownBy(() -> selectOne(s, "SELECT 2")).isInstanceOf(SQLInvalidAuthorizationSpecException.class);

            String second = issueToken();
            c.setClientInfo("Auth_AccessToken", second);
            assertThat(selectOne(s, "SELECT 3")).isEqualTo(3);
            assertThat(c.getClientInfo("Auth_AccessToken")).isNull();
            assertThat(c.getClientInfo().toString()).doesNotContain(second);
            assertThatThrownBy(() -> c.setClientInfo("Auth_AccessToken", " "))
                    .isInstanceOf(SQLClientInfoException.class);
            assertThat(selectOne(s, "SELECT 4")).isEqualTo(4);
        }
    }

    @Test
    void aPersonalAccessTokenConnectionRefusesATokenReplacement() throws Exception {
        try (Connection c = connect(warehouse.jdbcUrl())) {
            assertThatThrownBy(() -> c.setClientInfo("Auth_AccessToken", "x"))
                    .isInstanceOf(SQLClientInfoException.class)
                    .hasMessageContaining("AuthMech=11;Auth_Flow=0");
        }
    }

    /** Sluice itself: the official driver on the same class path accepts jdbc:databricks:// URLs too. */
    private static Connection connect(String url) throws SQLException {
        return new SluiceDriver().connect(url, new Properties());
    }

    private String base() {
        return "jdbc:databricks://" + warehouse.host() + ":" + warehouse.port() + "/default;ssl=0;httpPath="
                + warehouse.httpPath() + ";";
    }

    private String m2mUrl(String secret) {
        return base() + "AuthMech=11;Auth_Flow=1;OAuth2ClientId=" + OAUTH_CLIENT_ID + ";OAuth2Secret=" + secret;
    }

    private static long selectOne(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private long tokensIssued() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/sluice/oauth"))
                .header("Authorization", "Bearer " + warehouse.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("clients").path(OAUTH_CLIENT_ID).path("tokens_issued").asLong(-1);
    }

    /** What an application doing its own OAuth would hold. */
    private String issueToken() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((OAUTH_CLIENT_ID + ":" + OAUTH_CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/oidc/v1/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=all-apis"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(OAUTH_TOKEN_TTL_SECONDS);
        return body.path("access_token").asText();
    }
}
