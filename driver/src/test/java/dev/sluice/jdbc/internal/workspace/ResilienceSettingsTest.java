package dev.sluice.jdbc.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.JdbcUrl;
import dev.sluice.jdbc.internal.resilience.BreakerSettings;
import dev.sluice.jdbc.internal.resilience.ErrorTable;
import dev.sluice.jdbc.internal.resilience.RetrySettings;
import dev.sluice.jdbc.internal.resilience.Timeouts;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection properties that configure the error table, the breaker and the timeouts. */
class ResilienceSettingsTest {

    private static ConnectionConfig config(String extra) throws SQLException {
        return ConnectionConfig.of(JdbcUrl.parse("jdbc:databricks://h;httpPath=/sql/1.0/warehouses/w" + extra), null);
    }

    @Test
    void withoutPropertiesEverythingIsTheTablesDefault() throws SQLException {
        ConnectionConfig c = config("");
        assertThat(ResilienceSettings.retry(c)).isEqualTo(RetrySettings.defaults());
        assertThat(ResilienceSettings.breaker(c)).isEqualTo(BreakerSettings.DEFAULTS);
        // WaitTimeout is 10 s by default: the 30 s submit timeout already exceeds it
        assertThat(Clients.timeouts(c)).isEqualTo(Timeouts.DEFAULTS);
    }

    @Test
    void everyRowIsConfigurable() throws SQLException {
        RetrySettings s = ResilienceSettings.retry(config(";RateLimitRetryAttempts=7;RateLimitRetryBackoff=250"
                + ";RateLimitRetryTimeout=30;TemporarilyUnavailableRetryAttempts=4;TemporarilyUnavailableRetryBackoff=2000"
                + ";TemporarilyUnavailableRetryTimeout=60;InternalErrorRetryAttempts=2;InternalErrorRetryBackoff=50"
                + ";ConcurrentModificationRetryAttempts=6;ConcurrentModificationRetryBackoff=10;RequestRetryTimeout=90"));
        assertThat(s.row(ErrorTable.RATE_LIMITED)).isEqualTo(
                new RetrySettings.Row(7, Duration.ofMillis(250), Duration.ofSeconds(30)));
        assertThat(s.row(ErrorTable.SERVICE_UNAVAILABLE)).isEqualTo(
                new RetrySettings.Row(4, Duration.ofSeconds(2), Duration.ofSeconds(60)));
        assertThat(s.row(ErrorTable.INTERNAL_ERROR)).isEqualTo(
                new RetrySettings.Row(2, Duration.ofMillis(50), Duration.ZERO));
        assertThat(s.row(ErrorTable.CONCURRENT_MODIFICATION)).isEqualTo(
                new RetrySettings.Row(6, Duration.ofMillis(10), Duration.ZERO));
        assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void theOfficialSwitchesTurnRetriesOff() throws SQLException {
        RetrySettings s = ResilienceSettings.retry(config(";RateLimitRetry=0;TemporarilyUnavailableRetry=0"));
        assertThat(s.row(ErrorTable.RATE_LIMITED).attempts()).isEqualTo(1);
        assertThat(s.row(ErrorTable.SERVICE_UNAVAILABLE).attempts()).isEqualTo(1);
    }

    @Test
    void theBreakerIsConfigurableAndCanBeTurnedOff() throws SQLException {
        assertThat(ResilienceSettings.breaker(config(";CircuitBreakerFailureThreshold=3;CircuitBreakerDelay=10"
                + ";CircuitBreakerSuccessThreshold=1"))).isEqualTo(new BreakerSettings(3, Duration.ofSeconds(10), 1));
        assertThat(ResilienceSettings.breaker(config(";CircuitBreakerFailureThreshold=0"))).isNull();
    }

    @Test
    void theSubmitTimeoutStaysAboveTheServerSideWait() throws SQLException {
        assertThat(Clients.timeouts(config(";WaitTimeout=50")).submit()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Clients.timeouts(config(";WaitTimeout=50;StatementSubmitTimeout=90")).submit())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(Clients.timeouts(config(";WaitTimeout=0;StatementSubmitTimeout=2")).submit())
                .isEqualTo(Duration.ofSeconds(2));
        Timeouts t = Clients.timeouts(config(";StatementPollTimeout=3;StatementTimeout=0;ChunkFetchTimeout=9"));
        assertThat(t.poll()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.statement()).isZero();
        assertThat(t.chunk()).isEqualTo(Duration.ofSeconds(9));
    }
}
