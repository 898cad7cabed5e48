package dev.sluice.jdbc.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.client.ApiException;
import dev.sluice.jdbc.internal.client.ConnectFailedException;
import dev.sluice.jdbc.internal.client.ConnectionLostException;
import dev.sluice.jdbc.internal.client.ResponseTimeoutException;
import dev.sluice.jdbc.internal.client.StatementState;
import dev.sluice.jdbc.internal.client.StatementStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which row each failure falls into, the rows' defaults, and when a statement may be sent again. */
class ErrorTableTest {

    private static ApiException api(int status, String code) {
        return new ApiException(status, code, "m", null, "GET", "/p");
    }

    private static ApiException api(int status, String code, Duration retryAfter) {
        return new ApiException(status, code, "m", retryAfter, "POST", "/p");
    }

    @ParameterizedTest
    @CsvSource({
        "429, REQUEST_LIMIT_EXCEEDED, RATE_LIMITED",
        "429, , RATE_LIMITED",
        "400, RESOURCE_EXHAUSTED, RATE_LIMITED",
        "503, TEMPORARILY_UNAVAILABLE, SERVICE_UNAVAILABLE",
        "503, , SERVICE_UNAVAILABLE",
        "500, INTERNAL_ERROR, INTERNAL_ERROR",
        "502, , INTERNAL_ERROR",
        "504, DEADLINE_EXCEEDED, INTERNAL_ERROR",
        "409, ABORTED, CONCURRENT_MODIFICATION",
        "409, RESOURCE_CONFLICT, CONCURRENT_MODIFICATION",
        "409, RESOURCE_ALREADY_EXISTS, NOT_RETRYABLE",
        "409, ALREADY_EXISTS, NOT_RETRYABLE",
        "401, 401, TOKEN_EXPIRED",
        "400, INVALID_PARAMETER_VALUE, NOT_RETRYABLE",
        "403, PERMISSION_DENIED, NOT_RETRYABLE",
        "404, RESOURCE_DOES_NOT_EXIST, NOT_RETRYABLE",
        "501, NOT_IMPLEMENTED, NOT_RETRYABLE",
    })
    void httpAnswersFallIntoTheirRow(int status, String code, ErrorTable row) {
        assertThat(ErrorTable.classify(api(status, code))).isEqualTo(row);
    }

    @Test
    void networkFailuresFallIntoTheirRow() {
        assertThat(ErrorTable.classify(new ConnectFailedException("refused", null)))
                .isEqualTo(ErrorTable.SERVICE_UNAVAILABLE);
        assertThat(ErrorTable.classify(new ConnectionLostException("reset", null))).isEqualTo(ErrorTable.INTERNAL_ERROR);
        assertThat(ErrorTable.classify(new ResponseTimeoutException("slow", null))).isEqualTo(ErrorTable.INTERNAL_ERROR);
        assertThat(ErrorTable.classify(new InterruptedIOException())).isEqualTo(ErrorTable.NOT_RETRYABLE);
        assertThat(ErrorTable.classify(new IOException("malformed JSON"))).isEqualTo(ErrorTable.NOT_RETRYABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[DELTA_CONCURRENT_APPEND.WITHOUT_HINT] Transaction conflict detected. SQLSTATE: 2D521",
        "[DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT] Transaction conflict detected.",
        "[DELTA_CONCURRENT_DELETE_READ.WITHOUT_HINT] Transaction conflict detected.",
        "[DELTA_CONCURRENT_DELETE_DELETE.WITHOUT_HINT] Transaction conflict detected.",
        "[DELTA_CONCURRENT_TRANSACTION] Transaction conflict detected.",
        "[DELTA_CONCURRENT_WRITE] Transaction conflict detected.",
        "[DELTA_METADATA_CHANGED] Transaction conflict detected.",
        "[DELTA_PROTOCOL_CHANGED] Transaction conflict detected.",
    })
    void deltaConcurrentWriteErrorClassesAreConcurrentModifications(String message) {
        assertThat(ErrorTable.forStatementError("BAD_REQUEST", message)).isEqualTo(ErrorTable.CONCURRENT_MODIFICATION);
        FailedStatementException failed = new FailedStatementException("s1",
                new StatementStatus(StatementState.FAILED, "BAD_REQUEST", message, "2D521"));
        assertThat(ErrorTable.classify(failed)).isEqualTo(ErrorTable.CONCURRENT_MODIFICATION);
        assertThat(ErrorTable.CONCURRENT_MODIFICATION.mayRepeat(failed, CallKind.STATEMENT_RERUN)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601",
        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `t` cannot be found. SQLSTATE: 42P01",
        "[DELTA_DUPLICATE_ACTIONS_FOUND] same SQLSTATE 2D521, but not a conflict",
        "DELTA_CONCURRENT_APPEND without brackets is not an error class",
    })
    void otherFailedStatementsAreNeverRunAgain(String message) {
        assertThat(ErrorTable.forStatementError("BAD_REQUEST", message)).isEqualTo(ErrorTable.NOT_RETRYABLE);
        FailedStatementException failed = new FailedStatementException("s1",
                new StatementStatus(StatementState.FAILED, "BAD_REQUEST", message, null));
        assertThat(ErrorTable.classify(failed).mayRepeat(failed, CallKind.STATEMENT_RERUN)).isFalse();
    }

    @Test
    void theDefaultsAreTheSpecifications() {
        assertThat(ErrorTable.RATE_LIMITED.defaultAttempts()).isEqualTo(5);
        assertThat(ErrorTable.SERVICE_UNAVAILABLE.defaultAttempts()).isEqualTo(3);
        assertThat(ErrorTable.SERVICE_UNAVAILABLE.defaultBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ErrorTable.INTERNAL_ERROR.defaultAttempts()).isEqualTo(3);
        assertThat(ErrorTable.INTERNAL_ERROR.defaultBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(ErrorTable.CONCURRENT_MODIFICATION.defaultAttempts()).isEqualTo(3);
        assertThat(ErrorTable.CONCURRENT_MODIFICATION.defaultBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(ErrorTable.TOKEN_EXPIRED.defaultAttempts()).isEqualTo(1);
        assertThat(ErrorTable.TOKEN_REFRESHES).isEqualTo(1);
        assertThat(ErrorTable.NOT_RETRYABLE.defaultAttempts()).isEqualTo(1);
        assertThat(ErrorTable.RATE_LIMITED.honoursRetryAfter()).isTrue();
        assertThat(ErrorTable.SERVICE_UNAVAILABLE.honoursRetryAfter()).isTrue();
    }

    @Test
    void aStatementSubmissionIsRepeatedOnlyWhenTheServerProvablyDidNotAcceptIt() {
        CallKind submit = CallKind.STATEMENT_SUBMIT;
        assertThat(mayRepeat(api(429, null), submit)).isTrue();
        assertThat(mayRepeat(api(503, null, Duration.ofSeconds(1)), submit)).isTrue();
        assertThat(mayRepeat(api(503, null), submit)).as("503 without Retry-After").isFalse();
        assertThat(mayRepeat(new ConnectFailedException("refused", null), submit)).isTrue();
        assertThat(mayRepeat(api(409, "ABORTED"), submit)).as("aborted: nothing committed").isTrue();
        assertThat(mayRepeat(api(500, null), submit)).isFalse();
        assertThat(mayRepeat(api(502, null), submit)).isFalse();
        assertThat(mayRepeat(api(504, null), submit)).isFalse();
        assertThat(mayRepeat(new ConnectionLostException("reset", null), submit)).isFalse();
        assertThat(mayRepeat(new ResponseTimeoutException("slow", null), submit)).isFalse();
        assertThat(mayRepeat(api(401, null), submit)).as("the transport's one refresh is all").isFalse();
    }

    @Test
    void idempotentCallsAreRepeatedForEveryRetryableRowButNeverForUserErrors() {
        CallKind get = CallKind.IDEMPOTENT;
        assertThat(mayRepeat(api(500, null), get)).isTrue();
        assertThat(mayRepeat(api(503, null), get)).isTrue();
        assertThat(mayRepeat(new ConnectionLostException("reset", null), get)).isTrue();
        assertThat(mayRepeat(new ResponseTimeoutException("slow", null), get)).isTrue();
        assertThat(mayRepeat(api(400, null), get)).isFalse();
        assertThat(mayRepeat(api(403, null), get)).isFalse();
        assertThat(mayRepeat(api(404, null), get)).isFalse();
        assertThat(mayRepeat(api(401, null), get)).isFalse();
    }

    @Test
    void onlyOverloadAndUnreachabilityCountAgainstTheBreaker() {
        assertThat(ErrorTable.RATE_LIMITED.countsAgainstBreaker()).isTrue();
        assertThat(ErrorTable.SERVICE_UNAVAILABLE.countsAgainstBreaker()).isTrue();
        assertThat(ErrorTable.INTERNAL_ERROR.countsAgainstBreaker()).isTrue();
        assertThat(ErrorTable.CONCURRENT_MODIFICATION.countsAgainstBreaker()).isFalse();
        assertThat(ErrorTable.TOKEN_EXPIRED.countsAgainstBreaker()).isFalse();
        assertThat(ErrorTable.NOT_RETRYABLE.countsAgainstBreaker()).isFalse();
    }

    private static boolean mayRepeat(IOException failure, CallKind kind) {
        return ErrorTable.classify(failure).mayRepeat(failure, kind);
    }
}
