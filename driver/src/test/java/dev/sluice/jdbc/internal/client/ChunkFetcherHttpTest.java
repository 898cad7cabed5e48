package dev.sluice.jdbc.internal.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sluice.jdbc.internal.resilience.FakeTime;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.resilience.Sleeper;
import dev.sluice.jdbc.internal.resilience.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prefetcher over real HTTP: links without Authorization, refresh after a storage refusal, cancelled downloads. */
class ChunkFetcherHttpTest {
    private static final String TOKEN = "dapi0123456789abcdef0123456789abcdef";
    private static final String STATEMENT = "01ef9de3-4558-1916-bf71-5f936821c39d";
    private static final String CHUNKS = "/api/2.0/sql/statements/" + STATEMENT + "/result/chunks/";

    private WireMockServer server;
    private SeaHttpClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = new SeaHttpClient(new HttpTransport(TransportOptions.builder("127.0.0.1", server.port()).tls(false)
                .auth(AuthHeaderProvider.bearer(TOKEN)).requestTimeout(Duration.ofSeconds(60)).build()),
                new Resilience(FakeTime.everyRow(2, Duration.ofMillis(5)), null, Sleeper.abortable(), System::nanoTime));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private String linkJson(int index, String file, int next) {
        return "{\"chunk_index\":" + index + ",\"row_offset\":" + index * 10 + ",\"row_count\":10,\"byte_count\":"
                + 64 + (next >= 0 ? ",\"next_chunk_index\":" + next + ",\"next_chunk_internal_link\":\"" + CHUNKS + next
                + "\"" : "") + ",\"external_link\":\"http://127.0.0.1:" + server.port() + "/files/" + file
                + "?X-Amz-Signature=sig" + index + "\",\"expiration\":\"" + Instant.now().plusSeconds(900)
                + "\",\"http_headers\":{\"x-amz-server-side-encryption-customer-key\":\"key" + index + "\"}}";
    }

    private static byte[] file(int index) {
        byte[] bytes = new byte[64];
        Arrays.fill(bytes, (byte) (index + 1));
        return bytes;
    }

    private StatementResponse succeeded(int chunkCount) throws IOException {
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < chunkCount; i++) {
            chunks.append(i == 0 ? "" : ",").append("{\"chunk_index\":").append(i).append(",\"row_offset\":")
                    .append(i * 10).append(",\"row_count\":10,\"byte_count\":64}");
        }
        server.stubFor(get("/api/2.0/sql/statements/" + STATEMENT).willReturn(okJson("{\"statement_id\":\"" + STATEMENT
                + "\",\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":\"ARROW_STREAM\",\"schema\":"
                + "{\"column_count\":1,\"columns\":[{\"name\":\"id\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\","
                + "\"position\":0}]},\"total_chunk_count\":" + chunkCount + ",\"chunks\":[" + chunks + "],"
                + "\"total_row_count\":" + chunkCount * 10 + ",\"total_byte_count\":" + chunkCount * 64
                + ",\"truncated\":false,\"result_compression\":\"LZ4_FRAME\"},\"result\":{\"external_links\":["
                + linkJson(0, "0", chunkCount > 1 ? 1 : -1) + "]}}")));
        return client.get(STATEMENT);
    }

    @Test
    void downloadsEveryChunkWithLinkHeadersAndWithoutAuthorization() throws IOException {
        for (int i = 0; i < 3; i++) {
            server.stubFor(get(urlPathEqualTo("/files/" + i)).willReturn(aResponse().withBody(file(i))));
        }
        server.stubFor(get(CHUNKS + 1).willReturn(okJson("{\"external_links\":[" + linkJson(1, "1", 2) + "]}")));
        server.stubFor(get(CHUNKS + 2).willReturn(okJson("{\"external_links\":[" + linkJson(2, "2", -1) + "]}")));
        StatementResponse response = succeeded(3);

        try (ChunkFetcher fetcher = ChunkFetcher.start(client, STATEMENT, response.manifest(), response.result(),
                PrefetchOptions.of(1 << 20, 3))) {
            for (int i = 0; i < 3; i++) {
                ChunkPayload payload = fetcher.next();
                assertThat(payload.chunkIndex()).isEqualTo(i);
                assertThat(payload.bytes()).containsExactly(file(i));
                assertThat(payload.lz4Framed()).isTrue();
                assertThat(payload.rowOffset()).isEqualTo(i * 10L);
            }
            assertThat(fetcher.next()).isNull();
        }

        for (int i = 0; i < 3; i++) {
            server.verify(1, getRequestedFor(urlEqualTo("/files/" + i + "?X-Amz-Signature=sig" + i))
                    .withoutHeader("Authorization")
                    .withoutHeader("Content-Type")
                    .withHeader("x-amz-server-side-encryption-customer-key", equalTo("key" + i)));
        }
        for (int i = 1; i < 3; i++) {
            server.verify(1, getRequestedFor(urlEqualTo(CHUNKS + i))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }
    }

    @Test
    void aLinkRefusedByStorageIsReplacedThroughTheChunkEndpoint() throws IOException {
        server.stubFor(get(urlPathEqualTo("/files/0")).willReturn(aResponse().withBody(file(0))));
        server.stubFor(get(urlPathEqualTo("/files/1-old")).willReturn(aResponse().withStatus(403)
                .withBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")));
        server.stubFor(get(urlPathEqualTo("/files/1-new")).willReturn(aResponse().withBody(file(1))));
        server.stubFor(get(CHUNKS + 1).inScenario("refresh").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"external_links\":[" + linkJson(1, "1-old", -1) + "]}"))
                .willSetStateTo("refreshed"));
        server.stubFor(get(CHUNKS + 1).inScenario("refresh").whenScenarioStateIs("refreshed")
                .willReturn(okJson("{\"external_links\":[" + linkJson(1, "1-new", -1) + "]}")));
        StatementResponse response = succeeded(2);

        try (ChunkFetcher fetcher = ChunkFetcher.start(client, STATEMENT, response.manifest(), response.result(),
                PrefetchOptions.of(1 << 20, 2))) {
            assertThat(fetcher.next().bytes()).containsExactly(file(0));
            assertThat(fetcher.next().bytes()).containsExactly(file(1));
            assertThat(fetcher.next()).isNull();
        }

        server.verify(2, getRequestedFor(urlEqualTo(CHUNKS + 1)));
        server.verify(1, getRequestedFor(urlPathEqualTo("/files/1-old")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/files/1-new")));
    }

    /**
     * Storage answers the headers and then stalls in the body: each stalled read ends at ChunkFetchTimeout and is
     * retried as the InternalError row says (no response in time), and the last one fails as a timeout naming the
     * setting. A read timeout is an InterruptedIOException in the JDK, and used to be taken for an interrupt.
     */
    @Test
    void aStalledDownloadIsRetriedThenFailsAsATimeoutNamingChunkFetchTimeout() throws Exception {
        server.stubFor(get(urlPathEqualTo("/files/0")).willReturn(aResponse().withBody(new byte[4096])
                .withChunkedDribbleDelay(2, 20_000)));
        SeaHttpClient stalling = new SeaHttpClient(new HttpTransport(TransportOptions.builder("127.0.0.1",
                server.port()).tls(false).auth(AuthHeaderProvider.bearer(TOKEN)).build()),
                new Resilience(FakeTime.everyRow(3, Duration.ofMillis(5)), null, Sleeper.abortable(), System::nanoTime),
                new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ZERO, Duration.ofMillis(300)));
        ExternalLink link = SeaJson.readResultData(("{\"external_links\":[" + linkJson(0, "0", -1) + "]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).externalLinks().get(0);
        try (stalling) {
            assertThatThrownBy(() -> stalling.download(link))
                    .isInstanceOf(ResponseTimeoutException.class)
                    .hasMessageContaining("ChunkFetchTimeout")
                    .hasMessageContaining("300 ms");
        }
        server.verify(3, getRequestedFor(urlPathEqualTo("/files/0")));
    }

    @Test
    void closeAbortsAnHttpDownloadInFlight() throws Exception {
        server.stubFor(get(urlPathEqualTo("/files/0")).willReturn(aResponse().withBody(file(0))
                .withFixedDelay(30_000)));
        StatementResponse response = succeeded(1);
        ChunkFetcher fetcher = ChunkFetcher.start(client, STATEMENT, response.manifest(), response.result(),
                PrefetchOptions.of(1 << 20, 1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getUrl().startsWith("/files/0"))) {
            assertThat(System.nanoTime()).as("download started").isLessThan(deadline);
            Thread.sleep(10);
        }

        fetcher.close();

        assertThat(fetcher.awaitTermination(Duration.ofSeconds(10)))
                .as("the download thread ended long before the 30 s response").isTrue();
    }
}
