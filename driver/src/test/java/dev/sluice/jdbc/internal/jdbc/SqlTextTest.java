package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void countsMarkersOutsideLiteralsAndComments() {
        SqlText t = SqlText.of("SELECT '?', \"?\", `?`, ? -- ?\n /* ? :x */ FROM t WHERE a = ? AND b = 'it''s ?'");
        assertThat(t.positionalCount()).isEqualTo(2);
        assertThat(t.names()).isEmpty();
        assertThat(t.verb()).isEqualTo("SELECT");
    }

    @Test
    void namedMarkersInOrderOfFirstUseSkippingCasts() {
        SqlText t = SqlText.of("SELECT :b, x::int, :a, :b, '10:30' FROM t");
        assertThat(t.names()).containsExactly("b", "a");
        assertThat(t.usesNamedMarkers()).isTrue();
        assertThat(t.parameterCount()).isEqualTo(2);
    }

    @Test
    void backslashEscapesInsideStringLiterals() {
        assertThat(SqlText.of("SELECT 'a\\'?' , ?").positionalCount()).isEqualTo(1);
    }

    @Test
    void leadingKeywordSkipsCommentsAndParentheses() {
        assertThat(SqlText.of("  -- c\n/* x */ ( insert into t values (1))").verb()).isEqualTo("INSERT");
        assertThat(SqlText.of("merge into t using s on t.id = s.id when matched then delete").isDml()).isTrue();
        assertThat(SqlText.of("WITH x AS (SELECT 1) SELECT * FROM x").isDml()).isFalse();
    }
}
