package dev.sluice.warehouse.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A code is good for its lifetime and no longer, and only once; time is simulated so nothing waits 60 s. */
class AuthorizationCodesTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final AuthorizationCodes codes = new AuthorizationCodes(OAuthServer.CODE_LIFETIME, now::get);

    @Test
    void aCodeIsRedeemableUntilTheEndOfItsLifetime() {
        String code = codes.issue("databricks-sql-jdbc", "http://localhost:8020", "challenge", "sql offline_access");
        now.addAndGet(OAuthServer.CODE_LIFETIME.toNanos());

        assertThat(codes.redeem(code)).isNotNull()
                .satisfies(g -> assertThat(g.clientId()).isEqualTo("databricks-sql-jdbc"));
    }

    @Test
    void aCodeIsRefusedOnceItsLifetimeHasPassed() {
        String code = codes.issue("databricks-sql-jdbc", "http://localhost:8020", "challenge", "sql");
        now.addAndGet(OAuthServer.CODE_LIFETIME.plus(Duration.ofMillis(1)).toNanos());

        assertThat(codes.redeem(code)).isNull();
    }

    @Test
    void aLateCodeStaysRefusedWhileAFreshOneIsGoodOnce() {
        String late = codes.issue("databricks-sql-jdbc", "http://localhost:8020", "challenge", "sql");
        now.addAndGet(OAuthServer.CODE_LIFETIME.multipliedBy(2).toNanos());
        String fresh = codes.issue("databricks-sql-jdbc", "http://localhost:8020", "challenge", "sql");

        assertThat(codes.redeem(late)).isNull();
        assertThat(codes.redeem(fresh)).isNotNull();
        assertThat(codes.redeem(fresh)).as("a code is single-use").isNull();
    }
}
