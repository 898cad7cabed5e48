package dev.sluice.warehouse.sql;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** One statement's life: state, result or failure, and the handles needed to cancel it. */
final class Statement {

    enum State { PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED, CLOSED;
        boolean terminal() {
            return this != PENDING && this != RUNNING;
        }
    }

    final String id;
    final StatementRequest request;
    final String linkKey;
    /** Who submitted it; only they may see, cancel, close or fetch it. */
    final String principal;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile State state = State.PENDING;
    private volatile MaterializedResult result;
    private volatile SqlFailure failure;
    private volatile boolean inline;
    private volatile Instant terminalAt;
    volatile Future<?> task;

    Statement(String id, StatementRequest request, String linkKey, String principal) {
        this.id = id;
        this.request = request;
        this.linkKey = linkKey;
        this.principal = principal;
    }

    /** True when {@code who} submitted this statement. */
    boolean ownedBy(String who) {
        return java.util.Objects.equals(principal, who);
    }

    State state() { return state; }
    MaterializedResult result() { return result; }
    SqlFailure failure() { return failure; }
    boolean inline() { return inline; }
    Instant terminalAt() { return terminalAt; }

    synchronized boolean start() {
        if (state != State.PENDING) {
            return false;
        }
        state = State.RUNNING;
        return true;
    }

    synchronized void succeed(MaterializedResult r, boolean inlineResult) {
        if (state.terminal()) {
            r.delete(); // canceled or closed while the result was being written
            return;
        }
        result = r;
        inline = inlineResult;
        finish(State.SUCCEEDED);
    }

    synchronized void fail(SqlFailure f) {
        if (!state.terminal()) {
            failure = f;
            finish(State.FAILED);
        }
    }

    /** Returns true when this call moved the statement to CANCELED. */
    synchronized boolean cancel() {
        if (state.terminal()) {
            return false;
        }
        failure = null;
        finish(State.CANCELED);
        return true;
    }

    synchronized void close() {
        MaterializedResult r = result;
        result = null;
        if (r != null) {
            r.delete();
        }
        if (state != State.CLOSED) {
            finish(State.CLOSED);
        }
    }

    private void finish(State s) {
        state = s;
        if (terminalAt == null) {
            terminalAt = Instant.now();
        }
        done.complete(null);
    }
}
