package dev.sluice.jdbc.internal.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options, base URIs, the User-Agent, timeouts, and that no value type prints a secret. */
class HttpTransportTest {
    private static final String TOKEN = "dapi0123456789abcdef0123456789abcdef";

    private static TransportOptions.Builder options(String host) {
        return TransportOptions.builder(host, 443).auth(AuthHeaderProvider.bearer(TOKEN));
    }

    @Test
    void baseUriFollowsTlsAndBracketsIpv6() {
        try (HttpTransport tls = new HttpTransport(options("adb-1.azuredatabricks.net").build());
             HttpTransport plain = new HttpTransport(TransportOptions.builder("127.0.0.1", 8080).tls(false)
                     .auth(AuthHeaderProvider.bearer(TOKEN)).build());
             HttpTransport v6 = new HttpTransport(options("::1").build())) {
            assertThat(tls.baseUri()).hasToString("https://adb-1.azuredatabricks.net:443");
            assertThat(plain.baseUri()).hasToString("http://127.0.0.1:8080");
            assertThat(v6.baseUri()).hasToString("https://[::1]:443");
        }
    }

    @Test
    void userAgentNamesTheDriverAndTheEntry() {
        try (HttpTransport transport = new HttpTransport(options("h").userAgentEntry(" Tableau/2024.1 ").build());
             HttpTransport bare = new HttpTransport(options("h").build())) {
            assertThat(transport.userAgent()).matches("Sluice/\\S+ \\(Java \\d+; [^)]+\\) Tableau/2024\\.1");
            assertThat(bare.userAgent()).matches("Sluice/\\S+ \\(Java \\d+; [^)]+\\)");
        }
    }

    @Test
    void requestTimeoutChangesAtRunTime() {
        try (HttpTransport transport = new HttpTransport(options("h").requestTimeout(Duration.ofSeconds(5)).build())) {
            assertThat(transport.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
            transport.setRequestTimeout(Duration.ZERO);
            assertThat(transport.requestTimeout()).isZero();
            assertThatThrownBy(() -> transport.setRequestTimeout(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void invalidOptionsAreRefusedWithoutEchoingHeaderValues() {
        assertThatThrownBy(() -> options("h").extraHeaders(Map.of("Host", "evil")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("evil"));
        assertThatThrownBy(() -> options("h").extraHeaders(Map.of("X-Key", "s3cr3t\r\nInjected: 1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        assertThatThrownBy(() -> TransportOptions.builder("h", 0).auth(AuthHeaderProvider.bearer(TOKEN)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options("h").userAgentEntry("a\nb").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthHeaderProvider.bearer(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noValueTypePrintsASecret() {
        TransportOptions options = options("h").extraHeaders(Map.of("X-Api-Key", "s3cr3t-header")).build();
        assertThat(options.toString()).contains("X-Api-Key").doesNotContain("s3cr3t-header").doesNotContain(TOKEN);
        assertThat(AuthHeaderProvider.bearer(TOKEN).toString()).doesNotContain(TOKEN);

        ExternalLink link = new ExternalLink(3, 0, 10, 100, "https://bucket.s3.amazonaws.com/x?X-Amz-Signature=s1g",
                Instant.parse("2030-01-01T00:00:00Z"), Map.of("x-amz-server-side-encryption-customer-key", "k3y"), 4);
        assertThat(link.toString()).contains("chunkIndex=3", "x-amz-server-side-encryption-customer-key")
                .doesNotContain("s1g").doesNotContain("bucket").doesNotContain("k3y");
        ResultData data = new ResultData(3, 0, 10, 100, JsonRows.of(List.<String[]>of(new String[]{"secret-row"})), List.of(link),
                new byte[]{1}, -1, null);
        assertThat(data.toString()).doesNotContain("s1g").doesNotContain("k3y").doesNotContain("secret-row");
    }

    @Test
    void linkExpiryUsesTheMargin() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        ExternalLink link = new ExternalLink(0, 0, 1, 1, "https://h/x", now.plusSeconds(90), Map.of(), -1);
        assertThat(link.expiresWithin(Duration.ofSeconds(60), now)).isFalse();
        assertThat(link.expiresWithin(Duration.ofSeconds(120), now)).isTrue();
    }

    @Test
    void closedTransportRefusesRequests() {
        HttpTransport transport = new HttpTransport(options("h").build());
        transport.close();
        assertThat(transport.isClosed()).isTrue();
        assertThatThrownBy(() -> transport.send("GET", "/x", "/x", null)).hasMessageContaining("closed");
    }

    @Test
    void aPresignedTransferIsCountedAsAnApiCallWithoutItsPathOrSignatureOrOurCredentials() throws Exception {
        com.github.tomakehurst.wiremock.WireMockServer storage = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort()
                        .bindAddress("127.0.0.1"));
        storage.start();
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        dev.sluice.jdbc.SluiceTelemetry.useMeterRegistry(registry);
        try (HttpTransport transport = new HttpTransport(TransportOptions.builder("127.0.0.1", 1).tls(false)
                .auth(AuthHeaderProvider.bearer(TOKEN)).build())) {
            storage.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/bucket/vol/part-0.parquet"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                            .withBody("abc")));
            java.net.URI link = java.net.URI.create("http://127.0.0.1:" + storage.port()
                    + "/bucket/vol/part-0.parquet?sig=s3cr3tSignature");
            try (InputStream in = transport.streamExternal("PUT", link, Map.of("x-amz-acl", "private"),
                    java.net.http.HttpRequest.BodyPublishers.ofString("rows")).body()) {
                assertThat(in.readAllBytes()).isEqualTo("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try (InputStream in = transport.streamExternal("GET", link, Map.of(), null).body()) {
                in.readAllBytes();
            }
            String scrape = registry.scrape();
            assertThat(scrape)
                    .contains("databricks_api_requests_total{endpoint=\"{presigned_url}\",method=\"PUT\","
                            + "status_code=\"200\"} 1")
                    .contains("databricks_api_requests_total{endpoint=\"{presigned_url}\",method=\"GET\","
                            + "status_code=\"200\"} 1")
                    .doesNotContain("s3cr3t").doesNotContain("part-0");
            var sent = storage.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
            assertThat(sent).hasSize(2).allSatisfy(r -> {
                assertThat(r.containsHeader("Authorization")).isFalse();
                assertThat(r.containsHeader("traceparent")).isFalse();
            });
        } finally {
            dev.sluice.jdbc.SluiceTelemetry.useMeterRegistry(null);
            registry.close();
            storage.stop();
        }
    }

    @Test
    void closingDuringARequestEndsItAtOnceInsteadOfLeavingItWaiting() throws Exception {
        // a server that reads the request and never answers: without close, the request (no timeout) waits for ever
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch received = new CountDownLatch(1);
            Thread acceptor = new Thread(() -> holdOneRequest(server, received), "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            HttpTransport transport = new HttpTransport(TransportOptions.builder("127.0.0.1", server.getLocalPort())
                    .tls(false).requestTimeout(Duration.ZERO).auth(AuthHeaderProvider.bearer(TOKEN)).build());
            CompletableFuture<Object> request = CompletableFuture.supplyAsync(() -> {
                try {
                    return transport.send("GET", "/api/2.0/sql/statements/x", "/api/2.0/sql/statements/{id}",
                            null);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            assertThat(received.await(30, TimeUnit.SECONDS)).as("the request reached the server").isTrue();
            assertThat(request).isNotDone();

            transport.close();

            // generous: the point is that it ends, where before it waited for an answer that never comes
            assertThatThrownBy(() -> request.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessageContaining("closed during the request");
            assertThatThrownBy(() -> transport.send("GET", "/x", "/x", null)).hasMessageContaining("closed");
        }
    }

    private static void holdOneRequest(ServerSocket server, CountDownLatch received) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            if (n > 0) {
                received.countDown();
            }
            while (in.read(buffer) >= 0) {
                // hold the connection open, answering nothing, until the client goes away
            }
        } catch (IOException closed) {
            // the client went away
        }
    }
}
