package dev.sluice.jdbc.internal.resilience;

import dev.sluice.jdbc.internal.client.ApiException;
import dev.sluice.jdbc.internal.client.ConnectFailedException;
import dev.sluice.jdbc.internal.client.TransportException;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one error table: every failure of a REST call, and every statement that FAILED, falls into exactly one row,
 * and the row alone decides how often the call is tried, how long to wait, whether a statement submission may be
 * sent again, and whether the failure counts against the workspace's circuit breaker.
 *
 * <table>
 *   <caption>Rows and their defaults</caption>
 *   <tr><th>Row</th><th>Failures</th><th>Attempts</th><th>Wait</th><th>Statement POST repeated</th></tr>
 *   <tr><td>{@link #RATE_LIMITED}</td><td>429, RESOURCE_EXHAUSTED, REQUEST_LIMIT_EXCEEDED</td><td>5</td>
 *       <td>Retry-After (seconds or HTTP date), else 1 s doubling</td><td>yes: 429 proves it was not accepted</td></tr>
 *   <tr><td>{@link #SERVICE_UNAVAILABLE}</td><td>503, TEMPORARILY_UNAVAILABLE, connection not established</td>
 *       <td>3</td><td>Retry-After, else 1 s doubling</td>
 *       <td>only with Retry-After, or when no connection was made</td></tr>
 *   <tr><td>{@link #INTERNAL_ERROR}</td><td>500, 502, 504 and other 5xx but 501; connection lost after sending; no
 *       response in time</td><td>3</td><td>500 ms doubling</td><td>never: the server may have accepted it</td></tr>
 *   <tr><td>{@link #CONCURRENT_MODIFICATION}</td><td>409 (but *ALREADY_EXISTS); a statement FAILED with a Delta
 *       concurrent-write error class</td><td>3</td><td>100 ms doubling</td>
 *       <td>yes: the Delta transaction aborted, nothing was committed</td></tr>
 *   <tr><td>{@link #TOKEN_EXPIRED}</td><td>401</td><td>1 immediate repeat after a credential refresh, made by
 *       the transport</td><td>none</td><td>yes, once (a 401 proves it was not accepted)</td></tr>
 *   <tr><td>{@link #NOT_RETRYABLE}</td><td>400, 403, 404, 409 *ALREADY_EXISTS, 501, other 4xx; local failures
 *       (malformed response, closed client, interrupt)</td><td>1</td><td>none</td><td>never</td></tr>
 * </table>
 *
 * <p>502 and 504 are in {@link #INTERNAL_ERROR}: they come from the gateway in front of the workspace, which may
 * have forwarded the request before it failed, so they are as ambiguous as a 500 for a submission and as
 * transient as a 500 for everything else. A connection that could not be made is in
 * {@link #SERVICE_UNAVAILABLE}: nothing was sent, and the workspace is, for us, unavailable.
 */
public enum ErrorTable {
    /** Throttled by the workspace: 429 or a rate-limit error code. */
    RATE_LIMITED(5, Duration.ofSeconds(1), true, true),
    /** The service cannot take requests now: 503, or no connection could be made. */
    SERVICE_UNAVAILABLE(3, Duration.ofSeconds(1), true, true),
    /** The server or its gateway failed, or the exchange broke after the request was sent. */
    INTERNAL_ERROR(3, Duration.ofMillis(500), false, true),
    /** A concurrent change won: 409 or a Delta transaction conflict. Nothing was committed. */
    CONCURRENT_MODIFICATION(3, Duration.ofMillis(100), false, false),
    /** The credentials expired: one immediate repeat after a refresh, made by the HTTP transport. */
    TOKEN_EXPIRED(1, Duration.ZERO, false, false),
    /** Syntax, permission, not found and every other failure a repeat cannot fix. */
    NOT_RETRYABLE(1, Duration.ZERO, false, false);

    /** Delta's concurrent-write error classes (delta-error-classes.json, SQLSTATE 2D521); subclasses follow a dot. */
    static final Set<String> DELTA_CONFLICTS = Set.of("DELTA_CONCURRENT_APPEND", "DELTA_CONCURRENT_DELETE_DELETE",
            "DELTA_CONCURRENT_DELETE_READ", "DELTA_CONCURRENT_TRANSACTION", "DELTA_CONCURRENT_WRITE",
            "DELTA_METADATA_CHANGED", "DELTA_PROTOCOL_CHANGED");
    /** How many credential refreshes a 401 may trigger per request: one, never a loop. */
    public static final int TOKEN_REFRESHES = 1;

    private static final Pattern ERROR_CLASS = Pattern.compile("^\\s*\\[([A-Z0-9_]+)(?:\\.[A-Z0-9_]+)*]");

    private final int defaultAttempts;
    private final Duration defaultBackoff;
    private final boolean honoursRetryAfter;
    private final boolean breakerFailure;

    ErrorTable(int defaultAttempts, Duration defaultBackoff, boolean honoursRetryAfter, boolean breakerFailure) {
        this.defaultAttempts = defaultAttempts;
        this.defaultBackoff = defaultBackoff;
        this.honoursRetryAfter = honoursRetryAfter;
        this.breakerFailure = breakerFailure;
    }

    /** Attempts of a call, the first included, when no connection property says otherwise. */
    public int defaultAttempts() {
        return defaultAttempts;
    }

    /** The first wait when the server sent no {@code Retry-After}; it doubles after every further failure. */
    public Duration defaultBackoff() {
        return defaultBackoff;
    }

    /** True when the server's {@code Retry-After} decides the wait. */
    public boolean honoursRetryAfter() {
        return honoursRetryAfter;
    }

    /**
     * True when a call that still failed with this row after its retries counts against the workspace's circuit
     * breaker: the workspace is overloaded, unavailable or unreachable. User errors (4xx) never count.
     */
    public boolean countsAgainstBreaker() {
        return breakerFailure;
    }

    /** The row of a failed REST call. */
    public static ErrorTable classify(IOException failure) {
        if (failure instanceof FailedStatementException failed) {
            return forStatementError(failed.status().errorCode(), failed.status().message());
        }
        if (failure instanceof ApiException api) {
            return forResponse(api.httpStatus(), api.errorCode());
        }
        if (failure instanceof ConnectFailedException connect) {
            // a refused certificate, TLS version or proxy password fails the same way every time
            return connect.isPermanent() ? NOT_RETRYABLE : SERVICE_UNAVAILABLE;
        }
        if (failure instanceof TransportException) {
            return INTERNAL_ERROR;
        }
        return NOT_RETRYABLE;
    }

    /** The row of an HTTP answer; a rate-limit or unavailability code wins over the status. */
    public static ErrorTable forResponse(int status, String errorCode) {
        String code = errorCode == null ? "" : errorCode.toUpperCase(Locale.ROOT);
        if (status == 429 || code.equals("RESOURCE_EXHAUSTED") || code.equals("REQUEST_LIMIT_EXCEEDED")) {
            return RATE_LIMITED;
        }
        if (status == 503 || code.equals("TEMPORARILY_UNAVAILABLE")) {
            return SERVICE_UNAVAILABLE;
        }
        if (status == 401) {
            return TOKEN_EXPIRED;
        }
        if (status == 409) {
            // creating what already exists fails again however often it is repeated
            return code.endsWith("ALREADY_EXISTS") ? NOT_RETRYABLE : CONCURRENT_MODIFICATION;
        }
        if (status >= 500 && status != 501) {
            return INTERNAL_ERROR;
        }
        return NOT_RETRYABLE;
    }

    /**
     * The row of a statement that FAILED: {@link #CONCURRENT_MODIFICATION} when its message starts with one of
     * Delta's concurrent-write error classes ({@code [DELTA_CONCURRENT_APPEND.WITHOUT_HINT] ...}) or its error code
     * is {@code ABORTED}; otherwise {@link #NOT_RETRYABLE}: a failed statement is the user's business.
     */
    public static ErrorTable forStatementError(String errorCode, String message) {
        if (errorCode != null && errorCode.equalsIgnoreCase("ABORTED")) {
            return CONCURRENT_MODIFICATION;
        }
        if (message != null) {
            Matcher m = ERROR_CLASS.matcher(message);
            if (m.find() && DELTA_CONFLICTS.contains(m.group(1))) {
                return CONCURRENT_MODIFICATION;
            }
        }
        return NOT_RETRYABLE;
    }

    /**
     * Whether a failure of this row may be repeated for a call of this kind: idempotent calls always, a statement
     * submission only when the failure proves that the server did not accept it, and a statement that FAILED only
     * with a concurrent modification (its transaction aborted).
     */
    public boolean mayRepeat(IOException failure, CallKind kind) {
        switch (this) {
            case TOKEN_EXPIRED:
            case NOT_RETRYABLE:
                return false;
            default:
                break;
        }
        switch (kind) {
            case IDEMPOTENT:
                return true;
            case STATEMENT_RERUN:
                return this == CONCURRENT_MODIFICATION;
            case STATEMENT_SUBMIT:
                if (this == RATE_LIMITED || this == CONCURRENT_MODIFICATION) {
                    return true;
                }
                if (this == SERVICE_UNAVAILABLE) {
                    return failure instanceof ConnectFailedException
                            || (failure instanceof ApiException api && api.retryAfter() != null);
                }
                return false;
            default:
                throw new IllegalArgumentException("unknown call kind " + kind);
        }
    }
}
