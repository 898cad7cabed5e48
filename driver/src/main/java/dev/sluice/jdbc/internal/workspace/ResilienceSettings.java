package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.resilience.BreakerSettings;
import dev.sluice.jdbc.internal.resilience.ErrorTable;
import dev.sluice.jdbc.internal.resilience.RetrySettings;
import java.sql.SQLException;
import java.time.Duration;

/** Reads the error table's rows, the call deadline and the circuit breaker from the connection properties. */
final class ResilienceSettings {
    private ResilienceSettings() {
    }

    /** The retry settings: each row's attempts and first wait, the official drivers' switches and budgets. */
    static RetrySettings retry(ConnectionConfig c) throws SQLException {
        RetrySettings s = RetrySettings.defaults()
                .withDeadline(ConnectionProperty.REQUEST_RETRY_TIMEOUT.secondsValue(c));
        s = s.with(ErrorTable.RATE_LIMITED, new RetrySettings.Row(
                ConnectionProperty.RATE_LIMIT_RETRY.booleanValue(c)
                        ? attempts(c, ConnectionProperty.RATE_LIMIT_RETRY_ATTEMPTS) : 1,
                millis(c, ConnectionProperty.RATE_LIMIT_RETRY_BACKOFF),
                ConnectionProperty.RATE_LIMIT_RETRY_TIMEOUT.secondsValue(c)));
        s = s.with(ErrorTable.SERVICE_UNAVAILABLE, new RetrySettings.Row(
                ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY.booleanValue(c)
                        ? attempts(c, ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_ATTEMPTS) : 1,
                millis(c, ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_BACKOFF),
                ConnectionProperty.TEMPORARILY_UNAVAILABLE_RETRY_TIMEOUT.secondsValue(c)));
        s = s.with(ErrorTable.INTERNAL_ERROR, new RetrySettings.Row(
                attempts(c, ConnectionProperty.INTERNAL_ERROR_RETRY_ATTEMPTS),
                millis(c, ConnectionProperty.INTERNAL_ERROR_RETRY_BACKOFF), Duration.ZERO));
        s = s.with(ErrorTable.CONCURRENT_MODIFICATION, new RetrySettings.Row(
                attempts(c, ConnectionProperty.CONCURRENT_MODIFICATION_RETRY_ATTEMPTS),
                millis(c, ConnectionProperty.CONCURRENT_MODIFICATION_RETRY_BACKOFF), Duration.ZERO));
        return s;
    }

    /** The breaker settings, or null when {@code CircuitBreakerFailureThreshold=0} turns the breaker off. */
    static BreakerSettings breaker(ConnectionConfig c) throws SQLException {
        int failures = ConnectionProperty.CIRCUIT_BREAKER_FAILURE_THRESHOLD.intValue(c);
        if (failures == 0) {
            return null;
        }
        return new BreakerSettings(failures,
                positiveSeconds(c, ConnectionProperty.CIRCUIT_BREAKER_DELAY),
                attempts(c, ConnectionProperty.CIRCUIT_BREAKER_SUCCESS_THRESHOLD));
    }

    /** A count of at least 1. */
    private static int attempts(ConnectionConfig c, ConnectionProperty p) throws SQLException {
        int value = p.intValue(c);
        if (value < 1) {
            throw invalid(p, value, "at least 1");
        }
        return value;
    }

    private static Duration millis(ConnectionConfig c, ConnectionProperty p) throws SQLException {
        return Duration.ofMillis(p.intValue(c));
    }

    /** Whole seconds, more than 0. */
    static Duration positiveSeconds(ConnectionConfig c, ConnectionProperty p) throws SQLException {
        int value = p.intValue(c);
        if (value < 1) {
            throw invalid(p, value, "at least 1 second");
        }
        return Duration.ofSeconds(value);
    }

    private static SQLException invalid(ConnectionProperty p, int value, String expected) {
        return Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + value + "' for connection property "
                + p.propertyName() + ": expected " + expected);
    }
}
