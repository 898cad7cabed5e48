package dev.sluice.jdbc.internal.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeParserTest {
    @Test
    void scalarNamesAndSparkAliases() {
        assertThat(TypeParser.parse("LONG")).isEqualTo(SqlType.of(SqlKind.BIGINT, "BIGINT"));
        assertThat(TypeParser.parse("bigint").kind()).isEqualTo(SqlKind.BIGINT);
        assertThat(TypeParser.parse("SHORT").name()).isEqualTo("SMALLINT");
        assertThat(TypeParser.parse("BYTE").name()).isEqualTo("TINYINT");
        assertThat(TypeParser.parse("INTEGER").name()).isEqualTo("INT");
        assertThat(TypeParser.parse("REAL").kind()).isEqualTo(SqlKind.FLOAT);
        assertThat(TypeParser.parse("TIMESTAMP_NTZ").kind()).isEqualTo(SqlKind.TIMESTAMP_NTZ);
        assertThat(TypeParser.parse("VOID").kind()).isEqualTo(SqlKind.VOID);
        assertThat(TypeParser.parse("NULL").kind()).isEqualTo(SqlKind.VOID);
        assertThat(TypeParser.parse("VARIANT").kind()).isEqualTo(SqlKind.VARIANT);
    }

    @Test
    void parameters() {
        assertThat(TypeParser.parse("DECIMAL(38, 10)")).isEqualTo(SqlType.decimal(38, 10));
        assertThat(TypeParser.parse("DECIMAL")).isEqualTo(SqlType.decimal(10, 0));
        assertThat(TypeParser.parse("dec(5)")).isEqualTo(SqlType.decimal(5, 0));
        assertThat(TypeParser.parse("VARCHAR(255)").precision()).isEqualTo(255);
        assertThat(TypeParser.parse("CHAR(3)").text()).isEqualTo("CHAR(3)");
    }

    @Test
    void intervals() {
        SqlType dayTime = TypeParser.parse("INTERVAL DAY TO SECOND");
        assertThat(dayTime.kind()).isEqualTo(SqlKind.INTERVAL_DAY_TIME);
        assertThat(dayTime.name()).isEqualTo("INTERVAL DAY TO SECOND");
        assertThat(TypeParser.parse("interval year to month").kind()).isEqualTo(SqlKind.INTERVAL_YEAR_MONTH);
        assertThat(TypeParser.parse("INTERVAL MONTH").kind()).isEqualTo(SqlKind.INTERVAL_YEAR_MONTH);
        assertThat(TypeParser.parse("INTERVAL HOUR").kind()).isEqualTo(SqlKind.INTERVAL_DAY_TIME);
    }

    @Test
    void nestedTypes() {
        SqlType t = TypeParser.parse("ARRAY<STRUCT<a: INT, b: MAP<STRING, DECIMAL(10,2)>>>");
        assertThat(t.kind()).isEqualTo(SqlKind.ARRAY);
        SqlType struct = t.elementType();
        assertThat(struct.fields()).extracting(SqlField::name).containsExactly("a", "b");
        SqlType map = struct.fields().get(1).type();
        assertThat(map.keyType()).isEqualTo(SqlType.of(SqlKind.STRING, "STRING"));
        assertThat(map.valueType()).isEqualTo(SqlType.decimal(10, 2));
        assertThat(t.text()).isEqualTo("ARRAY<STRUCT<a: INT, b: MAP<STRING, DECIMAL(10,2)>>>");
    }

    @Test
    void structFieldSpellings() {
        SqlType compact = TypeParser.parse("STRUCT<a:INT,b:ARRAY<STRING>>");
        assertThat(compact.fields()).extracting(SqlField::name).containsExactly("a", "b");
        assertThat(compact.text()).isEqualTo("STRUCT<a: INT, b: ARRAY<STRING>>");

        SqlType quoted = TypeParser.parse("STRUCT<`odd name`: INT NOT NULL, `x``y`: STRING COMMENT 'a, b > c', z DATE>");
        assertThat(quoted.fields()).extracting(SqlField::name).containsExactly("odd name", "x`y", "z");
        assertThat(quoted.fields().get(2).type().kind()).isEqualTo(SqlKind.DATE);
        assertThat(quoted.text()).isEqualTo("STRUCT<`odd name`: INT, `x``y`: STRING, z: DATE>");
        assertThat(TypeParser.parse("STRUCT<>").fields()).isEmpty();
        assertThat(TypeParser.parse("array<int>").text()).isEqualTo("ARRAY<INT>");
    }

    @Test
    void unreadableOrUnknownTextBecomesOther() {
        assertThat(TypeParser.parse("ARRAY<INT")).isEqualTo(SqlType.of(SqlKind.OTHER, "ARRAY<INT"));
        assertThat(TypeParser.parse("MAP<INT>").kind()).isEqualTo(SqlKind.OTHER);
        assertThat(TypeParser.parse("DECIMAL(1,2,3)").kind()).isEqualTo(SqlKind.OTHER);
        assertThat(TypeParser.parse("GEOMETRY(4326)")).isEqualTo(SqlType.of(SqlKind.OTHER, "GEOMETRY"));
        assertThat(TypeParser.parse("STRUCT<a: INT> trailing").kind()).isEqualTo(SqlKind.OTHER);
        assertThat(TypeParser.parse(null).name()).isEmpty();
        assertThat(TypeParser.parse("  ").kind()).isEqualTo(SqlKind.OTHER);
    }
}
