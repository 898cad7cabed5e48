package dev.sluice.jdbc.internal.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sluice.jdbc.internal.resilience.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the client sends (paths, bodies, headers) and how it reads answers, against WireMock. */
class SeaHttpClientTest {
    private static final String TOKEN = "dapi0123456789abcdef0123456789abcdef";
    private static final String STATEMENTS = "/api/2.0/sql/statements/";

    private WireMockServer server;
    private SeaHttpClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = newClient(AuthHeaderProvider.bearer(TOKEN));
    }

    private SeaHttpClient newClient(AuthHeaderProvider auth) {
        HttpTransport transport = new HttpTransport(TransportOptions.builder("127.0.0.1", server.port())
                .tls(false)
                .auth(auth)
                .userAgentEntry("MyTool/2.1")
                .extraHeaders(Map.of("X-Databricks-Org-Id", "42"))
                .requestTimeout(Duration.ofSeconds(20))
                .build());
        return new SeaHttpClient(transport, new FakeTime().resilience(FakeTime.everyRow(1, Duration.ZERO)));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void createSessionSendsBodyAndApiHeaders() throws IOException {
        server.stubFor(post("/api/2.0/sql/sessions/").willReturn(okJson("{\"session_id\":\"01ef9de4-936a\"}")));

        String sessionId = client.createSession("wh1", "main", "default", Map.of("ansi_mode", "true"));

        assertThat(sessionId).isEqualTo("01ef9de4-936a");
        server.verify(1, postRequestedFor(urlEqualTo("/api/2.0/sql/sessions/"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", matching("Sluice/\\S+ \\(Java \\d+; [^)]+\\) MyTool/2\\.1"))
                .withHeader("X-Databricks-Org-Id", equalTo("42"))
                .withRequestBody(equalTo("{\"warehouse_id\":\"wh1\",\"catalog\":\"main\",\"schema\":\"default\","
                        + "\"session_confs\":{\"ansi_mode\":\"true\"}}")));
    }

    @Test
    void deleteSessionUsesTheQueryParameterAndToleratesGone() throws IOException {
        server.stubFor(delete("/api/2.0/sql/sessions/s-1?warehouse_id=wh1").willReturn(okJson("{}")));
        server.stubFor(delete("/api/2.0/sql/sessions/s-2?warehouse_id=wh1").willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"NOT_FOUND\",\"message\":\"no session\"}")));

        client.deleteSession("wh1", "s-1");
        client.deleteSession("wh1", "s-2");

        server.verify(deleteRequestedFor(urlEqualTo("/api/2.0/sql/sessions/s-1?warehouse_id=wh1"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withoutHeader("Content-Type"));
        server.verify(1, deleteRequestedFor(urlEqualTo("/api/2.0/sql/sessions/s-2?warehouse_id=wh1")));
    }

    @Test
    void executePostsTheExactBodyAndReadsTheResponse() throws IOException {
        server.stubFor(post(STATEMENTS).willReturn(okJson("{\"statement_id\":\"st-1\",\"status\":{\"state\":"
                + "\"SUCCEEDED\"},\"manifest\":{\"format\":\"JSON_ARRAY\",\"schema\":{\"column_count\":1,\"columns\":"
                + "[{\"name\":\"x\",\"type_text\":\"INT\",\"type_name\":\"INT\",\"position\":0}]},"
                + "\"total_chunk_count\":1,\"chunks\":[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":1}],"
                + "\"total_row_count\":1,\"truncated\":false},\"result\":{\"chunk_index\":0,\"row_offset\":0,"
                + "\"row_count\":1,\"data_array\":[[\"7\"]]}}")));

        StatementResponse response = client.execute(StatementRequest.builder("SELECT ?", "wh1")
                .sessionId("s-1")
                .parameters(List.of(StatementParameter.positional(1, "INT", "7")))
                .disposition(StatementRequest.Disposition.INLINE)
                .format(ResultFormat.JSON_ARRAY)
                .resultCompression(ResultCompression.NONE)
                .build());

        assertThat(response.state()).isEqualTo(StatementState.SUCCEEDED);
        assertThat(response.result().dataArray().get(0)).containsExactly("7");
        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo("{\"statement\":\"SELECT ?\",\"warehouse_id\":\"wh1\",\"session_id\":\"s-1\","
                        + "\"parameters\":[{\"ordinal\":1,\"type\":\"INT\",\"value\":\"7\"}],\"disposition\":\"INLINE\","
                        + "\"format\":\"JSON_ARRAY\",\"result_compression\":\"NONE\"}")));
    }

    @Test
    void getPollsAndReportsAGoneStatement() throws IOException {
        server.stubFor(get(STATEMENTS + "st-1").willReturn(okJson("{\"statement_id\":\"st-1\",\"status\":"
                + "{\"state\":\"RUNNING\"}}")));
        server.stubFor(get(STATEMENTS + "st-old").willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"not found\"}")));

        assertThat(client.get("st-1").state()).isEqualTo(StatementState.RUNNING);
        assertThatThrownBy(() -> client.get("st-old")).isInstanceOf(StatementGoneException.class)
                .hasMessageContaining("st-old").hasMessageContaining("RESOURCE_DOES_NOT_EXIST")
                .hasMessageContaining("GET /api/2.0/sql/statements/{statement_id}");
        server.verify(getRequestedFor(urlEqualTo(STATEMENTS + "st-1")).withoutHeader("Content-Type")
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void idsAreEncodedAsOnePathSegment() throws IOException {
        server.stubFor(get(urlPathEqualTo(STATEMENTS + "a%2Fb%20c")).willReturn(okJson(
                "{\"statement_id\":\"a/b c\",\"status\":{\"state\":\"PENDING\"}}")));
        assertThat(client.get("a/b c").statementId()).isEqualTo("a/b c");
    }

    @Test
    void cancelPostsAnEmptyObjectAndCloseDeletes() throws IOException {
        server.stubFor(post(STATEMENTS + "st-1/cancel").willReturn(okJson("{}")));
        server.stubFor(delete(STATEMENTS + "st-1").willReturn(okJson("{}")));
        server.stubFor(delete(STATEMENTS + "st-gone").willReturn(aResponse().withStatus(404)));

        client.cancel("st-1");
        client.close("st-1");
        client.close("st-gone");

        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS + "st-1/cancel"))
                .withHeader("Content-Type", equalTo("application/json")).withRequestBody(equalTo("{}")));
        server.verify(1, deleteRequestedFor(urlEqualTo(STATEMENTS + "st-1"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void chunkReturnsFreshLinks() throws IOException {
        server.stubFor(get(STATEMENTS + "st-1/result/chunks/3").willReturn(okJson("{\"external_links\":[{"
                + "\"chunk_index\":3,\"row_offset\":300,\"row_count\":100,\"byte_count\":4096,\"external_link\":"
                + "\"https://storage.example/r/3?sig=x\",\"expiration\":\"2030-01-01T00:00:00Z\"}]}")));

        ResultData data = client.chunk("st-1", 3);

        assertThat(data.externalLinks()).singleElement().satisfies(link -> {
            assertThat(link.chunkIndex()).isEqualTo(3);
            assertThat(link.rowOffset()).isEqualTo(300);
            assertThat(link.expiration()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        });
        server.verify(getRequestedFor(urlEqualTo(STATEMENTS + "st-1/result/chunks/3"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void downloadSendsNoAuthorizationNorJsonHeadersButTheLinkHeaders() throws IOException {
        byte[] payload = {1, 2, 3, 4, 5};
        server.stubFor(get(urlPathEqualTo("/files/chunk-0")).willReturn(aResponse().withStatus(200).withBody(payload)));
        ExternalLink link = new ExternalLink(0, 0, 5, 5,
                "http://127.0.0.1:" + server.port() + "/files/chunk-0?X-Amz-Signature=s3cr3t",
                Instant.now().plusSeconds(900), Map.of("x-amz-server-side-encryption-customer-key", "k3y"), -1);

        assertThat(client.download(link)).containsExactly(payload);

        server.verify(1, getRequestedFor(urlEqualTo("/files/chunk-0?X-Amz-Signature=s3cr3t"))
                .withoutHeader("Authorization")
                .withoutHeader("Content-Type")
                .withoutHeader("X-Databricks-Org-Id")
                .withHeader("Accept", equalTo("*/*"))
                .withHeader("x-amz-server-side-encryption-customer-key", equalTo("k3y"))
                .withHeader("User-Agent", matching("Sluice/.*")));
    }

    @Test
    void downloadFailureNamesNoUrl() {
        server.stubFor(get(urlPathEqualTo("/files/chunk-1")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message>"
                        + "<StringToSign>AWS4-HMAC-SHA256 s3cr3t</StringToSign></Error>")));
        ExternalLink link = new ExternalLink(1, 0, 5, 5,
                "http://127.0.0.1:" + server.port() + "/files/chunk-1?X-Amz-Signature=s3cr3t", null, Map.of(), -1);

        assertThatThrownBy(() -> client.download(link)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.errorCode()).isEqualTo("AccessDenied");
            assertThat(e.pathTemplate()).isEqualTo("{external_link}");
            assertThat(e.getMessage()).isEqualTo("HTTP 403 AccessDenied on GET {external_link}: Request has expired")
                    .doesNotContain("s3cr3t").doesNotContain("/files/");
        });
    }

    @Test
    void malformedLinkUrlIsNotEchoed() {
        ExternalLink link = new ExternalLink(2, 0, 1, 1, "https://h/p?sig=s3cr3t value with spaces", null, Map.of(),
                -1);
        assertThatThrownBy(() -> client.download(link)).isInstanceOf(IOException.class)
                .hasMessageContaining("chunk 2").satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void unauthorizedWithIntegerCodeIsNotRepeatedForAFixedToken() {
        server.stubFor(post("/api/2.0/sql/sessions/").willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"DatabricksRealm\"")
                .withBody("{\"error_code\":401,\"message\":\"Credential was not sent or was of an unsupported type for "
                        + "this API.\"}")));

        assertThatThrownBy(() -> client.createSession("wh1", null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("401");
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
        server.verify(1, postRequestedFor(urlEqualTo("/api/2.0/sql/sessions/")));
    }

    @Test
    void unauthorizedIsRepeatedOnceWhenTheProviderHasFreshCredentials() throws IOException {
        AtomicReference<String> token = new AtomicReference<>("old-token");
        AuthHeaderProvider refreshing = new AuthHeaderProvider() {
            @Override
            public String authorization() {
                return "Bearer " + token.get();
            }

            @Override
            public boolean onUnauthorized() {
                return token.compareAndSet("old-token", "new-token");
            }
        };
        server.stubFor(get(STATEMENTS + "st-1").withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error_code\":401,\"message\":\"expired\"}")));
        server.stubFor(get(STATEMENTS + "st-1").withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(okJson("{\"statement_id\":\"st-1\",\"status\":{\"state\":\"RUNNING\"}}")));
        try (SeaHttpClient refreshingClient = newClient(refreshing)) {
            assertThat(refreshingClient.get("st-1").state()).isEqualTo(StatementState.RUNNING);
        }
        server.verify(2, getRequestedFor(urlEqualTo(STATEMENTS + "st-1")));
    }

    @Test
    void everyErrorBodyShapeReachesTheException() {
        server.stubFor(get(STATEMENTS + "json").willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad id\"}")));
        server.stubFor(get(STATEMENTS + "html").willReturn(aResponse().withStatus(400)
                .withBody("<html><body><pre>MALFORMED_REQUEST: nope</pre></body></html>")));
        server.stubFor(get(STATEMENTS + "empty").willReturn(aResponse().withStatus(405)));

        assertThatThrownBy(() -> client.get("json")).hasMessage(
                "HTTP 400 INVALID_PARAMETER_VALUE on GET /api/2.0/sql/statements/{statement_id}: bad id");
        assertThatThrownBy(() -> client.get("html")).hasMessage(
                "HTTP 400 MALFORMED_REQUEST on GET /api/2.0/sql/statements/{statement_id}: nope");
        assertThatThrownBy(() -> client.get("empty")).hasMessage(
                "HTTP 405 on GET /api/2.0/sql/statements/{statement_id}: Method Not Allowed");
    }

    @Test
    void closedClientRefusesRequests() {
        client.close();
        assertThatThrownBy(() -> client.get("st-1")).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
