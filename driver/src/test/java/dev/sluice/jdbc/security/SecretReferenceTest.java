package dev.sluice.jdbc.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.JdbcUrl;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.ScriptedWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets given as {@code ${env:NAME}} or {@code ${file:PATH}} through Properties or DataSource setters reach the
 * server as their values; the same references in a URL are refused before anything is read or sent. Every secret
 * property, the new ones included, stays out of getPropertyInfo, getURL and configuration text.
 */
class SecretReferenceTest {
    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();

    @TempDir
    Path dir;

    private String url(String pwd) {
        return urlWithoutPassword() + ";PWD=" + pwd;
    }

    private String urlWithoutPassword() {
        return "jdbc:databricks://127.0.0.1:" + server.port() + "/default;ssl=0;httpPath=/sql/1.0/warehouses/wh1;"
                + "AuthMech=3;UID=token";
    }

    private static Properties password(String pwd) {
        Properties info = new Properties();
        info.setProperty("PWD", pwd);
        return info;
    }

    @Test
    void aPersonalAccessTokenReadFromAFileIsSentAsItsContent() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "dapi-file-token-1\n");
        server.expectToken("dapi-file-token-1");
        try (Connection c = DriverManager.getConnection(urlWithoutPassword(), password("${file:" + file + "}"))) {
            assertThat(c.getMetaData().getURL()).doesNotContain("dapi-file-token-1");
        }
        assertThat(server.requests(Endpoint.CREATE_SESSION)).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer dapi-file-token-1"));
    }

    @Test
    void aPersonalAccessTokenReadFromTheEnvironmentIsSentAsItsValue() throws Exception {
        // the test cannot set a variable of its own process, so it uses one the process has
        Map.Entry<String, String> variable = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && !e.getValue().isBlank()
                        && e.getValue().indexOf('\n') < 0 && e.getValue().indexOf('\r') < 0)
                .findFirst().orElseThrow();
        String expected = variable.getValue().strip();
        server.expectToken(expected);
        try (Connection c = DriverManager.getConnection(urlWithoutPassword(),
                password("${env:" + variable.getKey() + "}"))) {
            assertThat(c.getMetaData().getURL()).doesNotContain(expected);
        }
        assertThat(server.requests(Endpoint.CREATE_SESSION)).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + expected));
    }

    @Test
    void anUnresolvableReferenceIs28000BeforeAnythingIsSent() {
        assertThatThrownBy(() -> DriverManager.getConnection(urlWithoutPassword(),
                password("${env:SLUICE_SURELY_UNSET_42}")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("PWD").contains("SLUICE_SURELY_UNSET_42");
                });
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aFileReferenceInTheUrlIsRefusedWith22023NamingThePropertyAndNothingIsSent() throws Exception {
        Path file = Files.writeString(dir.resolve("id_rsa"), "local-secret-content\n");
        for (String pwd : new String[] {"${file:" + file + "}", " ${env:HOME} "}) {
            assertThatThrownBy(() -> DriverManager.getConnection(url(pwd)).close())
                    .as(pwd)
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22023");
                        assertThat(e.getMessage()).contains("PWD").contains("URL")
                                .doesNotContain(file.toString()).doesNotContain("local-secret-content")
                                .doesNotContain("HOME");
                    });
        }
        // the Properties of the application do not make the URL's reference acceptable: the URL's value wins
        assertThatThrownBy(() -> DriverManager.getConnection(url("${file:" + file + "}"), password("x")).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aDataSourceSetterMayReferenceAFileButItsUrlMayNot() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "dapi-file-token-2\n");
        server.expectToken("dapi-file-token-2");
        SluiceDataSource fromSetter = new SluiceDataSource();
        fromSetter.setUrl(urlWithoutPassword());
        fromSetter.setPWD("${file:" + file + "}");
        try (Connection c = fromSetter.getConnection()) {
            assertThat(c.isClosed()).isFalse();
        }
        SluiceDataSource fromUrl = new SluiceDataSource();
        fromUrl.setUrl(url("${file:" + file + "}"));
        assertThatThrownBy(() -> fromUrl.getConnection().close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"));
        // a setter overrides the URL's value, and then the URL's reference is never looked at
        fromUrl.setPWD("${file:" + file + "}");
        try (Connection c = fromUrl.getConnection()) {
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(server.requests(Endpoint.CREATE_SESSION)).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer dapi-file-token-2"));
    }

    @Test
    void newSecretPropertiesAreRedactedInPropertyInfoUrlAndConfiguration() throws Exception {
        String secrets = ";ProxyPwd=proxy-secret-1;SSLTrustStorePwd=trust-secret-2;CFProxyPwd=cf-secret-3";
        DriverPropertyInfo[] info = new SluiceDriver().getPropertyInfo(url(ScriptedWarehouse.DEFAULT_TOKEN) + secrets,
                new Properties());
        for (DriverPropertyInfo p : info) {
            if (p.name.equals("ProxyPwd") || p.name.equals("SSLTrustStorePwd") || p.name.equals("CFProxyPwd")) {
                assertThat(p.value).as(p.name).isEqualTo("<set>");
            }
            assertThat(String.valueOf(p.value)).doesNotContain("secret-");
        }
        try (Connection c = DriverManager.getConnection(url(ScriptedWarehouse.DEFAULT_TOKEN) + secrets)) {
            assertThat(c.getMetaData().getURL()).contains("ProxyPwd=<redacted>").contains("SSLTrustStorePwd=<redacted>")
                    .contains("CFProxyPwd=<redacted>").doesNotContain("secret-")
                    .doesNotContain(ScriptedWarehouse.DEFAULT_TOKEN);
            assertThat(c.toString()).doesNotContain("secret-");
        }
        assertThat(ConnectionConfig.of(JdbcUrl.parse(url("x") + secrets), null).toString())
                .contains("ProxyPwd=<redacted>").doesNotContain("secret-");
    }
}
