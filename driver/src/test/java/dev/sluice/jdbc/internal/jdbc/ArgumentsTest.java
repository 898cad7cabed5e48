package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void negativeAttributesAreHy024NamingTheAttributeAndValue() {
        assertThatThrownBy(() -> Arguments.requireNonNegative(-2, "fetch size"))
                .hasMessage("fetch size -2 is negative")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SQLException) e).getSQLState())
                        .isEqualTo("HY024"));
        assertThatNoException().isThrownBy(() -> Arguments.requireNonNegative(0, "max rows"));
    }

    @Test
    void onlyForwardFetchingIsPossible() {
        assertThatNoException().isThrownBy(() -> Arguments.requireForwardFetch(ResultSet.FETCH_FORWARD));
        assertThatThrownBy(() -> Arguments.requireForwardFetch(ResultSet.FETCH_REVERSE))
                .hasMessageContaining(Integer.toString(ResultSet.FETCH_REVERSE));
    }

    @Test
    void generatedKeyConstantsPassAndNonsenseIsNamed() {
        assertThatNoException().isThrownBy(() -> Arguments.checkGeneratedKeys(Statement.NO_GENERATED_KEYS));
        assertThatNoException().isThrownBy(() -> Arguments.checkGeneratedKeys(Statement.RETURN_GENERATED_KEYS));
        assertThatThrownBy(() -> Arguments.checkGeneratedKeys(42)).hasMessageContaining("42")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SQLException) e).getSQLState())
                        .isEqualTo("22023"));
    }
}
