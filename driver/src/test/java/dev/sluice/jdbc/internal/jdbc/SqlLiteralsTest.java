package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {

    @Test
    void integersKeepTheirTypeThroughTheirSuffix() {
        assertThat(SqlLiterals.of(Bindings.ofLong("BIGINT", 42))).isEqualTo("42L");
        assertThat(SqlLiterals.of(Bindings.ofLong("INT", 42))).isEqualTo("42");
        assertThat(SqlLiterals.of(Bindings.ofLong("SMALLINT", 42))).isEqualTo("42S");
        assertThat(SqlLiterals.of(Bindings.ofLong("TINYINT", 42))).isEqualTo("42Y");
        // negatives in parentheses: "- ?" must never become the comment "--"
        assertThat(SqlLiterals.of(Bindings.ofLong("BIGINT", Long.MIN_VALUE))).isEqualTo("(-9223372036854775808L)");
        assertThat(SqlLiterals.of(Bindings.ofLong("TINYINT", -128))).isEqualTo("(-128Y)");
    }

    @Test
    void floatingPointAndDecimalsAreExact() throws Exception {
        assertThat(SqlLiterals.of(Bindings.ofDouble(1.5e-7))).isEqualTo("1.5E-7D");
        assertThat(SqlLiterals.of(Bindings.ofDouble(-0.0))).isEqualTo("(-0.0D)");
        assertThat(SqlLiterals.of(Bindings.ofDouble(Double.NaN))).isEqualTo("CAST('NaN' AS DOUBLE)");
        assertThat(SqlLiterals.of(Bindings.ofDouble(Double.NEGATIVE_INFINITY)))
                .isEqualTo("CAST('-Infinity' AS DOUBLE)");
        assertThat(SqlLiterals.of(Bindings.ofFloat(0.1f))).isEqualTo("CAST('0.1' AS FLOAT)");
        assertThat(SqlLiterals.of(Bindings.ofDecimal(new BigDecimal("-12345678901234567.89"))))
                .isEqualTo("CAST('-12345678901234567.89' AS DECIMAL(19,2))");
        assertThat(SqlLiterals.of(Bindings.ofDecimal(new BigDecimal("1E+3"))))
                .isEqualTo("CAST('1000' AS DECIMAL(4,0))");
    }

    @Test
    void booleansDatesAndTimestamps() {
        assertThat(SqlLiterals.of(Bindings.ofBoolean(true))).isEqualTo("TRUE");
        assertThat(SqlLiterals.of(Bindings.ofDate(LocalDate.of(1, 1, 1)))).isEqualTo("DATE'0001-01-01'");
        assertThat(SqlLiterals.of(Bindings.ofInstant(Instant.parse("2024-02-29T23:59:59.123456Z"),
                ZoneOffset.ofHours(-5)))).isEqualTo("TIMESTAMP'2024-02-29 18:59:59.123456-05:00'");
        assertThat(SqlLiterals.of(Bindings.ofLocalDateTime(LocalDateTime.of(2024, 1, 2, 3, 4, 5))))
                .isEqualTo("TIMESTAMP_NTZ'2024-01-02 03:04:05'");
        assertThat(SqlLiterals.of(Bindings.ofTime(LocalTime.of(12, 30)))).isEqualTo("'12:30'");
    }

    @Test
    void binaryIsHexOfTheBytesTheParameterStandsFor() throws Exception {
        assertThat(SqlLiterals.of(Bindings.ofBytes("a'\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo("X'6127C3A9'");
        assertThat(SqlLiterals.of(Bindings.ofBytes(new byte[0]))).isEqualTo("X''");
    }

    @Test
    void nullsKeepTheirType() throws Exception {
        assertThat(SqlLiterals.of(Bindings.ofNull(Types.DECIMAL))).isEqualTo("CAST(NULL AS DECIMAL(38,18))");
        assertThat(SqlLiterals.of(Bindings.ofNull(Types.TIMESTAMP))).isEqualTo("CAST(NULL AS TIMESTAMP)");
        assertThat(SqlLiterals.of(Bindings.ofNull(Types.NULL))).isEqualTo("NULL");
        assertThat(SqlLiterals.of(Bindings.ofObject(null))).isEqualTo("NULL");
    }

    @Test
    void hostileStringsStayOneLiteral() {
        assertThat(SqlLiterals.quoted("it's")).isEqualTo("'it\\'s'");
        assertThat(SqlLiterals.quoted("a\\'); DROP TABLE t; --")).isEqualTo("'a\\\\\\'); DROP TABLE t; --'");
        assertThat(SqlLiterals.quoted("\\")).isEqualTo("'\\\\'");
        assertThat(SqlLiterals.quoted("line1\nline2\r\n\ttab")).isEqualTo("'line1\\nline2\\r\\n\\ttab'");
        assertThat(SqlLiterals.quoted("nul\u0000bel\u0007del\u007f")).isEqualTo("'nul\\u0000bel\\u0007del\\u007F'");
        // ${...} is Spark's variable substitution, applied to the text before parsing, literals included
        assertThat(SqlLiterals.quoted("${env:HOME} $x")).isEqualTo("'\\u0024{env:HOME} \\u0024x'");
        assertThat(SqlLiterals.quoted("\u00e9\u4e2d\ud83d\ude00")).isEqualTo("'\u00e9\u4e2d\ud83d\ude00'");
        assertThat(SqlLiterals.quoted("lone \ud800 and \udc00")).isEqualTo("'lone \\uD800 and \\uDC00'");
        assertThat(SqlLiterals.quoted("\"double\" `back` ? :name /* -- */"))
                .isEqualTo("'\"double\" `back` ? :name /* -- */'");
    }

    @Test
    void everyQuotedLiteralScansAsOneStringWithNoMarkers() {
        String[] hostile = {"'", "\\", "\\'", "'\\", "?", "'?'", "\\\\'", "${a}", "\n?\n", "--?", "/*?*/", "x''y"};
        for (String s : hostile) {
            String literal = SqlLiterals.quoted(s);
            SqlText text = SqlText.of("SELECT " + literal + ", ?");
            assertThat(text.positionalCount()).as(literal).isEqualTo(1);
            assertThat(unescape(literal)).as(literal).isEqualTo(s);
        }
    }

    @Test
    void otherTypesGoThroughCast() {
        assertThat(SqlLiterals.of(new Binding("INTERVAL DAY", "1"))).isEqualTo("CAST('1' AS INTERVAL DAY)");
        assertThat(SqlLiterals.of(new Binding("BIGINT", "12.5"))).isEqualTo("CAST('12.5' AS BIGINT)");
    }

    /** Databricks' reading of a string literal with backslash escapes (Spark's unescapeSQLString). */
    private static String unescape(String literal) {
        StringBuilder sb = new StringBuilder();
        String body = literal.substring(1, literal.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                assertThat(c).as("an unescaped quote in %s", literal).isNotEqualTo('\'');
                sb.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(next);
            }
        }
        return sb.toString();
    }
}
