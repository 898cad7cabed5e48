package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DatabaseMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/** How server facts become JDBC metadata values, one mapping at a time. */
class MetaMappingTest {

    private static MetaColumns.Described describe(String dataType, String fullType) {
        return MetaColumns.describe(dataType, fullType, -1, -1, 255, true);
    }

    @Test
    void integersAndDecimalsReportDigitsScaleAndRadixTen() {
        MetaColumns.Described bigint = describe("BIGINT", "bigint");
        assertThat(bigint.type().jdbcType()).isEqualTo(Types.BIGINT);
        assertThat(bigint.name()).isEqualTo("BIGINT");
        assertThat(bigint.type().precision()).isEqualTo(19);
        assertThat(bigint.decimalDigits()).isZero();
        assertThat(bigint.radix()).isEqualTo(10);
        assertThat(bigint.charOctetLength()).isNull();

        MetaColumns.Described decimal = describe("DECIMAL", "decimal(10,2)");
        assertThat(decimal.type().jdbcType()).isEqualTo(Types.DECIMAL);
        assertThat(decimal.name()).isEqualTo("DECIMAL");
        assertThat(decimal.type().precision()).isEqualTo(10);
        assertThat(decimal.decimalDigits()).isEqualTo(2);

        MetaColumns.Described dbl = describe("DOUBLE", "double");
        assertThat(dbl.radix()).isEqualTo(10);
        assertThat(dbl.decimalDigits()).isNull();
    }

    @Test
    void decimalPrecisionFromSeparateFactsWhenTheTextHasNone() {
        MetaColumns.Described d = MetaColumns.describe("DECIMAL", null, 12, 4, 255, true);
        assertThat(d.type().precision()).isEqualTo(12);
        assertThat(d.decimalDigits()).isEqualTo(4);
    }

    @Test
    void textReportsTheConfiguredLengthAndItsLargestUtf8Size() {
        MetaColumns.Described string = MetaColumns.describe("STRING", "string", -1, -1, 300, true);
        assertThat(string.type().jdbcType()).isEqualTo(Types.VARCHAR);
        assertThat(string.name()).isEqualTo("STRING");
        assertThat(string.type().precision()).isEqualTo(300);
        assertThat(string.charOctetLength()).isEqualTo(1200);
        assertThat(string.decimalDigits()).isNull();
        assertThat(string.radix()).isNull();

        MetaColumns.Described varchar = describe("VARCHAR", "varchar(10)");
        assertThat(varchar.type().precision()).isEqualTo(10);
        assertThat(varchar.charOctetLength()).isEqualTo(40);

        MetaColumns.Described huge = MetaColumns.describe("STRING", "string", -1, -1, Integer.MAX_VALUE, true);
        assertThat(huge.charOctetLength()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void complexTypesKeepTheirElementTypesInTheName() {
        MetaColumns.Described array = describe("ARRAY", "array<int>");
        assertThat(array.type().jdbcType()).isEqualTo(Types.ARRAY);
        assertThat(array.name()).isEqualTo("ARRAY<INT>");
        MetaColumns.Described map = describe("MAP", "map<string,bigint>");
        assertThat(map.name()).isEqualTo("MAP<STRING, BIGINT>");
        MetaColumns.Described struct = describe("STRUCT", "struct<a:int,b:string>");
        assertThat(struct.type().jdbcType()).isEqualTo(Types.STRUCT);
        assertThat(struct.name()).isEqualTo("STRUCT<a: INT, b: STRING>");
    }

    @Test
    void timestampsHaveMicrosecondDigitsAndNoRadix() {
        MetaColumns.Described ts = describe("TIMESTAMP", "timestamp");
        assertThat(ts.type().jdbcType()).isEqualTo(Types.TIMESTAMP);
        assertThat(ts.decimalDigits()).isEqualTo(6);
        assertThat(ts.radix()).isNull();
        assertThat(describe("TIMESTAMP_NTZ", "timestamp_ntz").name()).isEqualTo("TIMESTAMP_NTZ");
        assertThat(describe("DATE", "date").decimalDigits()).isNull();
    }

    @Test
    void theSimpleTypeNameServesWhenTheFullTypeIsMissing() {
        assertThat(describe("INT", null).type().jdbcType()).isEqualTo(Types.INTEGER);
        assertThat(describe("BOOLEAN", " ").type().jdbcType()).isEqualTo(Types.BOOLEAN);
    }

    @Test
    void nullabilityAndYesNoFlags() {
        assertThat(MetaColumns.nullability("YES")).isEqualTo(DatabaseMetaData.columnNullable);
        assertThat(MetaColumns.nullability("no")).isEqualTo(DatabaseMetaData.columnNoNulls);
        assertThat(MetaColumns.nullability(null)).isEqualTo(DatabaseMetaData.columnNullableUnknown);
        assertThat(MetaColumns.yesNo("YES")).isEqualTo("YES");
        assertThat(MetaColumns.yesNo("no")).isEqualTo("NO");
        assertThat(MetaColumns.yesNo(null)).isEmpty();
        assertThat(MetaColumns.generated("ALWAYS")).isEqualTo("YES");
        assertThat(MetaColumns.generated("NEVER")).isEqualTo("NO");
        assertThat(MetaColumns.generated("NO")).isEqualTo("NO");
        assertThat(MetaColumns.generated("sometimes")).isEmpty();
    }

    @Test
    void databricksTableTypesBecomeTableOrView() {
        assertThat(MetaTables.jdbcTableType("MANAGED")).isEqualTo("TABLE");
        assertThat(MetaTables.jdbcTableType("EXTERNAL")).isEqualTo("TABLE");
        assertThat(MetaTables.jdbcTableType("STREAMING_TABLE")).isEqualTo("TABLE");
        assertThat(MetaTables.jdbcTableType("FOREIGN")).isEqualTo("TABLE");
        assertThat(MetaTables.jdbcTableType(null)).isEqualTo("TABLE");
        assertThat(MetaTables.jdbcTableType("VIEW")).isEqualTo("VIEW");
        assertThat(MetaTables.jdbcTableType("MATERIALIZED_VIEW")).isEqualTo("VIEW");
        assertThat(MetaTables.jdbcTableType("METRIC_VIEW")).isEqualTo("VIEW");
    }

    @Test
    void referentialRules() {
        assertThat(MetaKeys.rule("NO ACTION")).isEqualTo((short) DatabaseMetaData.importedKeyNoAction);
        assertThat(MetaKeys.rule(null)).isEqualTo((short) DatabaseMetaData.importedKeyNoAction);
        assertThat(MetaKeys.rule("cascade")).isEqualTo((short) DatabaseMetaData.importedKeyCascade);
        assertThat(MetaKeys.rule("SET NULL")).isEqualTo((short) DatabaseMetaData.importedKeySetNull);
        assertThat(MetaKeys.rule("SET DEFAULT")).isEqualTo((short) DatabaseMetaData.importedKeySetDefault);
        assertThat(MetaKeys.rule("RESTRICT")).isEqualTo((short) DatabaseMetaData.importedKeyRestrict);
    }

    @Test
    void queriesWritePatternsAsEscapedLiteralsAndLeaveNullAndAnyOut() {
        MetaQuery q = MetaQuery.of("SELECT a FROM " + MetaQuery.view("my`cat", "tables"))
                .like("table_schema", "s\\_%")
                .like("table_name", null)
                .like("table_type", "%")
                .equal("x", "it's $x\\")
                .then(") AS t")
                .like("column_name", "c%' OR '1'='1");
        assertThat(q.sql()).isEqualTo("SELECT a FROM `my``cat`.information_schema.tables"
                + " WHERE table_schema LIKE 's\\\\_%' AND x = 'it\\'s \\u0024x\\\\')"
                + " AS t WHERE column_name LIKE 'c%\\' OR \\'1\\'=\\'1'");
        assertThat(MetaQuery.of("SELECT 1").like("a", null).sql()).isEqualTo("SELECT 1");
    }

    @Test
    void showPatternsAdmitAtLeastTheJdbcPatternsNamesAndCarryNoSyntaxOfTheirOwn() {
        assertThat(JdbcPatterns.showPattern(null)).isNull();
        assertThat(JdbcPatterns.showPattern("%")).isNull();
        assertThat(JdbcPatterns.showPattern("%%")).isNull();
        assertThat(JdbcPatterns.showPattern("sal%")).isEqualTo("sal*");
        assertThat(JdbcPatterns.showPattern("my\\_t_x")).isEqualTo("my.t.x");
        // quotes, backslashes, regex and SHOW syntax ('|', '*' as a name's character) become "any character"
        assertThat(JdbcPatterns.showPattern("a'b\\\\c|d*e(f)\\%")).isEqualTo("a.b.c.d.e.f..");
        // one code point, one '.': a name with a character beyond the BMP still matches
        assertThat(JdbcPatterns.showPattern("x\uD83D\uDE00y")).isEqualTo("x.y");
        assertThat(JdbcPatterns.showPattern("Ärger1")).isEqualTo("Ärger1");
        assertThat(JdbcPatterns.showPattern("a\nb")).isNull();
    }

    @Test
    void onlyFailuresOfTheConnectionItselfAreFatalForACatalog() {
        assertThat(MetaSql.isFatal(new SQLSyntaxErrorException("no such view", "42P01"))).isFalse();
        assertThat(MetaSql.isFatal(new SQLException("odd", "HY000"))).isFalse();
        assertThat(MetaSql.isFatal(new SQLException("no state"))).isFalse();
        assertThat(MetaSql.isFatal(new SQLDataException("bad", "22000"))).isFalse();
        assertThat(MetaSql.isFatal(new SQLNonTransientConnectionException("closed", "08003"))).isTrue();
        assertThat(MetaSql.isFatal(new SQLException("link", "08S01"))).isTrue();
        assertThat(MetaSql.isFatal(new SQLException("token", "28000"))).isTrue();
        assertThat(MetaSql.isFatal(new SQLTimeoutException("slow", "HYT00"))).isTrue();
        assertThat(MetaSql.isFatal(new SQLException("cancelled", "57014"))).isTrue();
    }

    @Test
    void serverVersionParts() {
        assertThat(SluiceDatabaseMetaData.versionPart("4.2.0", 0)).isEqualTo(4);
        assertThat(SluiceDatabaseMetaData.versionPart("4.2.0", 1)).isEqualTo(2);
        assertThat(SluiceDatabaseMetaData.versionPart("3.5", 2)).isZero();
        assertThat(SluiceDatabaseMetaData.versionPart("15.4-preview", 1)).isEqualTo(4);
        assertThat(SluiceDatabaseMetaData.versionPart("", 0)).isZero();
        assertThat(SluiceDatabaseMetaData.versionPart("x.y", 0)).isZero();
    }
}
