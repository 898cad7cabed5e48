package dev.sluice.it.observe;

import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_SP_CLIENT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_SP_SECRET;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_TENANT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.AZURE_WORKSPACE_RESOURCE_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_SECRET;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_TOKEN_TTL_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.sluice.it.RestClient;
import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.testing.net.TestProxy;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Runs each authentication and result flow with every {@code dev.sluice} logger at TRACE and fails if a secret
 * shows anywhere a user or a log shipper could see it: a log line, an exception (whole chain), a {@code toString},
 * {@code getPropertyInfo} or {@code DatabaseMetaData.getURL}. See {@link LeakHarness} for what counts as a secret.
 *
 * <p>To cover a new flow (OAuth U2M, Azure Entra ID, ...), add a {@link Flow} to {@link #flows()}: register what it
 * configures with {@code h.secret(...)}, connect with {@code h.connect(...)}, and run failures through
 * {@code h.fails(...)}; tokens and links that cross the proxy are found without help.
 */
@ExtendWith(LocalWarehouseExtension.class)
class SecretLeakTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Set by this module's pom, so that ProxyPwd=${env:...} is resolved from the real process environment. */
    private static final String PROXY_PASSWORD_VARIABLE = "SLUICE_IT_PROXY_PASSWORD";

    private final LocalWarehouse warehouse;

    SecretLeakTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** One way of using the driver, run against the local warehouse through the harness. */
    record Flow(String name, Body body) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a flow does. */
    interface Body {
        void run(LeakHarness h) throws Exception;
    }

    static Stream<Flow> flows() {
        return Stream.of(
                new Flow("personal access token: URL, Properties and DataSource", SecretLeakTest::personalAccessToken),
                new Flow("wrong personal access token", h -> h.fails("connect", () ->
                        h.connect(h.url("AuthMech=3;UID=token;PWD=" + h.secret("dapi" + randomHex(16)))))),
                new Flow("token pass-through, expiry and setClientInfo(Auth_AccessToken)",
                        SecretLeakTest::tokenPassThrough),
                new Flow("OAuth M2M client credentials", SecretLeakTest::clientCredentials),
                new Flow("OAuth M2M with a wrong secret", h -> h.fails("connect", () -> h.connect(h.url(
                        "AuthMech=11;Auth_Flow=1;OAuth2ClientId=" + OAUTH_CLIENT_ID + ";OAuth2Secret="
                                + h.secret("wrong-secret-" + randomHex(8)))))),
                new Flow("OAuth U2M: browser sign-in, refresh and encrypted token cache", SecretLeakTest::browserSignIn),
                new Flow("Azure service principal through Entra ID, renewed, and a refused secret",
                        SecretLeakTest::azureServicePrincipal),
                new Flow("authenticating forward proxy: ProxyPwd from ${env:}, a token from ${file:}, a refused"
                        + " proxy password", SecretLeakTest::authenticatingProxy),
                new Flow("external links, LZ4, several chunks", SecretLeakTest::externalLinks),
                new Flow("failing statements and parameters", SecretLeakTest::failingStatements),
                new Flow("retries: a rate-limited submission, an unavailable download", SecretLeakTest::retries));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void noSecretLeaks(Flow flow) throws Exception {
        try (LeakHarness h = new LeakHarness(warehouse)) {
            flow.body().run(h);
            // the scan must have had something to find and somewhere to look
            assertThat(h.secrets()).as("secrets of this flow").isNotEmpty();
            assertThat(h.logs().lines()).as("log lines of this flow").anyMatch(l -> l.logger().startsWith("dev.sluice"));
            if (h.connected()) {
                assertThat(h.logs().sluice(Level.TRACE)).as("TRACE lines of this flow").isNotEmpty();
            }
            h.assertNothingLeaked();
        }
    }

    /** The scan itself: a secret in a log line fails it. */
    @Test
    void aLoggedSecretIsFound() throws Exception {
        try (LeakHarness h = new LeakHarness(warehouse)) {
            String secret = h.secret("dapi" + randomHex(16));
            LoggerFactory.getLogger("dev.sluice.jdbc.test").trace("careless {}", secret);
            assertThatThrownBy(h::assertNothingLeaked).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("configured").hasMessageNotContaining(secret);
        }
    }

    private static void personalAccessToken(LeakHarness h) throws Exception {
        String token = h.secret(h.warehouse.token());
        try (Connection c = h.connect(h.url("AuthMech=3;UID=token;PWD=" + token))) {
            assertThat(h.query(c, "SELECT 1")).isEqualTo(1);
        }
        Properties info = new Properties();
        info.setProperty("PWD", token);
        try (Connection c = h.connect(h.url("AuthMech=3"), info)) {
            assertThat(h.query(c, "SELECT 2")).isEqualTo(1);
        }
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl(h.url("AuthMech=3"));
        ds.setPWD(token);
        h.show("SluiceDataSource.toString", ds);
        try (Connection c = ds.getConnection()) {
            h.show("Connection.toString", c);
            h.show("DatabaseMetaData.getURL", c.getMetaData().getURL());
            assertThat(h.query(c, "SELECT 3")).isEqualTo(1);
        }
    }

    private static void tokenPassThrough(LeakHarness h) throws Exception {
        String first = h.issueToken();
        try (Connection c = h.connect(h.url("AuthMech=11;Auth_Flow=0;Auth_AccessToken=" + first))) {
            assertThat(h.query(c, "SELECT 1")).isEqualTo(1);
            Thread.sleep(OAUTH_TOKEN_TTL_SECONDS * 1000L + 500);
            h.fails("a query with an expired token", () -> h.query(c, "SELECT 2"));
            c.setClientInfo("Auth_AccessToken", h.issueToken());
            assertThat(h.query(c, "SELECT 3")).isEqualTo(1);
            h.show("Connection.getClientInfo", c.getClientInfo());
            h.fails("a blank token", () -> c.setClientInfo("Auth_AccessToken", " "));
        }
        try (Connection c = h.connect(h.url("AuthMech=3;UID=token;PWD=" + h.secret(h.warehouse.token())))) {
            String refused = h.secret("dapi" + randomHex(16));
            h.fails("a token replacement on a PAT connection", () -> c.setClientInfo("Auth_AccessToken", refused));
        }
    }

    private static void clientCredentials(LeakHarness h) throws Exception {
        String url = h.url("AuthMech=11;Auth_Flow=1;OAuth2ClientId=" + OAUTH_CLIENT_ID + ";OAuth2Secret="
                + h.secret(OAUTH_CLIENT_SECRET));
        try (Connection c = h.connect(url)) {
            assertThat(h.query(c, "SELECT 1")).isEqualTo(1);
        }
        Properties info = new Properties();
        info.setProperty("OAuth2ClientId", OAUTH_CLIENT_ID);
        info.setProperty("OAuth2Secret", OAUTH_CLIENT_SECRET);
        try (Connection c = h.connect(h.url("AuthMech=11;Auth_Flow=1"), info)) {
            assertThat(h.query(c, "SELECT 2")).isEqualTo(1);
        }
        assertThat(h.proxy.issuedTokens()).as("tokens issued through the proxy").hasSizeGreaterThanOrEqualTo(2);
    }

    private static void browserSignIn(LeakHarness h) throws Exception {
        Path dir = Files.createTempDirectory("sluice-leak-u2m");
        String url = h.url("AuthMech=11;Auth_Flow=2;OAuth2RedirectUrlPort=0;EnableTokenCache=1;TokenCachePassPhrase="
                + h.secret("pass phrase " + randomHex(8)) + ";TokenCacheFile=" + dir.resolve("tokens"));
        try (Connection c = h.connect(url)) {
            assertThat(h.query(c, "SELECT 1")).isEqualTo(1);
            Thread.sleep(OAUTH_TOKEN_TTL_SECONDS * 1000L + 200); // the refresh grant renews the expired token
            assertThat(h.query(c, "SELECT 2")).isEqualTo(1);
        }
        try (Connection c = h.connect(url)) { // the refresh token from the encrypted cache, no browser
            assertThat(h.query(c, "SELECT 3")).isEqualTo(1);
        }
        // the code, at least two access tokens and a refresh token crossed the proxy and are scanned for
        assertThat(h.proxy.issuedTokens()).hasSizeGreaterThanOrEqualTo(4);
    }

    private static void azureServicePrincipal(LeakHarness h) throws Exception {
        try (Connection c = h.connect(azureUrl(h, h.secret(AZURE_SP_SECRET)))) {
            assertThat(h.query(c, "SELECT 1")).isEqualTo(1);
            Thread.sleep(OAUTH_TOKEN_TTL_SECONDS * 1000L + 200); // both Entra ID tokens are renewed
            assertThat(h.query(c, "SELECT 2")).isEqualTo(1);
        }
        String wrong = h.secret("not-the-entra-secret-" + randomHex(8));
        h.fails("a refused Entra ID secret", () -> h.connect(azureUrl(h, wrong)));
        // a Databricks and a management token per lifetime, issued by Entra ID through the proxy
        assertThat(h.proxy.issuedTokens()).hasSizeGreaterThanOrEqualTo(4);
    }

    /** The principal that is not a workspace user, signing in at the warehouse's Entra ID through the proxy. */
    private static String azureUrl(LeakHarness h, String secret) {
        return h.url("AuthMech=11;Auth_Flow=1;AzureTenantId=" + AZURE_TENANT_ID + ";OAuth2ClientId=" + AZURE_SP_CLIENT_ID
                + ";OAuth2Secret=" + secret + ";AzureLoginEndpoint=" + h.proxy.baseUrl() + "/"
                + ";azure_workspace_resource_id=" + AZURE_WORKSPACE_RESOURCE_ID);
    }

    private static void authenticatingProxy(LeakHarness h) throws Exception {
        String password = System.getenv(PROXY_PASSWORD_VARIABLE);
        assertThat(password).as("%s, set by the integration-tests pom", PROXY_PASSWORD_VARIABLE).isNotBlank();
        h.secret(password);
        Path tokenFile = Files.createTempDirectory("sluice-leak-proxy").resolve("token");
        Files.writeString(tokenFile, h.secret(h.warehouse.token()) + "\n");
        try (TestProxy forward = TestProxy.start("leak-user", password)) {
            String proxied = "UseProxy=1;ProxyHost=127.0.0.1;ProxyPort=" + forward.port() + ";ProxyAuth=1;"
                    + "ProxyUID=leak-user;AuthMech=3;UID=token";
            // secret references are resolved from Properties only, never from the URL
            Properties references = new Properties();
            references.setProperty("PWD", "${file:" + tokenFile + "}");
            references.setProperty("ProxyPwd", "${env:" + PROXY_PASSWORD_VARIABLE + "}");
            try (Connection c = h.connect(h.url(proxied), references)) {
                assertThat(h.query(c, "SELECT 1")).isEqualTo(1);
            }
            assertThat(forward.seen()).isNotEmpty().allMatch(TestProxy.Seen::accepted);
            String wrong = h.secret("wrong-proxy-pass-" + randomHex(8));
            Properties wrongPassword = new Properties();
            wrongPassword.setProperty("PWD", "${file:" + tokenFile + "}");
            h.fails("a refused proxy password", () -> h.connect(h.url(proxied + ";ProxyPwd=" + wrong),
                    wrongPassword));
        }
    }

    private static void externalLinks(LeakHarness h) throws Exception {
        try (Connection c = h.connect(h.url("AuthMech=3;UID=token;PWD=" + h.secret(h.warehouse.token())))) {
            assertThat(h.query(c, "SELECT id, concat('row-', id) AS name FROM range(0, 100000)"))
                    .isEqualTo(100_000);
        }
        assertThat(h.proxy.externalLinks()).as("external links seen by the proxy").hasSizeGreaterThanOrEqualTo(2);
        assertThat(h.proxy.responseBodies()).anyMatch(body -> body.contains("LZ4_FRAME"));
    }

    private static void failingStatements(LeakHarness h) throws Exception {
        try (Connection c = h.connect(h.url("AuthMech=3;UID=token;PWD=" + h.secret(h.warehouse.token())))) {
            h.fails("a missing table", () -> h.query(c, "SELECT * FROM sluice_leak_test_missing_table"));
            String value = h.logSecret("parameter-" + randomHex(8));
            try (PreparedStatement ps = c.prepareStatement("SELECT ? AS v")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(value);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS INT)")) {
                ps.setString(1, h.logSecret("not-a-number-" + randomHex(8)));
                h.fails("a failing cast of a parameter", () -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                });
            }
        }
    }

    private static void retries(LeakHarness h) throws Exception {
        RestClient faults = new RestClient(h.warehouse);
        try (Connection c = h.connect(h.url("AuthMech=3;UID=token;PWD=" + h.secret(h.warehouse.token())))) {
            assertThat(faults.post("/sluice/faults", "{\"rules\":[{\"action\":\"error\",\"status\":429,"
                    + "\"retry_after_seconds\":1,\"method\":\"POST\",\"path\":\"/api/2.0/sql/statements/?$\","
                    + "\"count\":1},{\"action\":\"error\",\"status\":503,\"retry_after_seconds\":1,"
                    + "\"path\":\"/sluice/files/\",\"count\":1}]}").status())
                    .isEqualTo(200);
            assertThat(h.query(c, "SELECT id, concat('row-', id) AS name FROM range(0, 100000)"))
                    .isEqualTo(100_000);
        } finally {
            faults.delete("/sluice/faults");
        }
        // both were retried, so their WARN and DEBUG lines are among what is scanned
        assertThat(h.logs().sluice(Level.WARN)).extracting(LogCapture.Line::message)
                .anyMatch(m -> m.startsWith("POST /api/2.0/sql/statements/: HTTP 429"))
                .anyMatch(m -> m.startsWith("GET {external_link}: "));
        assertThat(h.proxy.externalLinks()).as("external links seen by the proxy").isNotEmpty();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
