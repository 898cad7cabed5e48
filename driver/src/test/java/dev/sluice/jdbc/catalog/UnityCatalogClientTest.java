package dev.sluice.jdbc.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Unity Catalog client through a real connection's workspace, against WireMock: the exact requests it sends,
 * how it pages, what it reads from a Databricks-shaped TableInfo, and how it keeps vended secrets to itself.
 */
class UnityCatalogClientTest {
    private static final String TOKEN = "dapi-catalog-test-token";
    private static final String UC = "/api/2.1/unity-catalog/";

    private WireMockServer server;
    private Connection connection;
    private UnityCatalog catalog;

    @BeforeEach
    void start() throws SQLException {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/2.0/sql/sessions/")).willReturn(okJson("{\"session_id\":\"s1\"}")));
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        connection = DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=" + TOKEN + ";httpPath=/sql/1.0/warehouses/wh1");
        catalog = connection.unwrap(SluiceWorkspace.class).catalog();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        server.stop();
    }

    @Test
    void tablesArePagedLazilyWithMaxResultsAndTheServersTokens() throws Exception {
        String list = UC + "tables";
        server.stubFor(get(urlPathEqualTo(list)).withQueryParam("page_token", equalTo("p2"))
                .willReturn(okJson("{\"tables\":[],\"next_page_token\":\"p3\"}")));
        server.stubFor(get(urlPathEqualTo(list)).withQueryParam("page_token", equalTo("p3"))
                .willReturn(okJson("{\"tables\":[{\"name\":\"c\",\"catalog_name\":\"main\",\"schema_name\":\"s\"}]}")));
        server.stubFor(get(urlPathEqualTo(list)).withQueryParam("max_results", equalTo("2"))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"tables\":[{\"name\":\"a\",\"full_name\":\"main.s.a\"},{\"name\":\"b\","
                        + "\"full_name\":\"main.s.b\"}],\"next_page_token\":\"p2\"}")));

        Stream<TableInfo> tables = catalog.withPageSize(2).listTables("main", "s");
        // the first page is read by the call itself, the others only as the stream reaches them
        assertThat(requests(list)).hasSize(1);
        Iterator<TableInfo> it = tables.iterator();
        assertThat(it.next().fullName()).isEqualTo("main.s.a");
        assertThat(it.next().fullName()).isEqualTo("main.s.b");
        assertThat(requests(list)).hasSize(1);
        // an empty page with a token is skipped; a missing full_name is built from the parts
        assertThat(it.next().fullName()).isEqualTo("main.s.c");
        assertThat(it.hasNext()).isFalse();
        List<LoggedRequest> sent = requests(list);
        assertThat(sent).hasSize(3);
        for (LoggedRequest r : sent) {
            assertThat(r.queryParameter("catalog_name").firstValue()).isEqualTo("main");
            assertThat(r.queryParameter("schema_name").firstValue()).isEqualTo("s");
            assertThat(r.queryParameter("max_results").firstValue()).isEqualTo("2");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        }
        assertThatThrownBy(() -> catalog.withPageSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingSchemaFailsTheCallWithTheServersCodeAndALaterPageFailsTheStream() throws Exception {
        server.stubFor(get(urlPathEqualTo(UC + "tables")).withQueryParam("schema_name", equalTo("gone"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"SCHEMA_DOES_NOT_EXIST\",\"message\":\"Schema 'main.gone' does"
                                + " not exist.\"}")));
        assertThatThrownBy(() -> catalog.listTables("main", "gone"))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("SCHEMA_DOES_NOT_EXIST");
                    assertThat(e.serverMessage()).isEqualTo("Schema 'main.gone' does not exist.");
                });

        server.stubFor(get(urlPathEqualTo(UC + "schemas")).withQueryParam("page_token", equalTo("next"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"no\"}")));
        server.stubFor(get(urlPathEqualTo(UC + "schemas")).withQueryParam("page_token",
                        com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"schemas\":[{\"name\":\"a\"}],\"next_page_token\":\"next\"}")));
        Stream<SchemaInfo> schemas = catalog.listSchemas("main");
        assertThatThrownBy(() -> schemas.collect(Collectors.toList()))
                .isInstanceOf(UncheckedIOException.class)
                .cause().isInstanceOfSatisfying(WorkspaceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("PERMISSION_DENIED"));
        assertThatThrownBy(() -> catalog.listSchemas(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getTableReadsColumnsConstraintsAndTimes() throws Exception {
        server.stubFor(get(urlPathEqualTo(UC + "tables/main.fs.user%20features")).willReturn(okJson("""
                {"name":"user features","catalog_name":"main","schema_name":"fs","full_name":"main.fs.user features",
                 "table_type":"MANAGED","data_source_format":"DELTA","storage_location":"s3://b/t","owner":"ops",
                 "comment":"features","properties":{"delta.minReaderVersion":"3","team":"ml"},
                 "created_at":1733300000000,"updated_at":1733300001000,"table_id":"7c1e-aa",
                 "columns":[
                   {"name":"ts","type_text":"timestamp","type_name":"TIMESTAMP","position":1,"nullable":false},
                   {"name":"user_id","type_text":"bigint","type_name":"LONG","position":0,"nullable":false,
                    "comment":"key","partition_index":0},
                   {"name":"spend","type_text":"decimal(10,2)","type_name":"DECIMAL","type_precision":10,
                    "type_scale":2,"position":2}],
                 "table_constraints":[
                   {"primary_key_constraint":{"name":"pk","child_columns":["user_id","ts"],
                                              "timeseries_columns":["ts"]}},
                   {"foreign_key_constraint":{"name":"fk","child_columns":["user_id"],
                                              "parent_table":"main.crm.users","parent_columns":["id"]}},
                   {"named_table_constraint":{"name":"other"}}]}""")));
        TableInfo t = catalog.getTable("main.fs.user features");
        assertThat(t.columns()).extracting(ColumnInfo::name).containsExactly("user_id", "ts", "spend");
        ColumnInfo spend = t.column("SPEND").orElseThrow();
        assertThat(spend.precision()).isEqualTo(10);
        assertThat(spend.scale()).isEqualTo(2);
        assertThat(spend.nullable()).isTrue();
        assertThat(spend.isPartition()).isFalse();
        assertThat(t.column("ts").orElseThrow().nullable()).isFalse();
        assertThat(t.partitionColumns()).containsExactly("user_id");
        assertThat(t.primaryKey()).contains(new TableConstraint.PrimaryKey("pk", List.of("user_id", "ts"),
                List.of("ts")));
        assertThat(t.foreignKeys()).containsExactly(new TableConstraint.ForeignKey("fk", List.of("user_id"),
                "main.crm.users", List.of("id")));
        assertThat(t.constraints()).contains(new TableConstraint.Named("other"));
        assertThat(t.properties()).containsEntry("team", "ml");
        assertThat(t.createdAt()).isEqualTo(Instant.ofEpochMilli(1733300000000L));
        assertThat(t.updatedAt()).isEqualTo(Instant.ofEpochMilli(1733300001000L));
        assertThat(t.tableId()).isEqualTo("7c1e-aa");
        assertThat(t.isView()).isFalse();

        server.stubFor(get(urlPathEqualTo(UC + "tables/main.fs.t/exists")).willReturn(okJson("{\"table_exists\":true}")));
        assertThat(catalog.tableExists("main.fs.t")).isTrue();
    }

    @Test
    void vendedSecretsStayOutOfToStringAndA404PathFallsBackTo20() throws Exception {
        server.stubFor(post(urlPathEqualTo("/api/2.1/unity-catalog/temporary-table-credentials"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"No API found\"}")));
        server.stubFor(post(urlPathEqualTo("/api/2.0/unity-catalog/temporary-table-credentials"))
                .withRequestBody(equalToJson("{\"table_id\":\"t-1\",\"operation\":\"READ\"}"))
                .willReturn(okJson("{\"aws_temp_credentials\":{\"access_key_id\":\"AKIA-visible-id\","
                        + "\"secret_access_key\":\"very-secret-key\",\"session_token\":\"very-secret-session\"},"
                        + "\"expiration_time\":4102444800000,\"url\":\"s3://bucket/tables/t1\"}")));
        TemporaryCredentials c = catalog.temporaryTableCredentials("t-1", TableOperation.READ);
        assertThat(c.kind()).isEqualTo(TemporaryCredentials.Kind.AWS);
        assertThat(c.url()).isEqualTo("s3://bucket/tables/t1");
        assertThat(c.secret("secret_access_key")).contains("very-secret-key");
        assertThat(c.secret("session_token")).contains("very-secret-session");
        assertThat(c.expirationTime()).isEqualTo(Instant.ofEpochMilli(4102444800000L));
        assertThat(c.expiresWithin(Duration.ofMinutes(5), Instant.ofEpochMilli(4102444800000L - 60_000))).isTrue();
        assertThat(c.expiresWithin(Duration.ofMinutes(5), Instant.ofEpochMilli(4102444800000L - 600_000))).isFalse();
        assertThat(c.toString()).contains("AWS", "s3://bucket/tables/t1")
                .doesNotContain("very-secret-key", "very-secret-session", "AKIA-visible-id");

        // the client remembers that this server speaks 2.0 only
        catalog.temporaryTableCredentials("t-1", TableOperation.READ);
        server.verify(1, postRequestedFor(urlPathEqualTo("/api/2.1/unity-catalog/temporary-table-credentials")));
        server.verify(2, postRequestedFor(urlPathEqualTo("/api/2.0/unity-catalog/temporary-table-credentials")));
    }

    @Test
    void aRefusalOn21IsNotRetriedOn20() {
        server.stubFor(post(urlPathEqualTo("/api/2.1/unity-catalog/temporary-table-credentials"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Table with id t-2 cannot"
                                + " be written from outside of Databricks Compute Environment\"}")));
        assertThatThrownBy(() -> catalog.temporaryTableCredentials("t-2", TableOperation.READ_WRITE))
                .isInstanceOfSatisfying(WorkspaceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE"));
        server.verify(0, postRequestedFor(urlPathEqualTo("/api/2.0/unity-catalog/temporary-table-credentials")));
    }

    private List<LoggedRequest> requests(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }
}
