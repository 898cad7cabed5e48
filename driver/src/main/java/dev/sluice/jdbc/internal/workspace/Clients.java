package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.TransportOptions;
import dev.sluice.jdbc.internal.client.TransportSeam;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.resilience.BreakerSettings;
import dev.sluice.jdbc.internal.resilience.HostBreaker;
import dev.sluice.jdbc.internal.resilience.HostBreakers;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.resilience.Sleeper;
import dev.sluice.jdbc.internal.resilience.Timeouts;
import dev.sluice.jdbc.internal.simulate.Simulation;
import java.sql.SQLException;
import java.time.Duration;

/** Builds the transport and resilience a {@link Workspace} shares between its REST clients. */
final class Clients {
    private Clients() {
    }

    /** The retry policies and the host's shared circuit breaker, from the resilience properties. */
    static Resilience resilience(ConnectionConfig c) throws SQLException {
        BreakerSettings breakerSettings = ResilienceSettings.breaker(c);
        try {
            HostBreaker breaker = breakerSettings == null ? null
                    : HostBreakers.shared().forHost(c.host(), c.port(), breakerSettings);
            return new Resilience(ResilienceSettings.retry(c), breaker, Sleeper.abortable(), System::nanoTime);
        } catch (IllegalArgumentException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid connection settings: " + e.getMessage(), e);
        }
    }

    /**
     * The HTTP transport every REST client of the connection shares.
     *
     * @param auth from {@link Credentials#from}
     * @param network from {@link Networks#from}; the transport closes it
     * @param seam from {@link #seam}; the transport closes it
     */
    static HttpTransport transport(ConnectionConfig c, AuthHeaderProvider auth, Network network, TransportSeam seam)
            throws SQLException {
        try {
            TransportOptions options = TransportOptions.builder(c.host(), c.port())
                    .tls(ConnectionProperty.SSL.booleanValue(c))
                    .connectTimeout(Duration.ofSeconds(Math.max(1, ConnectionProperty.CONNECT_TIMEOUT.intValue(c))))
                    .requestTimeout(ConnectionProperty.SOCKET_TIMEOUT.secondsValue(c))
                    .userAgentEntry(userAgentEntry(c))
                    .extraHeaders(c.httpHeaders())
                    .auth(auth)
                    .network(network)
                    .build();
            return new HttpTransport(options, seam);
        } catch (IllegalArgumentException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid connection settings: " + e.getMessage(), e);
        }
    }

    /** The simulation seam of the connection ({@code Simulation=}), or null when it is off. */
    static TransportSeam seam(ConnectionConfig c) throws SQLException {
        try {
            return Simulation.of(c).seam(c, HttpTransport.baseUri(c.host(), c.port(),
                    ConnectionProperty.SSL.booleanValue(c)));
        } catch (IllegalArgumentException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid connection settings: " + e.getMessage(), e);
        }
    }

    /**
     * The per-operation timeouts. The statement POST's timeout is kept above the server-side wait the driver asks
     * for ({@code WaitTimeout}), or every hybrid-mode statement slower than the submit timeout would fail while
     * the server is still, rightly, holding the response.
     */
    static Timeouts timeouts(ConnectionConfig c) throws SQLException {
        Duration submit = ResilienceSettings.positiveSeconds(c, ConnectionProperty.STATEMENT_SUBMIT_TIMEOUT);
        Duration wait = ConnectionProperty.WAIT_TIMEOUT.secondsValue(c);
        Duration floor = wait.plusSeconds(10);
        if (!wait.isZero() && submit.compareTo(floor) < 0) {
            submit = floor;
        }
        return new Timeouts(submit,
                ResilienceSettings.positiveSeconds(c, ConnectionProperty.STATEMENT_POLL_TIMEOUT),
                ConnectionProperty.STATEMENT_TIMEOUT.secondsValue(c),
                ResilienceSettings.positiveSeconds(c, ConnectionProperty.CHUNK_FETCH_TIMEOUT));
    }

    /** Longer entries are refused: servers and proxies drop requests whose headers pass a few kilobytes. */
    static final int MAX_USER_AGENT_ENTRY = 256;

    /** @throws SQLException 22023 naming the property for an entry too long or not printable ASCII */
    private static String userAgentEntry(ConnectionConfig c) throws SQLException {
        String entry = ConnectionProperty.USER_AGENT_ENTRY.get(c);
        if (entry == null || entry.isBlank()) {
            return null;
        }
        entry = entry.strip();
        if (entry.length() > MAX_USER_AGENT_ENTRY) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "connection property UserAgentEntry is "
                    + entry.length() + " characters long; at most " + MAX_USER_AGENT_ENTRY + " are allowed");
        }
        for (int i = 0; i < entry.length(); i++) {
            char ch = entry.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "connection property UserAgentEntry has the"
                        + " character U+" + String.format("%04X", (int) ch) + " at offset " + i
                        + "; only printable ASCII can be sent in a User-Agent header");
            }
        }
        return entry;
    }
}
