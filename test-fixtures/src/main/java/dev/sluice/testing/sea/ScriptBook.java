package dev.sluice.testing.sea;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/** Registered statement scripts; the most recently registered matching script with uses left wins. */
final class ScriptBook {

    private final Deque<Entry> entries = new ArrayDeque<>();
    private StatementScript fallback;

    private static final class Entry {
        private final StatementScript script;
        private int remaining;

        private Entry(StatementScript script) {
            this.script = script;
            this.remaining = script.times();
        }
    }

    synchronized void add(StatementScript script) {
        entries.addFirst(new Entry(script));
    }

    synchronized void fallback(StatementScript script) {
        this.fallback = script;
    }

    /** The script for the request, consuming one use; the fallback, or null when nothing applies. */
    synchronized StatementScript take(StatementRequest request) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.script.matches(request)) {
                if (entry.remaining > 0 && --entry.remaining == 0) {
                    it.remove();
                }
                return entry.script;
            }
        }
        return fallback;
    }

    synchronized void clear() {
        entries.clear();
        fallback = null;
    }
}
