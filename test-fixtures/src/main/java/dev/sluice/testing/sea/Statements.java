package dev.sluice.testing.sea;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statements the server accepted, and the cancels and closes it accepted, in order. */
final class Statements {

    private final Map<String, RunningStatement> byId = new LinkedHashMap<>();
    private final List<String> cancelled = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    synchronized RunningStatement create(StatementScript script, StatementRequest request) {
        RunningStatement statement = new RunningStatement(Ids.next(), script, request);
        byId.put(statement.id(), statement);
        return statement;
    }

    synchronized RunningStatement get(String id) {
        return byId.get(id);
    }

    synchronized void recordCancel(String id) {
        cancelled.add(id);
    }

    synchronized void recordClose(String id) {
        closed.add(id);
        notifyAll();
    }

    /** Waits until {@code count} closes have been accepted; false when {@code maxMillis} passed first. */
    synchronized boolean awaitClosed(int count, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (closed.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }

    synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    synchronized List<String> idsFor(String sql) {
        List<String> ids = new ArrayList<>();
        for (RunningStatement statement : byId.values()) {
            if (sql.equals(statement.request().statement())) {
                ids.add(statement.id());
            }
        }
        return List.copyOf(ids);
    }

    synchronized List<String> cancelled() {
        return List.copyOf(cancelled);
    }

    synchronized List<String> closed() {
        return List.copyOf(closed);
    }

    synchronized void clear() {
        byId.clear();
        cancelled.clear();
        closed.clear();
    }
}
