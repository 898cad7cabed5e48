package dev.sluice.jdbc.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sluice.testing.net.TestCertificates;
import dev.sluice.testing.net.TlsFront;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPS end to end: the scripted warehouse behind a TLS front with a test certificate made by keytool, and an
 * HTTPS token endpoint with the same certificate. The driver trusts it only through SSLTrustStore.
 */
class TlsConnectTest {
    private static final TestCertificates CERTS = TestCertificates.get();

    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();
    private TlsFront front;

    @BeforeEach
    void start() throws IOException {
        front = TlsFront.start(CERTS.serverContext(), server.port());
        server.script(StatementScript.forSql("SELECT 1").succeeds(
                Result.jsonRows(Column.list("one INT"), List.of(Result.row("1")))));
    }

    @AfterEach
    void stop() throws IOException {
        front.close();
    }

    private String url(String extra) {
        return "jdbc:databricks://127.0.0.1:" + front.port() + "/default;httpPath=/sql/1.0/warehouses/wh1;AuthMech=3;"
                + "UID=token;PWD=" + ScriptedWarehouse.DEFAULT_TOKEN + extra;
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    @Test
    void httpsWorksWhenTheCertificateIsTrustedThroughAJksTrustStore() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(CERTS.trustProperties()))) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
        assertThat(front.handshakes()).isGreaterThanOrEqualTo(1);
        assertThat(server.createdSessionIds()).hasSize(1);
    }

    @Test
    void aPkcs12TrustStoreWorksToo() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(";SSLTrustStore=" + CERTS.trustP12
                + ";SSLTrustStoreType=PKCS12;SSLTrustStorePwd=" + TestCertificates.TRUST_PASSWORD))) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
    }

    @Test
    void anUntrustedCertificateIs08001NamingTheHostAndTheReason() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("127.0.0.1:" + front.port()).contains("not trusted")
                            .contains("SSLTrustStore").doesNotContain(ScriptedWarehouse.DEFAULT_TOKEN);
                });
        assertThat(server.createdSessionIds()).isEmpty();
    }

    @Test
    void theSystemTrustStoreDoesNotTrustATestCertificateButCombinesWithSslTrustStore() throws SQLException {
        assertThatThrownBy(() -> DriverManager.getConnection(url(";UseSystemTrustStore=1")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"));
        try (Connection c = DriverManager.getConnection(url(";UseSystemTrustStore=1" + CERTS.trustProperties()))) {
            assertThat(selectOne(c)).isEqualTo(1);
        }
    }

    @Test
    void httpsIsNeverSilentlyDowngraded() {
        // ssl defaults to 1: a plain HTTP server is refused instead of being spoken to in clear text
        String plain = "jdbc:databricks://127.0.0.1:" + server.port() + "/default;httpPath=/sql/1.0/warehouses/wh1;"
                + "PWD=" + ScriptedWarehouse.DEFAULT_TOKEN + CERTS.trustProperties();
        assertThatThrownBy(() -> DriverManager.getConnection(plain).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("127.0.0.1:" + server.port()).contains("does not speak TLS");
                });
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aMissingTrustStoreIs22023NamingThePropertyAndPath() {
        String missing = CERTS.dir.resolve("nope.jks").toString();
        assertThatThrownBy(() -> DriverManager.getConnection(url(";SSLTrustStore=" + missing)).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("22023");
                    assertThat(e.getMessage()).contains("SSLTrustStore").contains(missing).contains("does not exist");
                });
    }

    @Test
    void aWrongTrustStorePasswordIs22023NamingThePathButNeverThePassword() {
        String wrong = "wrong-trust-pass-77";
        assertThatThrownBy(() -> DriverManager.getConnection(url(";SSLTrustStore=" + CERTS.trustJks
                + ";SSLTrustStorePwd=" + wrong)).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("22023");
                    assertThat(e.getMessage()).contains("SSLTrustStorePwd").contains(CERTS.trustJks.toString())
                            .contains("wrong password").doesNotContain(wrong);
                });
    }

    @Test
    void anUnknownTrustStoreTypeIs22023NamingTheType() {
        assertThatThrownBy(() -> DriverManager.getConnection(url(CERTS.trustProperties()
                + ";SSLTrustStoreType=NOPE")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("22023");
                    assertThat(e.getMessage()).contains("SSLTrustStoreType").contains("'NOPE'")
                            .doesNotContain(TestCertificates.TRUST_PASSWORD);
                });
    }

    @Test
    void allowSelfSignedCertsIsRefusedAndPointsToTheTrustStore() {
        assertThatThrownBy(() -> DriverManager.getConnection(url(";AllowSelfSignedCerts=1")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("0A000");
                    assertThat(e.getMessage()).contains("AllowSelfSignedCerts").contains("SSLTrustStore");
                });
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theTokenEndpointUsesTheSameTrust() throws Exception {
        AtomicInteger tokenRequests = new AtomicInteger();
        HttpsServer oauth = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        oauth.setHttpsConfigurator(new HttpsConfigurator(CERTS.serverContext()));
        oauth.createContext("/oidc/v1/token", exchange -> {
            tokenRequests.incrementAndGet();
            byte[] body = "{\"access_token\":\"tls-issued-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        oauth.start();
        server.expectToken("tls-issued-token");
        String m2m = "jdbc:databricks://127.0.0.1:" + front.port() + "/default;httpPath=/sql/1.0/warehouses/wh1;"
                + "AuthMech=11;Auth_Flow=1;OAuth2ClientId=cid;OAuth2Secret=m2m-secret-1;OAuth2TokenEndpoint="
                + "https://127.0.0.1:" + oauth.getAddress().getPort() + "/oidc/v1/token";
        try {
            try (Connection c = DriverManager.getConnection(m2m + CERTS.trustProperties())) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
            assertThat(tokenRequests.get()).isEqualTo(1);
            // the workspace trusted through SSLTrustStore, but the token endpoint not: the same trust applies to both
            assertThatThrownBy(() -> DriverManager.getConnection(m2m).close())
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08001");
                        assertThat(e.getMessage()).doesNotContain("m2m-secret-1");
                    });
            assertThat(tokenRequests.get()).isEqualTo(1);
        } finally {
            oauth.stop(0);
        }
    }
}
