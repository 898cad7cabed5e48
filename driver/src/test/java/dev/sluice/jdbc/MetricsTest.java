package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Compression;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.SqlError;
import dev.sluice.testing.sea.StatementScript;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's Micrometer metrics, scraped as Prometheus renders them: the names of the issue, the labels of
 * OBSERVABILITY.md, values that follow what the scripted server did.
 */
class MetricsTest {
    private ScriptedWarehouse server;
    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() {
        server = ScriptedWarehouse.start();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SluiceTelemetry.useMeterRegistry(registry);
    }

    @AfterEach
    void stop() {
        SluiceTelemetry.useMeterRegistry(null);
        registry.close();
        server.close();
    }

    private Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("wh1") + extra);
    }

    @Test
    void queriesRowsAndApiRequestsHaveThePrometheusNamesAndBoundedLabels() throws SQLException {
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(Column.list("id BIGINT", "name STRING", "value DOUBLE"), chunks(3))
                        .withCompression(Compression.LZ4_FRAME)));
        server.script(StatementScript.forSql("INSERT INTO t VALUES (1)").succeeds(Result.inserted(1, 1)));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT big")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertThat(n).isEqualTo(3000);
            }
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1)")).isEqualTo(1);
        }
        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("databricks_sql_queries_total{statement_type=\"select\",status=\"succeeded\"} 1")
                .contains("databricks_sql_queries_total{statement_type=\"insert\",status=\"succeeded\"} 1")
                .contains("databricks_sql_query_duration_seconds_count{statement_type=\"select\",status=\"succeeded\"} 1")
                .contains("databricks_sql_rows_returned_sum{statement_type=\"select\"} 3000")
                .contains("databricks_sql_rows_returned_count{statement_type=\"select\"} 1")
                .contains("databricks_api_requests_total{endpoint=\"/api/2.0/sql/statements/\",method=\"POST\","
                        + "status_code=\"200\"} 2")
                .contains("databricks_api_requests_total{endpoint=\"/api/2.0/sql/sessions/\",method=\"POST\","
                        + "status_code=\"200\"} 1")
                .contains("databricks_api_requests_total{endpoint=\"/api/2.0/sql/sessions/{session_id}\","
                        + "method=\"DELETE\",status_code=\"200\"} 1");
        // no statement text, no ids in any label
        assertThat(scrape).doesNotContain("SELECT big").doesNotContain(server.statementIds().get(0))
                .doesNotContain(server.createdSessionIds().get(0)).doesNotContain("wh1");
        // rows of a DML count are not rows returned
        assertThat(scrape).doesNotContain("databricks_sql_rows_returned_count{statement_type=\"insert\"}");
    }

    @Test
    void failuresCountByStatusAndSqlStateClass() throws SQLException {
        server.script(StatementScript.forSql("SELEC 1").fails(SqlError.of("PARSE_SYNTAX_ERROR",
                "Syntax error at or near 'SELEC'.", "42601")));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEC 1")).isInstanceOf(SQLSyntaxErrorException.class);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("wh1", "not-the-token")))
                .isInstanceOf(SQLException.class);
        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("databricks_sql_queries_total{statement_type=\"other\",status=\"failed\"} 1")
                .contains("databricks_errors_total{operation=\"execute\",sqlstate_class=\"42\"} 1")
                .contains("databricks_errors_total{operation=\"connect\",sqlstate_class=\"28\"} 1")
                .contains("databricks_api_requests_total{endpoint=\"/api/2.0/sql/sessions/\",method=\"POST\","
                        + "status_code=\"403\"} 1");
    }

    @Test
    void failuresTheDriverHandlesItselfAreNotErrors() throws SQLException {
        // no script for SELECT version(): the server refuses it, and the metadata answers its fallback
        try (Connection c = connect("")) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).isNotNull();
        }
        String scrape = registry.scrape();

        assertThat(scrape).contains("databricks_sql_queries_total{statement_type=\"select\",status=\"failed\"} 1")
                .doesNotContain("databricks_errors_total{");
    }

    @Test
    void aRateLimitedSubmissionCountsTheRateLimitAndBothExchanges() throws SQLException {
        server.script(StatementScript.forSql("SELECT 2").succeeds(Result.jsonRows(Column.list("2 INT"),
                List.of(Result.row("2")))));
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.tooManyRequests(1));
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
            assertThat(rs.next()).isTrue();
        }
        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("databricks_rate_limits_total{endpoint=\"/api/2.0/sql/statements/\",method=\"POST\"} 1")
                .contains("databricks_api_requests_total{endpoint=\"/api/2.0/sql/statements/\",method=\"POST\","
                        + "status_code=\"429\"} 1")
                .contains("databricks_api_requests_total{endpoint=\"/api/2.0/sql/statements/\",method=\"POST\","
                        + "status_code=\"200\"} 1")
                .contains("databricks_retries_total{call=\"statement_submit\",reason=\"rate_limited\"} 1")
                .contains("databricks_sql_queries_total{statement_type=\"select\",status=\"succeeded\"} 1")
                .doesNotContain("databricks_errors_total{");
    }

    @Test
    void eachRetryIsCountedOnceAndACallThatGivesUpCountsNoRetryForItsLastFailure() throws SQLException {
        String insert = "INSERT INTO t VALUES (1)";
        server.script(StatementScript.forSql(insert).succeeds(Result.inserted(1, 1)));
        server.script(StatementScript.forSql(insert).times(2).fails(SqlError.of("DELTA_CONCURRENT_APPEND.WITHOUT_HINT",
                "Transaction conflict detected.", "2D521")));
        server.script(StatementScript.forSql("SELECT 503").succeeds(Result.jsonRows(Column.list("x INT"),
                List.of(Result.row("1")))));
        try (Connection c = connect(";ConcurrentModificationRetryBackoff=1;TemporarilyUnavailableRetryBackoff=1"
                + ";TemporarilyUnavailableRetryAttempts=2"); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(insert)).isEqualTo(1);
            server.on(Endpoint.EXECUTE_STATEMENT).times(2).reply(HttpReply.unavailable(0));
            assertThatThrownBy(() -> s.executeQuery("SELECT 503")).isInstanceOf(SQLException.class);
        }
        String scrape = registry.scrape();

        // two runs lost the conflict and were run again: two retries, one successful query, no error
        assertThat(scrape)
                .contains("databricks_retries_total{call=\"statement_rerun\",reason=\"concurrent_modification\"} 2")
                .contains("databricks_sql_queries_total{statement_type=\"insert\",status=\"succeeded\"} 1")
                .doesNotContain("databricks_errors_total{operation=\"execute\",sqlstate_class=\"2D\"}");
        // two 503 answers, one retry between them, then one error for the application
        assertThat(scrape)
                .contains("databricks_api_requests_total{endpoint=\"/api/2.0/sql/statements/\",method=\"POST\","
                        + "status_code=\"503\"} 2")
                .contains("databricks_retries_total{call=\"statement_submit\",reason=\"service_unavailable\"} 1")
                .containsPattern("databricks_errors_total\\{operation=\"execute\",sqlstate_class=\"[0-9A-Z]{2}\"} 1");
    }

    @Test
    void aRegistryOfAnotherTypeIsRefusedAndNullRestoresTheGlobalRegistry() throws SQLException {
        assertThatThrownBy(() -> SluiceTelemetry.useMeterRegistry("not a registry"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MeterRegistry");

        SimpleMeterRegistry global = new SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(global);
        try {
            SluiceTelemetry.useMeterRegistry(null);
            server.script(StatementScript.forSql("SELECT 1").succeeds(Result.jsonRows(Column.list("1 INT"),
                    List.of(Result.row("1")))));
            try (Connection c = connect(""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            // other tests may have left meters of other series in the global composite: name the series exactly
            assertThat(global.get("databricks.sql.queries").tags("statement_type", "select", "status", "succeeded")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.scrape()).doesNotContain("databricks_sql_queries_total");
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(global);
        }
    }

    @Test
    void tokenRequestsAreCountedAsApiRequestsWithoutTheirBodiesOrTheTenant() throws SQLException {
        String tenant = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        WireMockServer oauth = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        oauth.start();
        try {
            oauth.stubFor(WireMock.post("/oidc/v1/token").willReturn(WireMock.okJson("{\"access_token\":\""
                    + ScriptedWarehouse.DEFAULT_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
            oauth.stubFor(WireMock.post("/" + tenant + "/oauth2/token").willReturn(WireMock.aResponse().withStatus(401)
                    .withBody("{\"error\":\"invalid_client\"}")));
            String base = "http://127.0.0.1:" + oauth.port();
            try (Connection c = connect(";AuthMech=11;Auth_Flow=1;OAuth2ClientId=sp;OAuth2Secret=s3cret;"
                    + "OAuth2TokenEndpoint=" + base + "/oidc/v1/token")) {
                // the session was opened with the token the endpoint issued: the warehouse accepts no other
                assertThat(server.createdSessionIds()).hasSize(1);
            }
            assertThatThrownBy(() -> connect(";AuthMech=11;Auth_Flow=1;OAuth2ClientId=sp;OAuth2Secret=s3cret;"
                    + "AzureTenantId=" + tenant + ";AzureLoginEndpoint=" + base + "/"))
                    .isInstanceOf(SQLException.class);
        } finally {
            oauth.stop();
        }
        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("databricks_api_requests_total{endpoint=\"/oidc/v1/token\",method=\"POST\","
                        + "status_code=\"200\"} 1")
                .contains("databricks_api_requests_total{endpoint=\"/{tenant}/oauth2/token\",method=\"POST\","
                        + "status_code=\"401\"} 1")
                .doesNotContain(tenant);
    }

    private static List<Chunk> chunks(int count) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Chunk.of(1000, SyntheticChunks.chunk(i * 1000L, 1000, 256)));
        }
        return out;
    }
}
