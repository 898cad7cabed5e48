package dev.sluice.jdbc.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.client.ApiException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An interrupt that arrives while a request is on the wire, before the retry wait starts, must end the call as
 * one that arrives during the wait does: an InterruptedIOException, no further attempt, the flag kept.
 */
class InterruptTest {
    private final FakeTime time = new FakeTime();
    private final Resilience resilience = time.resilience(FakeTime.everyRow(3, Duration.ofSeconds(1)));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aRetryableFailureOnAnInterruptedThreadIsAnInterruptAndIsNotRepeated() {
        AtomicInteger attempts = new AtomicInteger();
        ApiException unavailable = new ApiException(503, "TEMPORARILY_UNAVAILABLE", "busy", Duration.ofSeconds(1),
                "GET", "/api/2.0/sql/statements/{statement_id}");

        assertThatThrownBy(() -> resilience.call(CallKind.IDEMPOTENT, "GET /api/2.0/sql/statements/{statement_id}",
                () -> {
                    attempts.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw unavailable;
                }))
                .isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("interrupted before retrying")
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(unavailable));
        assertThat(attempts).hasValue(1);
        assertThat(time.waits()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aFailureThatIsNeverRepeatedKeepsItsOwnExceptionEvenWhenInterrupted() {
        ApiException syntax = new ApiException(400, "INVALID_PARAMETER_VALUE", "bad", null, "POST",
                "/api/2.0/sql/statements");

        assertThatThrownBy(() -> resilience.call(CallKind.IDEMPOTENT, "POST /api/2.0/sql/statements", () -> {
            Thread.currentThread().interrupt();
            throw syntax;
        })).isSameAs(syntax);
    }
}
