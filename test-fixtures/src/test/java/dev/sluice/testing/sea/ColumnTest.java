package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BIGINT|LONG|BIGINT",
        "INT|INT|INT",
        "INTEGER|INT|INTEGER",
        "SMALLINT|SHORT|SMALLINT",
        "TINYINT|BYTE|TINYINT",
        "FLOAT|FLOAT|FLOAT",
        "DOUBLE|DOUBLE|DOUBLE",
        "BOOLEAN|BOOLEAN|BOOLEAN",
        "STRING|STRING|STRING",
        "VARCHAR(255)|STRING|STRING",
        "CHAR(3)|STRING|STRING",
        "BINARY|BINARY|BINARY",
        "DATE|DATE|DATE",
        "TIMESTAMP|TIMESTAMP|TIMESTAMP",
        "TIMESTAMP_NTZ|TIMESTAMP_NTZ|TIMESTAMP_NTZ",
        "VOID|NULL|VOID",
        "VARIANT|VARIANT|VARIANT",
        "ARRAY<INT>|ARRAY|ARRAY<INT>",
        "MAP<STRING, INT>|MAP|MAP<STRING, INT>",
        "STRUCT<a: INT, b: STRING>|STRUCT|STRUCT<a: INT, b: STRING>",
    })
    void typeNameFollowsTheServerSpelling(String sqlType, String typeName, String typeText) {
        Column column = Column.of("c", sqlType);

        assertThat(column.typeName()).isEqualTo(typeName);
        assertThat(column.typeText()).isEqualTo(typeText);
        assertThat(column.precision()).isNull();
        assertThat(column.scale()).isNull();
        assertThat(column.intervalType()).isNull();
    }

    @Test
    void decimalsCarryPrecisionAndScale() {
        Column decimal = Column.of("amount", "decimal(38, 10)");
        Column noScale = Column.of("n", "DECIMAL(10)");

        assertThat(decimal.typeName()).isEqualTo("DECIMAL");
        assertThat(decimal.typeText()).isEqualTo("DECIMAL(38,10)");
        assertThat(decimal.precision()).isEqualTo(38);
        assertThat(decimal.scale()).isEqualTo(10);
        assertThat(noScale.typeText()).isEqualTo("DECIMAL(10,0)");
        assertThat(noScale.scale()).isZero();
    }

    @Test
    void intervalsCarryTheirQualifier() {
        Column yearMonth = Column.of("ym", "INTERVAL YEAR TO MONTH");
        Column second = Column.of("s", "interval second");

        assertThat(yearMonth.typeName()).isEqualTo("INTERVAL");
        assertThat(yearMonth.intervalType()).isEqualTo("YEAR TO MONTH");
        assertThat(second.typeText()).isEqualTo("INTERVAL SECOND");
        assertThat(second.intervalType()).isEqualTo("SECOND");
    }

    @Test
    void listSplitsNameFromTypeAtTheFirstBlank() {
        assertThat(Column.list("id BIGINT", "tags MAP<STRING, ARRAY<INT>>"))
                .extracting(Column::name, Column::typeText)
                .containsExactly(tuple("id", "BIGINT"), tuple("tags", "MAP<STRING, ARRAY<INT>>"));
        assertThatThrownBy(() -> Column.list("lonely")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manifestJsonWritesPositionEvenWhenZero() {
        assertThat(Json.write(Column.of("id", "INT").toJson(0)))
                .isEqualTo("{\"name\":\"id\",\"type_text\":\"INT\",\"type_name\":\"INT\",\"position\":0}");
        assertThat(Json.write(Column.raw("x", "USER_DEFINED_TYPE", "MyType", 1, 2, "DAY").toJson(4))).isEqualTo(
                "{\"name\":\"x\",\"type_text\":\"MyType\",\"type_name\":\"USER_DEFINED_TYPE\",\"position\":4,"
                        + "\"type_precision\":1,\"type_scale\":2,\"type_interval_type\":\"DAY\"}");
    }
}
