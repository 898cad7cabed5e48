package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcEscapesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT {fn ucase(name)} FROM t|SELECT upper(name) FROM t",
        "SELECT {FN LCASE(name)}|SELECT lower(name)",
        "SELECT {fn concat('a', 'b')}|SELECT concat('a', 'b')",
        "SELECT {fn length(s)}|SELECT char_length(rtrim(s))",
        "SELECT {fn locate('b', s, 2)}|SELECT locate('b', s, 2)",
        "SELECT {fn insert(s, 2, 3, 'xy')}|SELECT overlay(s PLACING 'xy' FROM 2 FOR 3)",
        "SELECT {fn ceiling(x)}, {fn log(x)}, {fn power(x, 2)}|SELECT ceil(x), ln(x), power(x, 2)",
        "SELECT {fn truncate(x, 1)}|SELECT (CASE WHEN x >= 0 THEN floor((x) * power(10, 1)) ELSE ceil((x) * power(10, 1)) END / power(10, 1))",
        "SELECT {fn curdate()}, {fn now()}|SELECT current_date(), now()",
        "SELECT {fn curtime()}|SELECT date_format(current_timestamp(), 'HH:mm:ss')",
        "SELECT {fn dayname(d)}, {fn monthname(d)}|SELECT date_format(d, 'EEEE'), date_format(d, 'MMMM')",
        "SELECT {fn timestampadd(SQL_TSI_DAY, 3, ts)}|SELECT timestampadd(DAY, 3, ts)",
        "SELECT {fn timestampdiff(SQL_TSI_HOUR, a, b)}|SELECT timestampdiff(HOUR, a, b)",
        "SELECT {fn ifnull(a, 0)}, {fn user()}, {fn database()}|SELECT ifnull(a, 0), current_user(), current_schema()",
        "SELECT {fn convert(x, SQL_VARCHAR)}|SELECT CAST(x AS STRING)",
        "SELECT {fn convert(x, SQL_BIGINT)}, {fn convert(y, INTEGER)}|SELECT CAST(x AS BIGINT), CAST(y AS INT)",
        "SELECT {fn ucase({fn ltrim(s)})}|SELECT upper(ltrim(s))",
        "SELECT {fn substring(s, 1, 2)}|SELECT substring(s, 1, 2)",
        "SELECT {d '2024-02-29'}|SELECT DATE '2024-02-29'",
        "SELECT {ts '2024-02-29 10:11:12.5'}|SELECT TIMESTAMP '2024-02-29 10:11:12.5'",
        "SELECT {t '10:11:12'}|SELECT '10:11:12'",
        "SELECT * FROM {oj a LEFT OUTER JOIN b ON a.id = b.id}|SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.id",
        "SELECT * FROM t WHERE s LIKE '%!_%' {escape '!'}|SELECT * FROM t WHERE s LIKE '%!_%' ESCAPE '!'",
        "SELECT * FROM t {limit 10}|SELECT * FROM t LIMIT 10",
        "SELECT * FROM t {limit 10 offset 5}|SELECT * FROM t LIMIT 10 offset 5",
        "SELECT {fn abs(?)} FROM t WHERE a = ?|SELECT abs(?) FROM t WHERE a = ?",
    })
    void translatesEscapes(String jdbc, String databricks) {
        assertThat(JdbcEscapes.translate(jdbc)).isEqualTo(databricks);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT '{fn ucase(x)}' FROM t",
        "SELECT \"{d '2024-01-01'}\" FROM t",
        "SELECT `{fn x}` FROM t",
        "SELECT 1 -- {fn ucase(x)}",
        "SELECT /* {d '2024-01-01'} */ 1",
        "SELECT 'it''s {fn x}'",
        "{call p(?, ?)}",
        "{? = call f(?)}",
        "SELECT named_struct('a', 1) FROM t WHERE x = '{'",
        "SELECT 1",
    })
    void leavesTextThatHoldsNoEscapeAsItIs(String sql) {
        assertThat(JdbcEscapes.translate(sql)).isEqualTo(sql);
    }

    @Test
    void translatesEscapesAroundALiteralThatLooksLikeOne() {
        assertThat(JdbcEscapes.translate("SELECT {fn ucase('{d x}')}, '{fn y}'"))
                .isEqualTo("SELECT upper('{d x}'), '{fn y}'");
    }

    @Test
    void leavesAnUnclosedBraceAlone() {
        assertThat(JdbcEscapes.translate("SELECT {fn ucase(x)")).isEqualTo("SELECT {fn ucase(x)");
    }
}
