package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.StatementParameter;
import dev.sluice.jdbc.internal.client.StatementRequest;
import java.time.Duration;
import java.util.List;

/** Builds the statement POST bodies of one connection. */
final class Requests {
    private static final int SHORTEST_HYBRID_WAIT = 5;

    private Requests() {
    }

    /**
     * @param maxRows setMaxRows, sent as {@code row_limit} (0 = none)
     * @param queryTimeout seconds, the query timeout or else the statement timeout (0 = none); the server-side wait
     *     never outlasts it, so the client can cancel on time
     */
    static StatementRequest statement(SluiceConnection c, String sql, List<StatementParameter> parameters,
                                      long maxRows, int queryTimeout) {
        return statement(c, sql, parameters, maxRows, queryTimeout, c.settings().waitTimeoutSeconds());
    }

    /** As above with the server-side wait given: 0 = asynchronous, 5..50 = hybrid. */
    static StatementRequest statement(SluiceConnection c, String sql, List<StatementParameter> parameters,
                                      long maxRows, int queryTimeout, int waitSeconds) {
        ExecutionSettings s = c.settings();
        int wait = waitSeconds;
        if (queryTimeout > 0 && wait > queryTimeout) {
            wait = queryTimeout < SHORTEST_HYBRID_WAIT ? 0 : queryTimeout;
        }
        return StatementRequest.builder(sql, c.warehouseId())
                .sessionId(c.sessionId())
                .parameters(parameters)
                .disposition(s.disposition())
                .format(s.format())
                .resultCompression(s.compression())
                .waitTimeout(Duration.ofSeconds(wait))
                .onWaitTimeout(StatementRequest.OnWaitTimeout.CONTINUE)
                .rowLimit(maxRows)
                .build();
    }
}
