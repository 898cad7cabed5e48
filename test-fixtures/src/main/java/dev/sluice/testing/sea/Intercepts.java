package dev.sluice.testing.sea;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rules that take a request out of normal handling, before authentication: a canned reply or fault, a delay,
 * or a truncated body. The most recently installed matching rule with uses left applies; one rule per request.
 */
final class Intercepts {

    /** What a rule does. */
    enum Action {
        /** Answer with the rule's reply instead of handling the request. */
        REPLY,
        /** Wait, then handle the request normally. */
        DELAY,
        /** Handle normally, then cut the body short and close the connection. */
        TRUNCATE
    }

    /** One installed rule; {@code remaining} is -1 for unlimited. */
    static final class Rule {
        private final Set<Endpoint> endpoints;
        private final Predicate<RecordedRequest> condition;
        private final Action action;
        private final HttpReply reply;
        private final Duration delay;
        private final int keepBytes;
        private int remaining;

        Rule(Set<Endpoint> endpoints, Predicate<RecordedRequest> condition, int remaining, Action action,
             HttpReply reply, Duration delay, int keepBytes) {
            this.endpoints = Set.copyOf(endpoints);
            this.condition = condition;
            this.remaining = remaining;
            this.action = action;
            this.reply = reply;
            this.delay = delay;
            this.keepBytes = keepBytes;
        }

        Action action() {
            return action;
        }

        HttpReply reply() {
            return reply;
        }

        Duration delay() {
            return delay;
        }

        int keepBytes() {
            return keepBytes;
        }

        private boolean appliesTo(RecordedRequest request) {
            return (endpoints.isEmpty() || endpoints.contains(request.endpoint())) && condition.test(request);
        }
    }

    private final Deque<Rule> rules = new ArrayDeque<>();

    synchronized void add(Rule rule) {
        rules.addFirst(rule);
    }

    /** The rule for the request, consuming one use, or null. */
    synchronized Rule take(RecordedRequest request) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.appliesTo(request)) {
                if (rule.remaining > 0 && --rule.remaining == 0) {
                    it.remove();
                }
                return rule;
            }
        }
        return null;
    }

    synchronized void clear() {
        rules.clear();
    }
}
