package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.SeaClient;
import dev.sluice.jdbc.internal.client.StatementRequest;
import dev.sluice.jdbc.internal.client.StatementResponse;
import dev.sluice.jdbc.internal.client.StatementState;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.resilience.CallKind;
import dev.sluice.jdbc.internal.resilience.FailedStatementException;
import dev.sluice.jdbc.internal.resilience.Resilience;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one statement: submit, poll with backoff until a terminal state, and cancel on request,
 * on the query timeout (or, without one, the connection's statement timeout) or on interrupt. {@link #cancel()} is
 * safe from any thread; it reaches the server as soon as the statement id is known.
 *
 * <p>By default the submit is asynchronous ({@code wait_timeout=0s}): the POST answers with the statement id at once,
 * so a cancel, an interrupt or the connection's close always has an id to send, and polls that start after
 * {@value #FIRST_POLL_MILLIS} ms and double find a short statement's end nearly as soon as the hybrid wait would. An
 * interrupt during the POST does not abort it: the response (and the id in it) is awaited, then the statement is
 * cancelled. The connection's {@link #cancelForClose(long)} cancels on the server before the HTTP client closes and
 * makes the running call fail with 08003.
 *
 * <p>A statement that FAILED because a concurrent Delta transaction won (the error table's
 * CONCURRENT_MODIFICATION row) is submitted again after a short wait: its own transaction aborted, so nothing of
 * it was committed and running it again is what the application would do. This is the one case in which the
 * driver sends the same statement twice; it never does after a failure that leaves open whether it ran.
 */
final class Execution {
    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);
    private static final long FIRST_POLL_MILLIS = 2;

    private final SeaClient client;
    private final long maxPollMillis;
    private final Resilience resilience;
    private final Duration statementTimeout;
    private final Object signal = new Object();
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private final CountDownLatch submitted = new CountDownLatch(1);
    private volatile String statementId;
    private volatile boolean cancelRequested;
    private volatile boolean connectionClosed;

    /**
     * @param resilience decides whether a statement that failed on a conflict runs again
     * @param statementTimeout the limit of a statement without a query timeout; zero for none
     */
    Execution(SeaClient client, long maxPollMillis, Resilience resilience, Duration statementTimeout) {
        this.client = client;
        this.maxPollMillis = maxPollMillis;
        this.resilience = resilience;
        this.statementTimeout = statementTimeout;
    }

    /** The limit in force and how to name it in a timeout's message. */
    private record Limit(long seconds, String name) {
        long deadline(long start) {
            return seconds > 0 ? start + TimeUnit.SECONDS.toNanos(seconds) : 0;
        }
    }

    /**
     * Runs the request to a terminal state and returns the SUCCEEDED response.
     *
     * @param timeoutSeconds the query timeout, 0 for none (then the connection's statement timeout applies)
     * @throws SQLTimeoutException when the timeout passed (the statement was cancelled on the server)
     * @throws SQLException the server's error for FAILED, 57014 for a cancelled statement
     */
    StatementResponse run(StatementRequest request, int timeoutSeconds) throws SQLException {
        try {
            return runToEnd(request, timeoutSeconds);
        } catch (SQLException e) {
            if (connectionClosed) {
                throw Errors.of(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection was closed while statement "
                        + (statementId == null ? "(not yet submitted)" : statementId) + " ran; it was cancelled", e);
            }
            throw e;
        } finally {
            submitted.countDown();
        }
    }

    private StatementResponse runToEnd(StatementRequest request, int timeoutSeconds) throws SQLException {
        Limit limit = timeoutSeconds > 0 ? new Limit(timeoutSeconds, "the query timeout")
                : new Limit(statementTimeout.toSeconds(), "the statement timeout (StatementTimeout)");
        long deadline = limit.deadline(System.nanoTime());
        Resilience.Attempts reruns = resilience.attempts(CallKind.STATEMENT_RERUN, "statement");
        while (true) {
            StatementResponse response = runOnce(request, limit, deadline);
            if (response.state() != StatementState.FAILED || cancelRequested) {
                return terminal(response, limit, deadline);
            }
            FailedStatementException failure = new FailedStatementException(statementId, response.status());
            Duration wait = reruns.next(failure);
            if (wait == null || (deadline != 0 && System.nanoTime() + wait.toNanos() - deadline >= 0)) {
                return terminal(response, limit, deadline);
            }
            pauseFor(Math.max(1, wait.toMillis()));
            if (cancelRequested) {
                throw Errors.of(SqlState.QUERY_CANCELED, "statement " + statementId + " was cancelled before it"
                        + " could run again after a concurrent write conflict");
            }
            LOG.debug("running statement again after {} failed on a concurrent write conflict", statementId);
            statementId = null;
            cancelSent.set(false);
        }
    }

    private StatementResponse runOnce(StatementRequest request, Limit limit, long deadline) throws SQLException {
        StatementResponse response;
        if (Thread.currentThread().isInterrupted()) {
            // interrupted before anything was sent: start nothing on the server, rather than start and cancel it
            submitted.countDown();
            throw Errors.of(SqlState.OPERATION_CANCELED, "interrupted before the statement was submitted;"
                    + " nothing was sent");
        }
        try {
            response = client.execute(request, remaining(deadline));
        } catch (IOException e) {
            throw ServerErrors.from(e, "run the statement", false);
        } finally {
            submitted.countDown();
        }
        statementId = response.statementId();
        if (Thread.currentThread().isInterrupted() && !response.state().isTerminal()) {
            // interrupted during the POST, which was let finish so that its id could be cancelled now
            cancelRequested = true;
            sendCancelQuietly();
            throw Errors.of(SqlState.QUERY_CANCELED, "interrupted while submitting statement " + statementId
                    + "; it was cancelled");
        }
        long pause = Math.min(FIRST_POLL_MILLIS, maxPollMillis);
        while (!response.state().isTerminal()) {
            if (cancelRequested) {
                sendCancel();
            }
            if (connectionClosed) {
                throw Errors.of(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection was closed while statement "
                        + statementId + " ran; it was cancelled");
            }
            if (deadline != 0 && System.nanoTime() - deadline >= 0) {
                sendCancel();
                throw timedOut(limit);
            }
            long wait = pause;
            if (deadline != 0) {
                wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            if (wait > 0) {
                // zero only in a replay, whose answers come in the recorded order whatever the pace
                pauseFor(wait);
            }
            pause = Math.min(pause * 2, maxPollMillis);
            try {
                response = client.get(statementId, remaining(deadline));
            } catch (IOException e) {
                sendCancelQuietly();
                if (interrupted(e)) {
                    // the thread was interrupted during a status poll rather than between polls: the same cancel
                    cancelRequested = true;
                    throw Errors.of(SqlState.QUERY_CANCELED, "interrupted while waiting for statement "
                            + statementId + "; it was cancelled", e);
                }
                if (deadline != 0 && (System.nanoTime() - deadline >= 0 || Resilience.ranOutOfTime(e))) {
                    SQLException timeout = timedOut(limit);
                    timeout.initCause(e);
                    throw timeout;
                }
                throw ServerErrors.from(e, "read the status of statement " + statementId, false);
            }
        }
        return response;
    }

    /** Whether a failed call failed because this thread was interrupted (not a network timeout). */
    private static boolean interrupted(IOException e) {
        return Thread.currentThread().isInterrupted() || (e instanceof java.io.InterruptedIOException
                && !(e instanceof java.net.SocketTimeoutException));
    }

    /** The time left before the deadline, so that retries of a call do not outlast it; null without a limit. */
    private static Duration remaining(long deadline) {
        return deadline == 0 ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private StatementResponse terminal(StatementResponse response, Limit limit, long deadline)
            throws SQLException {
        StatementState state = response.state();
        if (state == StatementState.SUCCEEDED) {
            return response;
        }
        if (state == StatementState.FAILED) {
            throw ServerErrors.failed(response.status(), statementId);
        }
        if (state == StatementState.CANCELED) {
            if (deadline != 0 && !cancelRequested && System.nanoTime() - deadline >= 0) {
                throw timedOut(limit);
            }
            String why = response.status().message();
            throw Errors.of(SqlState.QUERY_CANCELED, "statement " + statementId + " was cancelled"
                    + (why == null ? "" : ": " + why));
        }
        throw Errors.of(SqlState.INVALID_CURSOR_STATE, "statement " + statementId + " was closed before its result"
                + " could be read");
    }

    private SQLException timedOut(Limit limit) {
        return Errors.of(SqlState.TIMEOUT, "statement " + statementId + " did not finish within " + limit.name()
                + " of " + limit.seconds() + " s and was cancelled");
    }

    private void pauseFor(long millis) throws SQLException {
        synchronized (signal) {
            try {
                // cancel() wakes this wait early so the cancel goes out at once
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelRequested = true;
                sendCancelQuietly();
                throw Errors.of(SqlState.QUERY_CANCELED, "interrupted while waiting for statement " + statementId
                        + "; it was cancelled", e);
            }
        }
    }

    /** Asks for cancellation; from any thread, any number of times. */
    void cancel() throws SQLException {
        cancelRequested = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        if (statementId != null) {
            sendCancel();
        }
    }

    /**
     * For Connection.close(): cancels the statement on the server while the HTTP client is still open. When the
     * submit is still in flight, waits for its answer (at most {@code maxWaitMillis}) so that the id it brings can be
     * cancelled; the running call then fails with 08003.
     */
    void cancelForClose(long maxWaitMillis) {
        connectionClosed = true;
        cancelRequested = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            if (!submitted.await(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                LOG.debug("closing while a statement submit is still unanswered after {} ms", maxWaitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = statementId;
        if (id != null) {
            // sent from here even when the running thread sent one: its request may be cut off by the close
            cancelSent.set(true);
            try {
                client.cancel(id);
            } catch (IOException e) {
                LOG.debug("cancel of statement {} on close failed: {}", id, e.getMessage());
            }
        }
    }

    private void sendCancel() throws SQLException {
        String id = statementId;
        if (id == null || !cancelSent.compareAndSet(false, true)) {
            return;
        }
        try {
            client.cancel(id);
        } catch (IOException e) {
            throw ServerErrors.from(e, "cancel statement " + id, false);
        }
    }

    private void sendCancelQuietly() {
        try {
            sendCancel();
        } catch (SQLException e) {
            LOG.debug("cancel of statement {} failed: {}", statementId, e.getMessage());
        }
    }

    String statementId() {
        return statementId;
    }
}
