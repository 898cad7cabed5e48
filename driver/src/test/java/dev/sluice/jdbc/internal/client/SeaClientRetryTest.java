package dev.sluice.jdbc.internal.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sluice.jdbc.internal.resilience.ErrorTable;
import dev.sluice.jdbc.internal.resilience.FakeTime;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.resilience.RetrySettings;
import dev.sluice.jdbc.internal.resilience.Sleeper;
import dev.sluice.jdbc.internal.resilience.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each row of the error table over real HTTP (WireMock): how many attempts, which waits (recorded by a fake clock
 * instead of slept), and which failures a statement submission may be repeated after. A POST that the server may
 * have accepted is sent exactly once.
 */
class SeaClientRetryTest {
    private static final String STATEMENTS = "/api/2.0/sql/statements/";
    private static final String ST = STATEMENTS + "st";
    private static final String RUNNING = "{\"statement_id\":\"st\",\"status\":{\"state\":\"RUNNING\"}}";

    private final FakeTime time = new FakeTime();
    private WireMockServer server;
    private SeaHttpClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = newClient(server.port(), RetrySettings.defaults(), Timeouts.DEFAULTS, AuthHeaderProvider.bearer("t0ken"));
    }

    private SeaHttpClient newClient(int port, RetrySettings settings, Timeouts timeouts, AuthHeaderProvider auth) {
        return new SeaHttpClient(new HttpTransport(TransportOptions.builder("127.0.0.1", port).tls(false)
                .auth(auth).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(20)).build()),
                time.resilience(settings), timeouts);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private static StatementRequest statement() {
        return StatementRequest.builder("INSERT INTO t VALUES (1)", "wh").build();
    }

    /** {@code times} answers of the first kind, then the other answer for good. */
    private void stubThen(Supplier<MappingBuilder> first, ResponseDefinitionBuilder firstResponse, int times,
                          Supplier<MappingBuilder> then, ResponseDefinitionBuilder thenResponse) {
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "after-" + (i + 1);
            server.stubFor(first.get().inScenario("seq").whenScenarioStateIs(state).willReturn(firstResponse)
                    .willSetStateTo(next));
            state = next;
        }
        server.stubFor(then.get().inScenario("seq").whenScenarioStateIs(state).willReturn(thenResponse));
    }

    private static ResponseDefinitionBuilder status(int status, String code) {
        return aResponse().withStatus(status).withBody("{\"error_code\":\"" + code + "\",\"message\":\"m\"}");
    }

    private static void assertWait(Duration wait, Duration base) {
        // jitter lengthens every wait by up to a quarter of itself, never shortens it
        assertThat(wait).isBetween(base, Duration.ofNanos(base.toNanos() * 5 / 4));
    }

    /** Exactly {@code count} waits, the first {@code first} and each next one twice as long, jitter aside. */
    private void assertDoublingWaits(Duration first, int count) {
        assertThat(time.waits()).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertWait(time.waits().get(i), first.multipliedBy(1L << i));
        }
    }

    // ---------------------------------------------------------------- RateLimited

    @Test
    void rateLimitedIsTriedFiveTimesHonouringRetryAfterSeconds() {
        server.stubFor(get(ST).willReturn(status(429, "REQUEST_LIMIT_EXCEEDED").withHeader("Retry-After", "2")));

        assertThatThrownBy(() -> client.get("st")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(429));

        server.verify(5, getRequestedFor(urlEqualTo(ST)));
        assertThat(time.waits()).hasSize(4).allSatisfy(wait -> assertWait(wait, Duration.ofSeconds(2)));
    }

    @Test
    void rateLimitedHonoursRetryAfterAsAnHttpDate() throws IOException {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(8));
        stubThen(() -> get(ST), status(429, "RESOURCE_EXHAUSTED").withHeader("Retry-After", date), 1, () -> get(ST),
                okJson(RUNNING));

        assertThat(client.get("st").state()).isEqualTo(StatementState.RUNNING);

        // the date has whole seconds and a moment passed since it was written: 6..8 s, plus jitter
        assertThat(time.waits()).singleElement().satisfies(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(10)));
    }

    @Test
    void resourceExhaustedWithoutRetryAfterBacksOffDoublingFromOneSecond() {
        server.stubFor(get(ST).willReturn(status(429, "RESOURCE_EXHAUSTED")));

        assertThatThrownBy(() -> client.get("st")).isInstanceOf(ApiException.class);

        server.verify(5, getRequestedFor(urlEqualTo(ST)));
        assertDoublingWaits(Duration.ofSeconds(1), 4);
    }

    @Test
    void rateLimitRetryTimeoutBoundsTheTimeSpentOn429s() {
        RetrySettings settings = RetrySettings.defaults().with(ErrorTable.RATE_LIMITED,
                new RetrySettings.Row(5, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        try (SeaHttpClient bounded = newClient(server.port(), settings, Timeouts.DEFAULTS,
                AuthHeaderProvider.bearer("t0ken"))) {
            server.stubFor(get(ST).willReturn(status(429, "REQUEST_LIMIT_EXCEEDED").withHeader("Retry-After", "2")));

            assertThatThrownBy(() -> bounded.get("st")).isInstanceOf(ApiException.class);
        }
        // 2 s + 2 s fit in 5 s (jitter included, at most 5 s), a third 2 s wait would not
        assertThat(time.waits()).hasSizeBetween(1, 2);
        server.verify(time.waits().size() + 1, getRequestedFor(urlEqualTo(ST)));
    }

    // ---------------------------------------------------------------- ServiceUnavailable

    @Test
    void serviceUnavailableIsTriedThreeTimesExponentiallyFromOneSecond() {
        server.stubFor(get(ST).willReturn(status(503, "TEMPORARILY_UNAVAILABLE")));

        assertThatThrownBy(() -> client.get("st")).isInstanceOf(ApiException.class);

        server.verify(3, getRequestedFor(urlEqualTo(ST)));
        assertDoublingWaits(Duration.ofSeconds(1), 2);
    }

    @Test
    void retryAfterBeyondTheCallDeadlineIsNotWaited() {
        server.stubFor(get(ST).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "400")));

        assertThatThrownBy(() -> client.get("st")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(400)));

        server.verify(1, getRequestedFor(urlEqualTo(ST)));
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void theCallDeadlineCountsEveryWaitOfTheCall() {
        try (SeaHttpClient bounded = newClient(server.port(), RetrySettings.defaults()
                .withDeadline(Duration.ofSeconds(3)), Timeouts.DEFAULTS, AuthHeaderProvider.bearer("t0ken"))) {
            server.stubFor(get(ST).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")));

            assertThatThrownBy(() -> bounded.get("st")).isInstanceOf(ApiException.class);
        }
        // the first wait (2..2.5 s) fits in 3 s; a second one would not
        server.verify(2, getRequestedFor(urlEqualTo(ST)));
        assertThat(time.waits()).hasSize(1);
    }

    @Test
    void aCallersBudgetShortensTheDeadlineAndMarksTheFailureAsOutOfTime() {
        server.stubFor(get(ST).willReturn(status(429, "REQUEST_LIMIT_EXCEEDED").withHeader("Retry-After", "2")));

        assertThatThrownBy(() -> client.get("st", Duration.ofSeconds(3))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(Resilience.ranOutOfTime(e)).isTrue());
        // one 2..2.5 s wait fits in the 3 s the caller had left, a second one would not
        server.verify(2, getRequestedFor(urlEqualTo(ST)));

        server.resetRequests();
        assertThatThrownBy(() -> client.get("st", null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(Resilience.ranOutOfTime(e)).as("attempts used up, not time").isFalse());
        server.verify(5, getRequestedFor(urlEqualTo(ST)));
    }

    // ---------------------------------------------------------------- InternalError

    @Test
    void internalErrorIsTriedThreeTimesFromFiveHundredMilliseconds() {
        server.stubFor(get(ST).willReturn(status(500, "INTERNAL_ERROR")));

        assertThatThrownBy(() -> client.get("st")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(500));

        server.verify(3, getRequestedFor(urlEqualTo(ST)));
        assertDoublingWaits(Duration.ofMillis(500), 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 504})
    void gatewayErrorsAreRetriedForAPoll(int status) throws IOException {
        stubThen(() -> get(ST), aResponse().withStatus(status), 1, () -> get(ST), okJson(RUNNING));

        assertThat(client.get("st").state()).isEqualTo(StatementState.RUNNING);

        server.verify(2, getRequestedFor(urlEqualTo(ST)));
        assertWait(time.waits().get(0), Duration.ofMillis(500));
    }

    @Test
    void jitterStaysWithinAQuarterAndVaries() throws IOException {
        for (int i = 0; i < 20; i++) {
            server.resetAll();
            stubThen(() -> get(ST), aResponse().withStatus(500), 1, () -> get(ST), okJson(RUNNING));
            client.get("st");
        }
        assertThat(time.waits()).hasSize(20).allSatisfy(wait -> assertWait(wait, Duration.ofMillis(500)));
        assertThat(time.waits().stream().distinct().count()).as("distinct waits").isGreaterThan(1);
    }

    // ---------------------------------------------------------------- ConcurrentModification

    @Test
    void conflictIsTriedThreeTimesFromOneHundredMilliseconds() {
        server.stubFor(get(ST).willReturn(status(409, "ABORTED")));

        assertThatThrownBy(() -> client.get("st")).isInstanceOf(ApiException.class);

        server.verify(3, getRequestedFor(urlEqualTo(ST)));
        assertDoublingWaits(Duration.ofMillis(100), 2);
    }

    @Test
    void creatingWhatAlreadyExistsIsNotAConflictToRetry() {
        server.stubFor(post("/api/2.0/sql/sessions/").willReturn(status(409, "RESOURCE_ALREADY_EXISTS")));

        assertThatThrownBy(() -> client.createSession("wh", null, null, null)).isInstanceOf(ApiException.class);

        server.verify(1, postRequestedFor(urlEqualTo("/api/2.0/sql/sessions/")));
        assertThat(time.waits()).isEmpty();
    }

    // ---------------------------------------------------------------- TokenExpired and never-retried statuses

    @Test
    void aStaleTokenIsRefreshedOnceAndTheRequestRepeatedOnceNeverLooping() {
        AtomicInteger refreshes = new AtomicInteger();
        AuthHeaderProvider refreshing = new AuthHeaderProvider() {
            @Override
            public String authorization() {
                return "Bearer t" + refreshes.get();
            }

            @Override
            public boolean onUnauthorized() {
                refreshes.incrementAndGet();
                return true;
            }
        };
        server.stubFor(get(ST).willReturn(aResponse().withStatus(401).withBody("{\"error_code\":401,\"message\":\"m\"}")));
        try (SeaHttpClient c = newClient(server.port(), RetrySettings.defaults(), Timeouts.DEFAULTS, refreshing)) {
            assertThatThrownBy(() -> c.get("st")).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.httpStatus()).isEqualTo(401));
        }
        assertThat(refreshes).hasValue(1);
        server.verify(2, getRequestedFor(urlEqualTo(ST)));
        assertThat(time.waits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 405, 501})
    void userErrorsAreNeverRetried(int status) {
        server.stubFor(post("/api/2.0/sql/sessions/").willReturn(aResponse().withStatus(status)));
        server.stubFor(post(STATEMENTS).willReturn(aResponse().withStatus(status)));

        assertThatThrownBy(() -> client.createSession("wh", null, null, null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> client.execute(statement())).isInstanceOf(ApiException.class);

        server.verify(1, postRequestedFor(urlEqualTo("/api/2.0/sql/sessions/")));
        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(time.waits()).isEmpty();
    }

    // ---------------------------------------------------------------- statement submission

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void statementPostIsSentOnceAfterAServerError(int status) {
        server.stubFor(post(STATEMENTS).willReturn(status(status, "INTERNAL_ERROR")));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(status));

        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void statementPostIsSentOnceWhenTheConnectionBreaksAfterSending() {
        server.stubFor(post(STATEMENTS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.mayHaveReachedServer()).isTrue());

        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void statementPostIsSentOnceWhenTheConnectionClosesWithoutAnAnswer() {
        server.stubFor(post(STATEMENTS).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOf(ConnectionLostException.class);

        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
    }

    @Test
    void statementPostTimesOutOnceNamingTheOperationAndItsLimit() {
        server.stubFor(post(STATEMENTS).willReturn(okJson(RUNNING).withFixedDelay(1500)));
        Timeouts quick = new Timeouts(Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ZERO,
                Duration.ofSeconds(60));
        try (SeaHttpClient c = newClient(server.port(), RetrySettings.defaults(), quick,
                AuthHeaderProvider.bearer("t0ken"))) {
            assertThatThrownBy(() -> c.execute(statement())).isInstanceOfSatisfying(ResponseTimeoutException.class,
                    e -> {
                        assertThat(e.mayHaveReachedServer()).isTrue();
                        assertThat(e.getMessage()).contains("statement submit timed out", "300 ms",
                                "StatementSubmitTimeout");
                    });
        }
        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void theSmallerOfSocketTimeoutAndTheOperationTimeoutApplies() {
        server.stubFor(post(STATEMENTS).willReturn(okJson(RUNNING).withFixedDelay(1500)));
        client.transport().setRequestTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> client.execute(statement())).isInstanceOfSatisfying(ResponseTimeoutException.class,
                e -> assertThat(e.getMessage()).contains("300 ms", "SocketTimeout"));
    }

    @Test
    void statementPostIsRepeatedAfter429() throws IOException {
        stubThen(() -> post(STATEMENTS), status(429, "REQUEST_LIMIT_EXCEEDED").withHeader("Retry-After", "1"), 4,
                () -> post(STATEMENTS), okJson(RUNNING));

        assertThat(client.execute(statement()).statementId()).isEqualTo("st");

        server.verify(5, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(time.waits()).hasSize(4).allSatisfy(wait -> assertWait(wait, Duration.ofSeconds(1)));
    }

    @Test
    void statementPostIsRepeatedAfter503OnlyWithRetryAfter() throws IOException {
        stubThen(() -> post(STATEMENTS), status(503, "TEMPORARILY_UNAVAILABLE").withHeader("Retry-After", "3"), 2,
                () -> post(STATEMENTS), okJson(RUNNING));
        assertThat(client.execute(statement()).statementId()).isEqualTo("st");
        server.verify(3, postRequestedFor(urlEqualTo(STATEMENTS)));
        assertThat(time.waits()).hasSize(2).allSatisfy(wait -> assertWait(wait, Duration.ofSeconds(3)));

        server.resetAll();
        server.stubFor(post(STATEMENTS).willReturn(status(503, "TEMPORARILY_UNAVAILABLE")));
        assertThatThrownBy(() -> client.execute(statement())).isInstanceOf(ApiException.class);
        server.verify(1, postRequestedFor(urlEqualTo(STATEMENTS)));
    }

    @Test
    void statementPostIsRepeatedAfterAConflict() throws IOException {
        stubThen(() -> post(STATEMENTS), status(409, "ABORTED"), 1, () -> post(STATEMENTS), okJson(RUNNING));

        assertThat(client.execute(statement()).statementId()).isEqualTo("st");

        server.verify(2, postRequestedFor(urlEqualTo(STATEMENTS)));
    }

    @Test
    void statementPostIsRepeatedWhenNoConnectionCouldBeMade() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SeaHttpClient refused = newClient(closedPort, RetrySettings.defaults(), Timeouts.DEFAULTS,
                AuthHeaderProvider.bearer("t0ken"))) {
            assertThatThrownBy(() -> refused.execute(statement())).isInstanceOfSatisfying(
                    ConnectFailedException.class, e -> {
                        assertThat(e.mayHaveReachedServer()).isFalse();
                        assertThat(e.getMessage()).contains("POST /api/2.0/sql/statements/", "127.0.0.1:" + closedPort);
                    });
        }
        // the ServiceUnavailable row: 3 attempts, 1 s then 2 s
        assertDoublingWaits(Duration.ofSeconds(1), 2);
    }

    // ---------------------------------------------------------------- polls, chunks, downloads

    @Test
    void pollIsRetriedWhenTheConnectionBreaksMidResponse() throws IOException {
        // a break before any response byte is retried by the JDK client itself; this one happens mid-body
        stubThen(() -> get(ST), aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), 1, () -> get(ST),
                okJson(RUNNING));

        assertThat(client.get("st").state()).isEqualTo(StatementState.RUNNING);

        server.verify(2, getRequestedFor(urlEqualTo(ST)));
        assertThat(time.waits()).hasSize(1);
    }

    @Test
    void pollIsRetriedAfterItsTimeoutWhichTheMessageNames() throws IOException {
        Timeouts quick = new Timeouts(Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ZERO,
                Duration.ofSeconds(60));
        try (SeaHttpClient c = newClient(server.port(), RetrySettings.defaults(), quick,
                AuthHeaderProvider.bearer("t0ken"))) {
            stubThen(() -> get(ST), okJson(RUNNING).withFixedDelay(1500), 1, () -> get(ST), okJson(RUNNING));
            assertThat(c.get("st").state()).isEqualTo(StatementState.RUNNING);
            server.verify(2, getRequestedFor(urlEqualTo(ST)));

            server.resetAll();
            server.stubFor(get(ST).willReturn(okJson(RUNNING).withFixedDelay(1500)));
            assertThatThrownBy(() -> c.get("st")).isInstanceOf(ResponseTimeoutException.class)
                    .hasMessageContaining("status poll timed out").hasMessageContaining("StatementPollTimeout");
            server.verify(3, getRequestedFor(urlEqualTo(ST)));
        }
    }

    @Test
    void chunkGetIsRetriedOnUnavailability() throws IOException {
        String chunk = ST + "/result/chunks/1";
        stubThen(() -> get(chunk), status(503, "TEMPORARILY_UNAVAILABLE").withHeader("Retry-After", "1"), 2,
                () -> get(chunk), okJson("{\"chunk_index\":1,\"data_array\":[[\"1\"]]}"));

        assertThat(client.chunk("st", 1).dataArray()).isNotNull();

        server.verify(3, getRequestedFor(urlEqualTo(chunk)));
    }

    @Test
    void downloadIsRetriedOnAStorageServerError() throws IOException {
        stubThen(() -> get(urlPathEqualTo("/storage/c0")), aResponse().withStatus(500), 1,
                () -> get(urlPathEqualTo("/storage/c0")), aResponse().withStatus(200).withBody(new byte[] {1, 2, 3}));
        ExternalLink link = new ExternalLink(0, 0, 1, 3, server.baseUrl() + "/storage/c0?sig=secret", null, Map.of(),
                -1);

        assertThat(client.download(link)).containsExactly(1, 2, 3);

        server.verify(2, getRequestedFor(urlPathEqualTo("/storage/c0")));
    }

    @Test
    void everyRetryWaitIsOneWarnLineWithoutUrlsOrHeaderValues() throws IOException {
        stubThen(() -> get(urlPathEqualTo("/storage/c1")), status(503, "SlowDown"), 1,
                () -> get(urlPathEqualTo("/storage/c1")), aResponse().withStatus(200).withBody(new byte[] {7}));
        ExternalLink link = new ExternalLink(1, 0, 1, 1, server.baseUrl() + "/storage/c1?sig=super-secret-signature",
                null, Map.of("x-sluice-link-key", "header-secret-value"), -1);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(client.download(link)).containsExactly(7);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("WARN"))).singleElement().satisfies(line ->
                assertThat(line).contains("GET {external_link}", "HTTP 503", "attempt 2 of 3", " ms"));
        assertThat(log).doesNotContain("super-secret-signature").doesNotContain("header-secret-value")
                .doesNotContain("?sig");
    }

    // ---------------------------------------------------------------- interrupts and close

    @Test
    void interruptEndsARetryWaitAtOnce() throws Exception {
        server.stubFor(get(ST).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "60")));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        try (SeaHttpClient waiting = realTimeClient()) {
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
        server.stubFor(get(ST).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SeaHttpClient waiting = realTimeClient();
        Thread poller = new Thread(() -> {
            try {
                waiting.get("st");
            } catch (IOException e) {
                failure.set(e);
            }
        });
        poller.start();
        awaitRequests(1);
        awaitRetryWait(poller);
        waiting.close();
        poller.join(10_000);

        assertThat(poller.isAlive()).as("still waiting after close").isFalse();
        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessageContaining("closed");
        server.verify(1, getRequestedFor(urlEqualTo(ST)));
    }

    private SeaHttpClient realTimeClient() {
        return new SeaHttpClient(new HttpTransport(TransportOptions.builder("127.0.0.1", server.port()).tls(false)
                .auth(AuthHeaderProvider.bearer("t0ken")).requestTimeout(Duration.ofSeconds(20)).build()),
                new Resilience(RetrySettings.defaults(), null, Sleeper.abortable(), System::nanoTime));
    }

    /**
     * Waits until the thread sleeps in the retry wait. Closing the client while the exchange itself is still in
     * flight is another matter: the JDK client's executor is shut down under it.
     */
    private static void awaitRetryWait(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("retry wait reached in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.getAllServeEvents().size() < count) {
            assertThat(System.nanoTime()).as("request seen in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
