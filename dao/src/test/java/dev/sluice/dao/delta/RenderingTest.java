package dev.sluice.dao.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names, conditions and the text forms of complex values, without a warehouse. */
class RenderingTest {

    @Test
    void tableNamesAreParsedAndAlwaysQuoted() throws SQLException {
        assertThat(TableName.parse("main.sales.`order items`").sql()).isEqualTo("`main`.`sales`.`order items`");
        assertThat(TableName.parse("`we``ird`.`a.b`").sql()).isEqualTo("`we``ird`.`a.b`");
        TableName t = TableName.parse("`x``y`");
        assertThat(t.table()).isEqualTo("x`y");
        assertThat(t.catalog()).isEmpty();
        assertThat(TableName.of("c", "s", "t; DROP TABLE x").sql()).isEqualTo("`c`.`s`.`t; DROP TABLE x`");
        for (String bad : new String[] {"a.b.c.d", "a..b", "`open", ""}) {
            assertThatThrownBy(() -> TableName.parse(bad)).isInstanceOf(SQLException.class)
                    .hasMessageContaining(bad.isEmpty() ? "empty part" : bad)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        }
    }

    @Test
    void conditionsCountTheirMarkersOutsideQuotes() {
        assertThat(Condition.markers("a = ? AND b = '?' AND `c?` = ? AND d = \"\\\"?\"")).isEqualTo(2);
        assertThatThrownBy(() -> Condition.of("a = ? AND b = ?", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 markers but 1 values");
        assertThat(Sql.literal("it's \\ here")).isEqualTo("'it\\'s \\\\ here'");
    }

    @Test
    void mapsAreReadAsJsonOrAsTheUnescapedTextSomeDriversPrint() throws SQLException {
        assertThat(JsonText.object("{\"predicate\":\"[\\\"(id = 2)\\\"]\",\"n\":\"3\"}"))
                .containsEntry("predicate", "[\"(id = 2)\"]").containsEntry("n", "3");
        Map<String, Object> unescaped = JsonText.object("{\"predicate\":\"[\"(id#15210L = 2)\"]\","
                + "\"properties\":\"{\"delta.columnMapping.mode\":\"name\",\"x\":\"1\"}\",\"empty\":\"\",\"gone\":null}");
        assertThat(unescaped).containsEntry("predicate", "[\"(id#15210L = 2)\"]")
                .containsEntry("properties", "{\"delta.columnMapping.mode\":\"name\",\"x\":\"1\"}")
                .containsEntry("empty", "").containsEntry("gone", null).hasSize(4);
        assertThat(JsonText.object("{}")).isEmpty();
        assertThat(JsonText.object("[]")).isEmpty();
        assertThat(JsonText.strings("[\"a\",\"b c\"]")).containsExactly("a", "b c");
        assertThatThrownBy(() -> JsonText.object("not json")).isInstanceOf(SQLException.class);
    }

    private record Point(long x, String label) {
    }

    @Test
    void rowsComeFromRecordsEvenWhenTheyAreNotPublic() {
        Rows rows = Rows.ofRecords(java.util.List.of(new Point(1, "a"), new Point(2, null)));
        assertThat(rows.columns()).containsExactly("x", "label");
        assertThat(rows.rows()).containsExactly(java.util.List.of(1L, "a"), java.util.Arrays.asList(2L, null));
        assertThatThrownBy(() -> Rows.builder("a", "b").add(1)).hasMessageContaining("row 1 has 1 values for 2 columns");
    }

    @Test
    void metricsAreTypedWhereNumeric() {
        assertThat(ResultReaders.typed("42")).isEqualTo(42L);
        assertThat(ResultReaders.typed("0.5")).isEqualTo(0.5);
        assertThat(ResultReaders.typed("[]")).isEqualTo("[]");
        assertThat(ResultReaders.typed("")).isEqualTo("");
    }

    @Test
    void deltaIntervalsParse() {
        assertThat(Durations.parse("interval 1 week")).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(Durations.parse("interval 2 days 3 hours")).isEqualTo(java.time.Duration.ofHours(51));
        assertThat(Durations.parse("forever")).isNull();
        assertThat(Durations.interval(java.time.Duration.ofDays(2))).isEqualTo("interval 48 hours");
    }

    @Test
    void errorClassesAreFoundInAnyDriversMessage() {
        SQLException official = new SQLException("[Databricks][JDBCDriver](500051) ERROR processing query: "
                + "[DELTA_VERSION_NOT_FOUND] Cannot time travel Delta table to version 9. Available versions: [0, 3].",
                "HY000");
        assertThat(DeltaErrors.errorClass(official)).hasValue("DELTA_VERSION_NOT_FOUND");
        SQLException typed = DeltaErrors.translate(official);
        assertThat((Throwable) typed).isInstanceOfSatisfying(VersionNotFound.class, v -> {
            assertThat(v.earliestVersion()).hasValue(0);
            assertThat(v.latestVersion()).hasValue(3);
            assertThat(v.getCause()).isSameAs(official);
        });
        assertThat(DeltaErrors.kind(new SQLException("[DELTA_CONCURRENT_APPEND.WITHOUT_HINT] x", "2D521")))
                .isEqualTo(DeltaErrorKind.CONCURRENT_MODIFICATION);
        assertThat(DeltaErrors.kind(new SQLException("no class here", "42P01"))).isEqualTo(DeltaErrorKind.TABLE_NOT_FOUND);
        assertThat(DeltaErrors.kind(new SQLException("[DIVIDE_BY_ZERO] x", "22012"))).isEqualTo(DeltaErrorKind.OTHER);
    }
}
