package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.SeaHttpClient;
import dev.sluice.jdbc.internal.client.TransportOptions;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.time.Duration;

/** Builds the REST client of one connection from its properties. */
final class Clients {
    private Clients() {
    }

    /**
     * @param auth from {@link Credentials#from}
     * @param network from {@link Networks#from}; the client closes it
     */
    static SeaHttpClient create(ConnectionConfig c, AuthHeaderProvider auth, Network network) throws SQLException {
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
            return new SeaHttpClient(new HttpTransport(options));
        } catch (IllegalArgumentException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid connection settings: " + e.getMessage(), e);
        }
    }

    private static String userAgentEntry(ConnectionConfig c) {
        String entry = ConnectionProperty.USER_AGENT_ENTRY.get(c);
        return entry == null || entry.isBlank() ? null : entry.strip();
    }
}
