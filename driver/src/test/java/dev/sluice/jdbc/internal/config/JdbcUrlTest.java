package dev.sluice.jdbc.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void parsesTheOfficialForm() throws SQLException {
        JdbcUrl u = JdbcUrl.parse("jdbc:databricks://adb-1.azuredatabricks.net:443/sales;transportMode=http;ssl=1;"
                + "AuthMech=3;httpPath=/sql/1.0/warehouses/abc123;UID=token;PWD=dapi-secret");
        assertThat(u.host()).isEqualTo("adb-1.azuredatabricks.net");
        assertThat(u.port()).isEqualTo(443);
        assertThat(u.schema()).isEqualTo("sales");
        assertThat(u.parameters()).containsEntry("httpPath", "/sql/1.0/warehouses/abc123")
                .containsEntry("PWD", "dapi-secret").containsEntry("transportMode", "http");
    }

    @Test
    void portDefaultsTo443AndKeysAreCaseInsensitive() throws SQLException {
        ConnectionConfig c = ConnectionConfig.of(JdbcUrl.parse(
                "jdbc:databricks://host;HTTPPATH=/sql/1.0/endpoints/e1;pwd=t"), null);
        assertThat(c.port()).isEqualTo(443);
        assertThat(c.warehouseId()).isEqualTo("e1");
        assertThat(ConnectionProperty.PWD.get(c)).isEqualTo("t");
    }

    @Test
    void urlWinsOverPropertiesAndUserPasswordAreUidPwd() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "token");
        info.setProperty("password", "from-properties");
        info.setProperty("ConnCatalog", "props");
        ConnectionConfig c = ConnectionConfig.of(JdbcUrl.parse("jdbc:databricks://h:8443;ConnCatalog=url"), info);
        assertThat(ConnectionProperty.CONN_CATALOG.get(c)).isEqualTo("url");
        assertThat(ConnectionProperty.PWD.get(c)).isEqualTo("from-properties");
        assertThat(ConnectionProperty.UID.get(c)).isEqualTo("token");
        assertThat(c.port()).isEqualTo(8443);
    }

    @Test
    void bracedValuesMayHoldSemicolonsAndIpv6HostsWork() throws SQLException {
        JdbcUrl u = JdbcUrl.parse("jdbc:databricks://[::1]:8080;PWD={a;b=c};ssl=0");
        assertThat(u.host()).isEqualTo("::1");
        assertThat(u.port()).isEqualTo(8080);
        assertThat(u.parameters()).containsEntry("PWD", "a;b=c").containsEntry("ssl", "0");
    }

    @Test
    void headersAndServerSidePropertiesAreSeparated() throws SQLException {
        ConnectionConfig c = ConnectionConfig.of(JdbcUrl.parse(
                "jdbc:databricks://h;http.header.X-Team=data;ssp_ansi_mode=false;TIMEZONE=Europe/Paris;"
                        + "STATEMENT_TIMEOUT=60;SomethingElse=1"), null);
        assertThat(c.httpHeaders()).containsExactly(java.util.Map.entry("X-Team", "data"));
        assertThat(c.sessionConfs()).containsEntry("ansi_mode", "false")
                .containsEntry("TIMEZONE", "Europe/Paris").containsEntry("STATEMENT_TIMEOUT", "60")
                .doesNotContainKey("SomethingElse");
    }

    @Test
    void malformedUrlsAreRefusedWithoutEchoingValues() {
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:databricks://h:99999")).hasMessageContaining("99999");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:databricks://h:abc")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:databricks://h;dapiSECRET"))
                .hasMessageNotContaining("dapiSECRET").hasMessageContaining("offset");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:databricks://;ssl=0")).hasMessageContaining("no host");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mysql://h")).isInstanceOf(SQLException.class);
        assertThat(JdbcUrl.accepts("JDBC:DATABRICKS://h")).isTrue();
        assertThat(JdbcUrl.accepts("jdbc:spark://h")).isFalse();
    }

    @Test
    void httpPathMustNameAWarehouse() throws SQLException {
        ConnectionConfig cluster = ConnectionConfig.of(JdbcUrl.parse(
                "jdbc:databricks://h;httpPath=sql/protocolv1/o/123/0123-456"), null);
        assertThatThrownBy(cluster::warehouseId).hasMessageContaining("cluster")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        ConnectionConfig none = ConnectionConfig.of(JdbcUrl.parse("jdbc:databricks://h"), null);
        assertThatThrownBy(none::warehouseId).hasMessageContaining("httpPath is required");
    }

    @Test
    void toStringRedactsSecretsAndHeaders() throws SQLException {
        ConnectionConfig c = ConnectionConfig.of(JdbcUrl.parse(
                "jdbc:databricks://h;PWD=dapi-top-secret;http.header.X-Key=hidden-value"), null);
        assertThat(c.toString()).doesNotContain("dapi-top-secret").doesNotContain("hidden-value")
                .contains("PWD=<redacted>");
    }
}
