package dev.sluice.testing.sea;

import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Installs a rule that takes matching requests out of normal handling, before authentication and scripts:
 * for HTTP errors, faults and delays on any endpoint. A rule applies once unless {@link #times} or
 * {@link #always} says otherwise; the most recently installed matching rule applies first.
 *
 * <pre>{@code
 * warehouse.on(Endpoint.EXECUTE_STATEMENT).times(2).reply(HttpReply.unavailable(1));
 * warehouse.on(Endpoint.DOWNLOAD).forChunk(1).fault(Fault.CONNECTION_RESET_BY_PEER);
 * warehouse.on(Endpoint.GET_STATEMENT).always().delay(Duration.ofMillis(300));
 * }</pre>
 *
 * An intercepted request is recorded like any other but has no effect on the server: an intercepted POST
 * creates no statement, an intercepted cancel cancels nothing.
 */
public final class InterceptBuilder {

    private final ScriptedWarehouse warehouse;
    private final Intercepts intercepts;
    private final Set<Endpoint> endpoints;
    private Predicate<RecordedRequest> condition = request -> true;
    private int times = 1;

    InterceptBuilder(ScriptedWarehouse warehouse, Intercepts intercepts, Set<Endpoint> endpoints) {
        this.warehouse = warehouse;
        this.intercepts = intercepts;
        this.endpoints = Set.copyOf(endpoints);
    }

    /** Narrows the rule to requests that also satisfy the condition. */
    public InterceptBuilder when(Predicate<RecordedRequest> extra) {
        Objects.requireNonNull(extra, "extra is null");
        Predicate<RecordedRequest> before = condition;
        condition = request -> before.test(request) && extra.test(request);
        return this;
    }

    /** Narrows the rule to requests whose path names this statement. */
    public InterceptBuilder forStatement(String statementId) {
        return when(request -> statementId.equals(request.statementId()));
    }

    /** Narrows the rule to chunk and download requests for this chunk index. */
    public InterceptBuilder forChunk(int chunkIndex) {
        return when(request -> request.chunkIndex().orElse(-1) == chunkIndex);
    }

    /** Applies to the first {@code count} matching requests only. */
    public InterceptBuilder times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + count);
        }
        this.times = count;
        return this;
    }

    /** Applies to every matching request until the warehouse is reset. */
    public InterceptBuilder always() {
        this.times = -1;
        return this;
    }

    /** Answers matching requests with the reply (status, headers, exact body, delay or fault). */
    public ScriptedWarehouse reply(HttpReply reply) {
        Objects.requireNonNull(reply, "reply is null");
        return install(Intercepts.Action.REPLY, reply, Duration.ZERO, -1);
    }

    /** Answers matching requests with a connection fault instead of HTTP. */
    public ScriptedWarehouse fault(Fault fault) {
        return reply(HttpReply.fault(fault));
    }

    /** Holds matching requests for the duration, then handles them normally. */
    public ScriptedWarehouse delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + delay);
        }
        return install(Intercepts.Action.DELAY, null, delay, -1);
    }

    /**
     * Handles matching requests normally, but sends only the first {@code keepBytes} of the body under the full
     * {@code Content-Length}, then closes the connection: a download broken mid-body.
     */
    public ScriptedWarehouse truncateBody(int keepBytes) {
        if (keepBytes < 0) {
            throw new IllegalArgumentException("keepBytes is negative: " + keepBytes);
        }
        return install(Intercepts.Action.TRUNCATE, null, Duration.ZERO, keepBytes);
    }

    private ScriptedWarehouse install(Intercepts.Action action, HttpReply reply, Duration delay, int keepBytes) {
        intercepts.add(new Intercepts.Rule(endpoints, condition, times, action, reply, delay, keepBytes));
        return warehouse;
    }
}
