package dev.sluice.jdbc.internal.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which failures are retried: idempotent calls on 429/503/5xx/IO, a statement submission only when the server
 * proves it did not accept it. Waits are recorded instead of slept, except in the interrupt/close tests.
 */
class SeaClientRetryTest {
    private static final String STATEMENTS = "/api/2.0/sql/statements/";
    private static final String RUNNING = "{\"statement_id\":\"st\",\"status\":{\"state\":\"RUNNING\"}}";
    private static final Duration INITIAL = Duration.ofMillis(10);

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final RetryPolicy.Sleeper recording = new RetryPolicy.Sleeper() {
        @Override
        public void sleep(Duration delay) {
            sleeps.add(delay);
        }

        @Override
        public void abort() {
        }
    };
    private WireMockServer server;
    private SeaHttpClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = newClient(server.port(), Duration.ofSeconds(20),
                new RetryPolicy(4, INITIAL, Duration.ofMillis(50), Duration.ofSeconds(60), recording));
    }

    private static SeaHttpClient newClient(int port, Duration requestTimeout, RetryPolicy retry) {
        return new SeaHttpClient(new HttpTransport(TransportOptions.builder("127.0.0.1", port).tls(false)
                .auth(AuthHeaderProvider.bearer("t0ken")).connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(requestTimeout).build()), retry);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private static StatementRequest statement() {
        return StatementRequest.builder("INSERT INTO t VALUES (1)", "wh").build();
    }

    private void stubSequence(com.github.tomakehurst.wiremock.client.MappingBuilder first,
                              com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder firstResponse,
                              com.github.tomakehurst.wiremock.client.MappingBuilder then,
                              com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder thenResponse) {
        server.stubFor(first.inScenario("seq").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(firstResponse).willSetStateTo("second"));
        server.stubFor(then.inScenario("seq").whenScenarioStateIs("second").willReturn(thenResponse));
    }

    @Test
    void getHonoursRetryAfterOn429() throws IOException {
        stubSequence(get(STATEMENTS + "st"), aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}"),
                get(STATEMENTS + "st"), okJson(RUNNING));

        assertThat(client.get("st").state()).isEqualTo(StatementState.RUNNING);

        server.verify(2, getRequestedFor(urlEqualTo(STATEMENTS + "st")));
        assertThat(sleeps).singleElement().satisfies(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2250)));
    }

    @Test
    void getRetries503AndServerErrorsWithGrowingBackoffUpToTheAttemptLimit() {
        server.stubFor(get(STATEMENTS + "st").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> client.get("st")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(500));

        server.verify(4, getRequestedFor(urlEqualTo(STATEMENTS + "st")));
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(10), Duration.ofMillis(12));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(20), Duration.ofMillis(25));
        assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(40), Duration.ofMillis(50));
    }

    @Test
    void getRetries502503And504ButNot400() throws IOException {
        stubSequence(get(STATEMENTS + "a"), aResponse().withStatus(503), get(STATEMENTS + "a"), okJson(RUNNING));
        assertThat(client.get("a").state()).isEqualTo(StatementState.RUNNING);
        server.resetAll();
        stubSequence(get(STATEMENTS + "b"), aResponse().withStatus(502), get(STATEMENTS + "b"), okJson(RUNNING));
        assertThat(client.get("b").state()).isEqualTo(StatementState.RUNNING);
        server.resetAll();
        stubSequence(get(STATEMENTS + "c"), aResponse().withStatus(504), get(STATEMENTS + "c"), okJson(RUNNING));
        assertThat(client.get("c").state()).isEqualTo(StatementState.RUNNING);
        server.resetAll();
        server.stubFor(get(STATEMENTS + "d").willReturn(aResponse().withStatus(400)));
        assertThatThrownBy(() -> client.get("d")).isInstanceOf(ApiException.class);
        server.verify(1, getRequestedFor(urlEqualTo(STATEMENTS + "d")));
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void retryAfterBeyondTheDeadlineIsNotWaited() {
        server.stubFor(get(STATEMENTS + "st").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> client.get("st")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));

        server.verify(1, getRequestedFor(urlEqualTo(STATEMENTS + "st")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void statementPostIsNeverRetriedOn500() {
        server.stubFor(post(STATEMENTS).willReturn(aResponse().withStatus(500)
                .withBody("{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"oops\"}")));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.notAccepted()).isFalse();
        });

        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void statementPostIsNotRetriedOn503WithoutRetryAfter() {
        server.stubFor(post(STATEMENTS).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOf(ApiException.class);

        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
    }

    @Test
    void statementPostIsRetriedOn503WithRetryAfter() throws IOException {
        stubSequence(post(STATEMENTS), aResponse().withStatus(503).withHeader("Retry-After", "1")
                        .withBody("{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"warehouse starting\"}"),
                post(STATEMENTS), okJson(RUNNING));

        assertThat(client.execute(statement()).statementId()).isEqualTo("st");

        server.verify(2, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(sleeps).singleElement().satisfies(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1150)));
    }

    @Test
    void statementPostIsRetriedOn429() throws IOException {
        stubSequence(post(STATEMENTS), aResponse().withStatus(429), post(STATEMENTS), okJson(RUNNING));

        assertThat(client.execute(statement()).statementId()).isEqualTo("st");

        server.verify(2, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void statementPostIsRetriedWhenTheConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SeaHttpClient refused = newClient(closedPort, Duration.ofSeconds(5),
                new RetryPolicy(4, INITIAL, Duration.ofMillis(50), Duration.ofSeconds(60), recording))) {
            assertThatThrownBy(() -> refused.execute(statement())).isInstanceOfSatisfying(
                    ConnectFailedException.class, e -> {
                        assertThat(e.mayHaveReachedServer()).isFalse();
                        assertThat(e.getMessage()).contains("POST /api/2.0/sql/statements/", "127.0.0.1:" + closedPort);
                    });
        }
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void statementPostIsNotRetriedWhenTheConnectionBreaks() {
        server.stubFor(post(STATEMENTS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.mayHaveReachedServer()).isTrue());

        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void getIsRetriedWhenTheConnectionBreaksMidResponse() throws IOException {
        // a break before any response byte is retried by the JDK client itself; this one happens mid-body
        stubSequence(get(STATEMENTS + "st"), aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                get(STATEMENTS + "st"), okJson(RUNNING));

        assertThat(client.get("st").state()).isEqualTo(StatementState.RUNNING);

        server.verify(2, getRequestedFor(urlEqualTo(STATEMENTS + "st")));
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void statementPostTimesOutWithoutRetryAndTheTimeoutCanChangeAtRunTime() throws IOException {
        server.stubFor(post(STATEMENTS).willReturn(okJson(RUNNING).withFixedDelay(1500)));
        client.transport().setRequestTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOfSatisfying(ResponseTimeoutException.class,
                e -> {
                    assertThat(e.mayHaveReachedServer()).isTrue();
                    assertThat(e.getMessage()).contains("no response within 300 ms");
                });
        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(sleeps).isEmpty();

        client.transport().setRequestTimeout(Duration.ofSeconds(20));
        assertThat(client.execute(statement()).statementId()).isEqualTo("st");
    }

    @Test
    void getIsRetriedAfterATimeout() throws IOException {
        stubSequence(get(STATEMENTS + "st"), okJson(RUNNING).withFixedDelay(1500), get(STATEMENTS + "st"),
                okJson(RUNNING));
        client.transport().setRequestTimeout(Duration.ofMillis(300));

        assertThat(client.get("st").state()).isEqualTo(StatementState.RUNNING);

        server.verify(2, getRequestedFor(urlEqualTo(STATEMENTS + "st")));
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void interruptEndsARetryWaitAtOnce() throws Exception {
        server.stubFor(get(STATEMENTS + "st").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "60")));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        try (SeaHttpClient waiting = newClient(server.port(), Duration.ofSeconds(20), RetryPolicy.standard())) {
            Thread poller = new Thread(() -> {
                try {
                    waiting.get("st");
                } catch (IOException e) {
                    failure.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            poller.start();
            awaitRequests(1);
            poller.interrupt();
            poller.join(10_000);

            assertThat(poller.isAlive()).as("still waiting after the interrupt").isFalse();
        }
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void closingTheClientEndsARetryWaitAtOnce() throws Exception {
        server.stubFor(get(STATEMENTS + "st").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SeaHttpClient waiting = newClient(server.port(), Duration.ofSeconds(20), RetryPolicy.standard());
        Thread poller = new Thread(() -> {
            try {
                waiting.get("st");
            } catch (IOException e) {
                failure.set(e);
            }
        });
        poller.start();
        awaitRequests(1);
        waiting.close();
        poller.join(10_000);

        assertThat(poller.isAlive()).as("still waiting after close").isFalse();
        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessageContaining("closed");
        server.verify(1, getRequestedFor(urlEqualTo(STATEMENTS + "st")));
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.getAllServeEvents().size() < count) {
            assertThat(System.nanoTime()).as("request seen in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
