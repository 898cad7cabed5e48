package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.SeaClient;
import dev.sluice.jdbc.internal.client.StatementRequest;
import dev.sluice.jdbc.internal.client.StatementResponse;
import dev.sluice.jdbc.internal.client.StatementState;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one statement: submit, poll with backoff until a terminal state, and cancel on request,
 * on the query timeout or on interrupt. {@link #cancel()} is safe from any thread; it reaches the
 * server as soon as the statement id is known.
 */
final class Execution {
    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);
    private static final long FIRST_POLL_MILLIS = 10;

    private final SeaClient client;
    private final long maxPollMillis;
    private final Object signal = new Object();
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private volatile String statementId;
    private volatile boolean cancelRequested;

    Execution(SeaClient client, long maxPollMillis) {
        this.client = client;
        this.maxPollMillis = maxPollMillis;
    }

    /**
     * Runs the request to a terminal state and returns the SUCCEEDED response.
     *
     * @param timeoutSeconds the query timeout, 0 for none
     * @throws SQLTimeoutException when the timeout passed (the statement was cancelled on the server)
     * @throws SQLException the server's error for FAILED, 57014 for a cancelled statement
     */
    StatementResponse run(StatementRequest request, int timeoutSeconds) throws SQLException {
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : 0;
        StatementResponse response;
        try {
            response = client.execute(request);
        } catch (IOException e) {
            throw ServerErrors.from(e, "run the statement", false);
        }
        statementId = response.statementId();
        long pause = FIRST_POLL_MILLIS;
        while (!response.state().isTerminal()) {
            if (cancelRequested) {
                sendCancel();
            }
            if (deadline != 0 && System.nanoTime() - deadline >= 0) {
                sendCancel();
                throw timedOut(timeoutSeconds);
            }
            long wait = pause;
            if (deadline != 0) {
                wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            pauseFor(wait);
            pause = Math.min(pause * 2, maxPollMillis);
            try {
                response = client.get(statementId);
            } catch (IOException e) {
                sendCancelQuietly();
                throw ServerErrors.from(e, "read the status of statement " + statementId, false);
            }
        }
        return terminal(response, timeoutSeconds, deadline);
    }

    private StatementResponse terminal(StatementResponse response, int timeoutSeconds, long deadline)
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
                throw timedOut(timeoutSeconds);
            }
            String why = response.status().message();
            throw Errors.of(SqlState.QUERY_CANCELED, "statement " + statementId + " was cancelled"
                    + (why == null ? "" : ": " + why));
        }
        throw Errors.of(SqlState.INVALID_CURSOR_STATE, "statement " + statementId + " was closed before its result"
                + " could be read");
    }

    private SQLException timedOut(int timeoutSeconds) {
        return Errors.of(SqlState.TIMEOUT, "statement " + statementId + " did not finish within the query timeout of "
                + timeoutSeconds + " s and was cancelled");
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
