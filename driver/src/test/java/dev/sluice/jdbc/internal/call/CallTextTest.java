package dev.sluice.jdbc.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.call.CallArgument.Kind;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CallTextTest {

    @Test
    void escapeWithReturnValueQuotedThreePartNameAndMarkers() throws SQLException {
        CallText c = CallText.parse(" { ? = CALL `my cat`.`we``ird`.proc_1 (?, ?) } ");
        assertThat(c.returnsValue()).isTrue();
        assertThat(c.nameParts()).containsExactly("my cat", "we`ird", "proc_1");
        assertThat(c.qualifier()).isEqualTo("my cat.we`ird");
        assertThat(c.writtenName()).isEqualTo("`my cat`.`we``ird`.proc_1");
        assertThat(c.argumentMarkers()).isEqualTo(2);
        assertThat(c.jdbcParameterCount()).isEqualTo(3);
        assertThat(c.serverSql()).isEqualTo("SELECT `my cat`.`we``ird`.proc_1(?, ?)");
    }

    @Test
    void plainCallWithLiteralsNamedArgumentsAndComments() throws SQLException {
        CallText c = CallText.parse("/* lead */ call sluice.p('it''s, (not) ? the end', -- why\n"
                + " 42, 1.5e3, TRUE, null, DATE '2024-02-29', t => ?, `odd name` => 'x', z => DEFAULT);");
        assertThat(c.returnsValue()).isFalse();
        assertThat(c.nameParts()).containsExactly("sluice", "p");
        assertThat(c.arguments()).extracting(CallArgument::kind).containsExactly(Kind.LITERAL, Kind.LITERAL,
                Kind.LITERAL, Kind.LITERAL, Kind.LITERAL, Kind.LITERAL, Kind.MARKER, Kind.LITERAL, Kind.DEFAULT);
        assertThat(c.arguments().get(0).literalText()).isEqualTo("it's, (not) ? the end");
        assertThat(c.arguments().get(0).literalType()).isEqualTo("STRING");
        assertThat(c.arguments().get(1).literalType()).isEqualTo("BIGINT");
        assertThat(c.arguments().get(2).literalType()).isEqualTo("DECIMAL");
        assertThat(c.arguments().get(3).literalText()).isEqualTo("true");
        assertThat(c.arguments().get(4).literalText()).isNull();
        assertThat(c.arguments().get(5).literalType()).isEqualTo("DATE");
        assertThat(c.arguments().get(5).literalText()).isEqualTo("2024-02-29");
        assertThat(c.arguments().get(6).name()).isEqualTo("t");
        assertThat(c.arguments().get(6).firstMarker()).isZero();
        assertThat(c.arguments().get(7).name()).isEqualTo("odd name");
        assertThat(c.argumentMarkers()).isEqualTo(1);
        assertThat(c.serverSql()).endsWith(", t => ?, `odd name` => 'x', z => DEFAULT)");
    }

    @Test
    void expressionsKeepTheirTextAndCountTheirMarkers() throws SQLException {
        CallText c = CallText.parse("{call ops.refresh(concat(?, '?'), coalesce(?, 1) + 2, \"a\\\"b\")}");
        assertThat(c.arguments()).extracting(CallArgument::kind)
                .containsExactly(Kind.EXPRESSION, Kind.EXPRESSION, Kind.LITERAL);
        assertThat(c.arguments().get(1).firstMarker()).isEqualTo(1);
        assertThat(c.arguments().get(2).literalText()).isEqualTo("a\"b");
        assertThat(c.argumentMarkers()).isEqualTo(2);
        assertThat(c.serverSql()).isEqualTo("CALL ops.refresh(concat(?, '?'), coalesce(?, 1) + 2, \"a\\\"b\")");
    }

    @Test
    void callWithoutParenthesesAndWithEmptyParentheses() throws SQLException {
        assertThat(CallText.parse("{call proc}").arguments()).isEmpty();
        assertThat(CallText.parse("{call proc}").serverSql()).isEqualTo("CALL proc()");
        assertThat(CallText.parse("CALL a.b( )").arguments()).isEmpty();
    }

    @Test
    void otherStatementsAreNotCalls() throws SQLException {
        assertThat(CallText.parse("SELECT 1")).isNull();
        assertThat(CallText.parse("callx()")).isNull();
        assertThat(CallText.parse("-- CALL p()\nSELECT 1")).isNull();
    }

    @Test
    void malformedCallsAreSyntaxErrorsSayingWhatWasExpected() {
        assertThatThrownBy(() -> CallText.parse("{call p(1)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("'}' closing the escape").extracting("SQLState").isEqualTo("42601");
        assertThatThrownBy(() -> CallText.parse("{select 1}")).hasMessageContaining("the keyword CALL");
        assertThatThrownBy(() -> CallText.parse("{? call p()}")).hasMessageContaining("'=' after '{?'");
        assertThatThrownBy(() -> CallText.parse("CALL p(1, 'open")).hasMessageContaining("not closed with ')'");
        assertThatThrownBy(() -> CallText.parse("CALL p(1,,2)")).hasMessageContaining("argument 2 of the call is empty");
        assertThatThrownBy(() -> CallText.parse("CALL a.b.c.d()")).hasMessageContaining("has 4 parts");
        assertThatThrownBy(() -> CallText.parse("CALL p() extra")).hasMessageContaining("found 'extra'");
        assertThatThrownBy(() -> CallText.parse("CALL (1)")).hasMessageContaining("a procedure name");
    }
}
