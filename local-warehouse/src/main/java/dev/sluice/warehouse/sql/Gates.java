package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.Json;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Named gates that SQL can wait at, so that a test can hold a statement at a known point of its execution and act
 * while it is provably there, instead of guessing with a pause: {@code reflect('dev.sluice.warehouse.sql.Gates',
 * 'pass', 'name', CAST(60000 AS BIGINT))} blocks the Spark task evaluating it until the gate is opened
 * ({@code POST /sluice/gates/{name}}) or the milliseconds pass. An open gate lets everything through until it is
 * removed ({@code DELETE}); {@code GET} says how many evaluations have arrived and are waiting.
 */
public final class Gates {
    private static final ConcurrentMap<String, Gate> GATES = new ConcurrentHashMap<>();

    private Gates() {
    }

    /** One gate; its monitor guards the counts. */
    private static final class Gate {
        private int arrived;
        private int waiting;
        private boolean open;
    }

    private static Gate gate(String name) {
        return GATES.computeIfAbsent(name, n -> new Gate());
    }

    /**
     * Called from SQL through {@code reflect}: waits until the gate is open.
     *
     * @return {@code "open"}, or {@code "timeout"} when the gate stayed closed for {@code timeoutMillis}
     */
    public static String pass(String name, long timeoutMillis) throws InterruptedException {
        Gate gate = gate(name);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (gate) {
            gate.arrived++;
            gate.waiting++;
            try {
                while (!gate.open) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return "timeout";
                    }
                    gate.wait(left);
                }
                return "open";
            } finally {
                gate.waiting--;
            }
        }
    }

    /** Opens the gate: waiting and later evaluations pass. */
    public static ObjectNode open(String name) {
        Gate gate = gate(name);
        synchronized (gate) {
            gate.open = true;
            gate.notifyAll();
        }
        return describe(name);
    }

    /** Opens and forgets the gate, so that nothing stays blocked on it. */
    public static ObjectNode remove(String name) {
        ObjectNode out = open(name);
        GATES.remove(name);
        return out;
    }

    /** {@code {"name":..,"arrived":n,"waiting":n,"open":b}}. */
    public static ObjectNode describe(String name) {
        Gate gate = gate(name);
        synchronized (gate) {
            return Json.object().put("name", name).put("arrived", gate.arrived).put("waiting", gate.waiting)
                    .put("open", gate.open);
        }
    }
}
