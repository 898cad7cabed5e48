package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.Version;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.HttpTransport;
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
    private static final int PERSONAL_ACCESS_TOKEN = 3;

    private Clients() {
    }

    static SeaHttpClient create(ConnectionConfig c) throws SQLException {
        AuthHeaderProvider auth = auth(c);
        try {
            TransportOptions options = TransportOptions.builder(c.host(), c.port())
                    .tls(ConnectionProperty.SSL.booleanValue(c))
                    .connectTimeout(Duration.ofSeconds(Math.max(1, ConnectionProperty.CONNECT_TIMEOUT.intValue(c))))
                    .requestTimeout(ConnectionProperty.SOCKET_TIMEOUT.secondsValue(c))
                    .userAgentEntry(userAgentEntry(c))
                    .extraHeaders(c.httpHeaders())
                    .auth(auth)
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

    private static AuthHeaderProvider auth(ConnectionConfig c) throws SQLException {
        int mech = ConnectionProperty.AUTH_MECH.intValue(c);
        if (mech != PERSONAL_ACCESS_TOKEN) {
            throw Errors.notSupported("AuthMech=" + mech + " (only AuthMech=3, personal access tokens, in Sluice "
                    + Version.TEXT + ")");
        }
        String uid = ConnectionProperty.UID.get(c);
        if (uid != null && !"token".equalsIgnoreCase(uid.strip())) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION, "UID must be 'token' with AuthMech=3, got '" + uid + "'");
        }
        String token = ConnectionProperty.PWD.get(c);
        if (token == null || token.isBlank()) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION,
                    "PWD (the personal access token) is required with AuthMech=3");
        }
        if (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
            throw Errors.of(SqlState.INVALID_AUTHORIZATION, "PWD contains a line break");
        }
        return AuthHeaderProvider.bearer(token);
    }
}
