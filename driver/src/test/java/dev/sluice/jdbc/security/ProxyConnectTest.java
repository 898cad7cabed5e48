package dev.sluice.jdbc.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sluice.testing.net.TestCertificates;
import dev.sluice.testing.net.TestProxy;
import dev.sluice.testing.net.TlsFront;
import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.RecordedRequest;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a real forward proxy that demands Basic credentials: API calls over an https CONNECT tunnel (the JDK
 * refuses Basic on a CONNECT by default, and no JVM setting may be asked for), result downloads over plain http,
 * the token requests of every OAuth flow (M2M, U2M refresh, Azure Entra ID) over https. Asserts what the proxy received and that the workspace never saw the credentials.
 */
class ProxyConnectTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final String USER = "alice";
    private static final String PASSWORD = "proxy-pass-never-shown-42";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final int ROWS = 500;
    private static final String PROXIED_TOKEN = "proxied-token";

    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();
    private TlsFront front;
    private TestProxy proxy;

    @BeforeEach
    void start() throws IOException {
        front = TlsFront.start(CERTS.serverContext(), server.port());
        proxy = TestProxy.start(USER, PASSWORD);
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chunks.add(Chunk.of(ROWS, SyntheticChunks.chunk((long) i * ROWS, ROWS, 64)));
        }
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(Column.list("id BIGINT", "name STRING", "value DOUBLE"), chunks)));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        front.close();
    }

    private String url(String proxyProperties) {
        return "jdbc:databricks://127.0.0.1:" + front.port() + "/default;httpPath=/sql/1.0/warehouses/wh1;"
                + "AuthMech=3;UID=token;PWD=" + ScriptedWarehouse.DEFAULT_TOKEN + CERTS.trustProperties()
                + ";UseProxy=1;ProxyHost=127.0.0.1;ProxyPort=" + proxy.port() + proxyProperties;
    }

    private static long readAll(Connection c) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT big")) {
            while (rs.next()) {
                assertThat(rs.getLong(1)).isEqualTo(n++);
            }
        }
        return n;
    }

    @Test
    void apiCallsTunnelAndDownloadsGoThroughTheProxyWithBasicCredentialsSentOnlyToIt() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(";ProxyAuth=1;ProxyUID=" + USER + ";ProxyPwd=" + PASSWORD))) {
            assertThat(readAll(c)).isEqualTo(3L * ROWS);
        }
        List<TestProxy.Seen> seen = proxy.seen();
        assertThat(seen).filteredOn(s -> s.method().equals("CONNECT"))
                .isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.target()).isEqualTo("127.0.0.1:" + front.port());
                    assertThat(s.proxyAuthorization()).isEqualTo(BASIC);
                });
        // the external links are plain http: proxied as absolute-form GETs with the credentials
        assertThat(seen).filteredOn(s -> s.method().equals("GET")).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(s -> assertThat(s.proxyAuthorization()).isEqualTo(BASIC));
        assertThat(seen).allMatch(TestProxy.Seen::accepted);
        List<RecordedRequest> atWorkspace = server.requests();
        assertThat(atWorkspace).isNotEmpty().noneMatch(r -> r.hasHeader("Proxy-Authorization"))
                .noneMatch(r -> r.headers().toString().contains(PASSWORD))
                .noneMatch(r -> r.headers().toString().contains(BASIC.substring(6)));
        assertThat(server.requests(Endpoint.DOWNLOAD)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void plainHttpApiCallsCarryTheCredentialsToTheProxyOnly() throws SQLException {
        String plain = "jdbc:databricks://127.0.0.1:" + server.port() + "/default;ssl=0;httpPath=/sql/1.0/warehouses/wh1;"
                + "PWD=" + ScriptedWarehouse.DEFAULT_TOKEN + ";UseProxy=1;ProxyHost=127.0.0.1;ProxyPort=" + proxy.port()
                + ";ProxyAuth=1;ProxyUID=" + USER + ";ProxyPwd=" + PASSWORD;
        try (Connection c = DriverManager.getConnection(plain)) {
            assertThat(readAll(c)).isEqualTo(3L * ROWS);
        }
        assertThat(proxy.seen()).filteredOn(s -> s.method().equals("POST")).isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.target()).startsWith("http://127.0.0.1:" + server.port() + "/api/");
                    assertThat(s.proxyAuthorization()).isEqualTo(BASIC);
                });
        assertThat(server.requests()).isNotEmpty().noneMatch(r -> r.hasHeader("Proxy-Authorization"));
    }

    @Test
    void aRefusedProxyPasswordIs08001NamingTheProxyAndUserButNotThePassword() {
        String wrong = "wrong-proxy-pass-13";
        long start = System.nanoTime();
        assertThatThrownBy(() -> DriverManager.getConnection(
                url(";ProxyAuth=1;ProxyUID=" + USER + ";ProxyPwd=" + wrong)).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("127.0.0.1:" + proxy.port()).contains("'" + USER + "'")
                            .contains("407").doesNotContain(wrong).doesNotContain(PASSWORD);
                });
        assertThat(proxy.seen()).isNotEmpty().noneMatch(TestProxy.Seen::accepted);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aProxyWantingCredentialsThatWereNotConfiguredSaysWhichPropertiesToSet() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("127.0.0.1:" + proxy.port()).contains("ProxyUID");
                });
    }

    @Test
    void hostsOnTheIgnoreListGoDirect() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(";ProxyAuth=1;ProxyUID=" + USER + ";ProxyPwd=" + PASSWORD
                + ";ProxyIgnoreList=example.org,127.0.0.1"))) {
            assertThat(readAll(c)).isEqualTo(3L * ROWS);
        }
        assertThat(proxy.seen()).isEmpty();
    }

    @Test
    void downloadsCanUseTheirOwnProxy() throws Exception {
        try (TestProxy downloads = TestProxy.start("bob", "cf-pass-9");
             Connection c = DriverManager.getConnection(url(";ProxyAuth=1;ProxyUID=" + USER + ";ProxyPwd=" + PASSWORD
                     + ";UseCFProxy=1;CFProxyHost=127.0.0.1;CFProxyPort=" + downloads.port()
                     + ";CFProxyAuth=1;CFProxyUID=bob;CFProxyPwd=cf-pass-9"))) {
            assertThat(readAll(c)).isEqualTo(3L * ROWS);
            assertThat(downloads.seen()).hasSizeGreaterThanOrEqualTo(3).allMatch(s -> s.method().equals("GET"))
                    .allMatch(TestProxy.Seen::accepted);
        }
        assertThat(proxy.seen()).isNotEmpty().allMatch(s -> s.method().equals("CONNECT"));
    }

    @Test
    void theTokenEndpointTunnelsThroughTheProxyToo() throws Exception {
        List<String> forms = new CopyOnWriteArrayList<>();
        HttpsServer oauth = tokenServer("/oidc/v1/token", forms);
        String tokenTarget = "127.0.0.1:" + oauth.getAddress().getPort();
        connectThroughTheProxyWith(oauth, "AuthMech=11;Auth_Flow=1;OAuth2ClientId=cid;OAuth2Secret=s3;"
                + "OAuth2TokenEndpoint=https://" + tokenTarget + "/oidc/v1/token");
        assertTunnelledTo(tokenTarget);
        assertThat(forms).containsExactly("grant_type=client_credentials&scope=all-apis");
    }

    @Test
    void theU2mRefreshGrantTunnelsThroughTheProxyWithTheRefreshTokenReadFromAFile(@TempDir Path dir)
            throws Exception {
        String refreshToken = "u2m-refresh-token-" + System.nanoTime();
        Path file = Files.writeString(dir.resolve("refresh-token"), refreshToken + "\n");
        List<String> forms = new CopyOnWriteArrayList<>();
        HttpsServer oauth = tokenServer("/oidc/v1/token", forms);
        String tokenTarget = "127.0.0.1:" + oauth.getAddress().getPort();
        // a configured refresh token is used before any browser: the connection needs only the token endpoint
        // a reference is resolved only from Properties, never from the URL
        connectThroughTheProxyWith(oauth, "AuthMech=11;Auth_Flow=2;"
                + "OAuth2TokenEndpoint=https://" + tokenTarget + "/oidc/v1/token",
                "Auth_RefreshToken", "${file:" + file + "}");
        assertTunnelledTo(tokenTarget);
        assertThat(forms).containsExactly("grant_type=refresh_token&refresh_token=" + refreshToken
                + "&client_id=databricks-sql-jdbc");
    }

    @Test
    void azureEntraIdTokenRequestsTunnelThroughTheProxyWithTheSecretReadFromAFile(@TempDir Path dir)
            throws Exception {
        String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        String clientSecret = "entra-secret-" + System.nanoTime();
        Path file = Files.writeString(dir.resolve("client-secret"), clientSecret);
        List<String> forms = new CopyOnWriteArrayList<>();
        HttpsServer entra = tokenServer("/" + tenant + "/oauth2/token", forms);
        String entraTarget = "127.0.0.1:" + entra.getAddress().getPort();
        connectThroughTheProxyWith(entra, "AuthMech=11;Auth_Flow=1;AzureTenantId=" + tenant + ";OAuth2ClientId=app-1;"
                + "AzureLoginEndpoint=https://" + entraTarget + "/", "OAuth2Secret", "${file:" + file + "}");
        assertTunnelledTo(entraTarget);
        // one token for Azure Databricks, one for Azure management, both with the secret from the file
        assertThat(forms).hasSize(2).allSatisfy(form -> assertThat(form)
                .startsWith("grant_type=client_credentials&client_id=app-1&client_secret=" + clientSecret + "&"));
    }

    /** An https token endpoint at {@code path} that records each form and answers with the scripted token. */
    private static HttpsServer tokenServer(String path, List<String> forms) throws IOException {
        HttpsServer oauth = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        oauth.setHttpsConfigurator(new HttpsConfigurator(CERTS.serverContext()));
        oauth.createContext(path, exchange -> {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"access_token\":\"" + PROXIED_TOKEN + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        oauth.start();
        return oauth;
    }

    /** Reads a result through the authenticating proxy with {@code auth} in place of the PAT; stops the server. */
    private void connectThroughTheProxyWith(HttpsServer oauth, String auth) throws SQLException {
        connectThroughTheProxyWith(oauth, auth, null, null);
    }

    /** As above, with one more property given through Properties rather than the URL, when key is not null. */
    private void connectThroughTheProxyWith(HttpsServer oauth, String auth, String key, String value)
            throws SQLException {
        server.expectToken(PROXIED_TOKEN);
        java.util.Properties info = new java.util.Properties();
        if (key != null) {
            info.setProperty(key, value);
        }
        try (Connection c = DriverManager.getConnection(url(";ProxyAuth=1;ProxyUID=" + USER + ";ProxyPwd=" + PASSWORD)
                .replace("AuthMech=3", auth), info)) {
            assertThat(readAll(c)).isEqualTo(3L * ROWS);
        } finally {
            oauth.stop(0);
        }
    }

    private void assertTunnelledTo(String target) {
        assertThat(proxy.seen()).anySatisfy(s -> {
            assertThat(s.method()).isEqualTo("CONNECT");
            assertThat(s.target()).isEqualTo(target);
            assertThat(s.proxyAuthorization()).isEqualTo(BASIC);
            assertThat(s.accepted()).isTrue();
        });
    }

    @Test
    void incompleteProxySettingsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> DriverManager.getConnection(url(";ProxyAuth=1;ProxyUID=" + USER)).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("ProxyPwd");
                });
        assertThatThrownBy(() -> DriverManager.getConnection(url(";ProxyAuth=2")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + front.port()
                + "/default;httpPath=/sql/1.0/warehouses/wh1;PWD=x;UseProxy=1").close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("22023");
                    assertThat(e.getMessage()).contains("ProxyHost").contains("ProxyPort");
                });
        assertThat(proxy.seen()).isEmpty();
    }
}
