package dev.sluice.it;

import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.net.TestCertificates;
import dev.sluice.testing.net.TestProxy;
import dev.sluice.testing.net.TlsFront;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real local warehouse behind a TLS front (test certificate trusted through SSLTrustStore) and reached through
 * a forward proxy that demands Basic credentials: API calls tunnel with CONNECT, the warehouse's plain-http result
 * links and OAuth endpoints go through the proxy as absolute-form requests, all with the credentials.
 */
@ExtendWith(LocalWarehouseExtension.class)
class SecureTransportTest {
    private static final String USER = "carol";
    private static final String PASSWORD = "it-proxy-pass-7";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final LocalWarehouse warehouse;

    SecureTransportTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    private String url(TlsFront front, TestProxy proxy, TestCertificates certs) {
        return "jdbc:databricks://127.0.0.1:" + front.port() + "/default;httpPath=" + warehouse.httpPath()
                + certs.trustProperties() + ";UseProxy=1;ProxyHost=127.0.0.1;ProxyPort=" + proxy.port()
                + ";ProxyAuth=1;ProxyUID=" + USER + ";ProxyPwd=" + PASSWORD + ";";
    }

    private static long sum(Connection c, String sql) throws SQLException {
        long sum = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                sum += rs.getLong(1);
            }
        }
        return sum;
    }

    @Test
    void aPersonalAccessTokenOverHttpsThroughAnAuthenticatingProxy() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (TlsFront front = TlsFront.start(certs.serverContext(), warehouse.port());
             TestProxy proxy = TestProxy.start(USER, PASSWORD);
             Connection c = new SluiceDriver().connect(url(front, proxy, certs) + "PWD=" + warehouse.token(),
                     new Properties())) {
            assertThat(sum(c, "SELECT id FROM range(200000)")).isEqualTo(199999L * 200000L / 2);
            assertThat(front.handshakes()).isPositive();
            assertThat(proxy.seen()).isNotEmpty().allMatch(s -> BASIC.equals(s.proxyAuthorization()))
                    .anyMatch(s -> s.method().equals("CONNECT") && s.target().equals("127.0.0.1:" + front.port()))
                    .anyMatch(s -> s.method().equals("GET") && s.target().startsWith(warehouse.baseUrl()));
        }
    }

    @Test
    void oauthClientCredentialsOverHttpsThroughAnAuthenticatingProxy() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (TlsFront front = TlsFront.start(certs.serverContext(), warehouse.port());
             TestProxy proxy = TestProxy.start(USER, PASSWORD);
             // the warehouse cannot know it sits behind a TLS front, so the token endpoint it would advertise says
             // http; name the https one
             Connection c = new SluiceDriver().connect(url(front, proxy, certs) + "AuthMech=11;Auth_Flow=1;"
                     + "OAuth2ClientId=" + OAUTH_CLIENT_ID + ";OAuth2Secret=" + OAUTH_CLIENT_SECRET
                     + ";OAuth2TokenEndpoint=https://127.0.0.1:" + front.port() + "/oidc/v1/token", new Properties())) {
            assertThat(sum(c, "SELECT 42")).isEqualTo(42);
            assertThat(proxy.seen()).isNotEmpty().allMatch(s -> BASIC.equals(s.proxyAuthorization()))
                    .allMatch(s -> s.method().equals("CONNECT"));
        }
    }
}
