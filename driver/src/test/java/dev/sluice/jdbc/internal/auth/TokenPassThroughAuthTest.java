package dev.sluice.jdbc.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenPassThroughAuthTest {

    @Test
    void aReplacedTokenIsSentFromThenOnAndABadReplacementKeepsTheOldOne() {
        TokenPassThroughAuth auth = new TokenPassThroughAuth(" first ");
        assertThat(auth.authorization()).isEqualTo("Bearer first");
        auth.replace("second");
        assertThat(auth.authorization()).isEqualTo("Bearer second");
        assertThatThrownBy(() -> auth.replace("bad\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bad"));
        assertThat(auth.authorization()).isEqualTo("Bearer second");
        assertThat(auth.onUnauthorized()).isFalse();
        assertThat(auth.toString()).doesNotContain("second");
    }
}
