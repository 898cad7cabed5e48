package dev.sluice.jdbc.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.CircuitBreaker;
import dev.sluice.jdbc.internal.client.ApiException;
import dev.sluice.jdbc.internal.client.ConnectFailedException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-host circuit breaker on a fake clock: opens after 5 failed calls, fails fast naming the host and the time
 * it will let calls through, goes half-open after the interval, closes after 2 successes and opens again on a
 * half-open failure. Only overload and unreachability count; 4xx answers prove the workspace is up.
 */
class HostBreakerTest {
    private static final String WHAT = "GET /api/2.0/sql/statements/{statement_id}";

    private final FakeTime time = new FakeTime();
    private final HostBreakers breakers = new HostBreakers(time);
    private final AtomicInteger sent = new AtomicInteger();

    private Resilience connection(String host, int port) {
        // no retries, so that every call is one request and one outcome for the breaker
        return new Resilience(FakeTime.everyRow(1, Duration.ZERO),
                breakers.forHost(host, port, BreakerSettings.DEFAULTS), time, time::nanoTime);
    }

    private void fail(Resilience r, IOException failure) {
        assertThatThrownBy(() -> r.call(CallKind.IDEMPOTENT, WHAT, () -> {
            sent.incrementAndGet();
            throw failure;
        })).isSameAs(failure);
    }

    private void succeed(Resilience r) throws IOException {
        assertThat(r.call(CallKind.IDEMPOTENT, WHAT, () -> {
            sent.incrementAndGet();
            return "ok";
        })).isEqualTo("ok");
    }

    /** {@code times} calls in a row, each ending in its own HTTP {@code status} error. */
    private void fail(Resilience r, int times, int status) {
        for (int i = 0; i < times; i++) {
            fail(r, status(status));
        }
    }

    private static ApiException status(int status) {
        return new ApiException(status, null, "m", null, "GET", "/p");
    }

    private void openIt(Resilience r) {
        fail(r, 5, 503);
    }

    @Test
    void opensAfterFiveFailedCallsAndThenFailsFastNamingHostAndRetryTime() {
        Resilience r = connection("adb-1.example.net", 443);
        for (int i = 0; i < 4; i++) {
            fail(r, i % 2 == 0 ? status(500) : new ConnectFailedException("refused", null));
        }
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(r, status(429));
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = sent.get();

        assertThatThrownBy(() -> succeed(r)).isInstanceOfSatisfying(CircuitOpenException.class, e -> {
            assertThat(e.host()).isEqualTo("adb-1.example.net:443");
            assertThat(e.retryAt()).isEqualTo(time.instant().plusSeconds(60));
            assertThat(e.getMessage()).contains("adb-1.example.net:443", WHAT, "5 failed calls",
                    "2026-01-01T00:01:00Z", "in 60 s");
        });
        assertThat(sent).as("nothing sent while open").hasValue(before);
    }

    @Test
    void aCallThatIsRetriedCountsOnceWhenItsRetriesAreExhausted() {
        Resilience retrying = new Resilience(FakeTime.everyRow(3, Duration.ofMillis(100)),
                breakers.forHost("h", 443, BreakerSettings.DEFAULTS), time, time::nanoTime);
        fail(retrying, 4, 500);
        assertThat(sent).as("3 attempts per call").hasValue(12);
        assertThat(retrying.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(retrying, status(500));
        assertThat(retrying.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void userErrorsAndLocalFailuresDoNotCountAndAnAnswerResetsTheCount() {
        Resilience r = connection("h", 443);
        for (int i = 0; i < 10; i++) {
            fail(r, status(i % 2 == 0 ? 400 : 404));
        }
        fail(r, 4, 503);
        fail(r, status(403));
        fail(r, 4, 502);
        fail(r, new IOException("malformed response"));
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(r, status(502));
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void halfOpenAfterTheIntervalAndClosedAfterTwoSuccesses() throws IOException {
        Resilience r = connection("h", 443);
        openIt(r);
        time.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> succeed(r)).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("in 1 s");

        time.advance(Duration.ofSeconds(1));
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        succeed(r);
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        succeed(r);
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        // closed again: it takes five new failures to open it
        fail(r, 4, 503);
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFailureWhileHalfOpenOpensItAgainForAnotherInterval() throws IOException {
        Resilience r = connection("h", 443);
        openIt(r);
        time.advance(Duration.ofSeconds(60));
        succeed(r);
        fail(r, status(503));
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        Instant reopened = time.instant();

        assertThatThrownBy(() -> succeed(r)).isInstanceOfSatisfying(CircuitOpenException.class,
                e -> assertThat(e.retryAt()).isEqualTo(reopened.plusSeconds(60)));
        time.advance(Duration.ofSeconds(60));
        succeed(r);
        succeed(r);
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void connectionsToOneHostShareABreakerAndOtherHostsAndPortsAreNotAffected() throws IOException {
        Resilience first = connection("adb-1.example.net", 443);
        Resilience second = connection("ADB-1.example.net", 443);
        Resilience otherHost = connection("adb-2.example.net", 443);
        Resilience otherPort = connection("adb-1.example.net", 8443);
        assertThat(second.breaker()).isSameAs(first.breaker());

        openIt(first);

        assertThatThrownBy(() -> succeed(second)).isInstanceOf(CircuitOpenException.class);
        succeed(otherHost);
        succeed(otherPort);
        assertThat(otherHost.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void callsElsewhereNeitherCountNorAreRefused() throws IOException {
        Resilience r = connection("h", 443);
        for (int i = 0; i < 5; i++) {
            IOException failure = status(500);
            assertThatThrownBy(() -> r.callElsewhere(CallKind.IDEMPOTENT, "GET {external_link}", () -> {
                throw failure;
            })).isSameAs(failure);
        }
        assertThat(r.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        openIt(r);
        assertThat(r.callElsewhere(CallKind.IDEMPOTENT, "GET {external_link}", () -> "bytes")).isEqualTo("bytes");
    }

    @Test
    void thresholdsAndIntervalAreConfigurable() throws IOException {
        HostBreaker breaker = breakers.forHost("small", 1, new BreakerSettings(2, Duration.ofSeconds(5), 1));
        Resilience r = new Resilience(FakeTime.everyRow(1, Duration.ZERO), breaker, time, time::nanoTime);
        fail(r, status(500));
        fail(r, status(500));
        assertThatThrownBy(() -> succeed(r)).isInstanceOf(CircuitOpenException.class).hasMessageContaining("in 5 s");
        time.advance(Duration.ofSeconds(5));
        succeed(r);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
