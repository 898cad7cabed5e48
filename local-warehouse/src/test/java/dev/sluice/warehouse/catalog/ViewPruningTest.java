package dev.sluice.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.junit.jupiter.api.Test;

/** The WHERE conjuncts that narrow which tables an information_schema view lists (and whose schemas it reads). */
class ViewPruningTest {

    private static ViewPruning prune(String where, String view) {
        return ViewPruning.of(CatalystSqlParser$.MODULE$.parseExpression(where), view, List.of("t"));
    }

    @Test
    void equalityLikeAndInOnNameColumnsPrune() {
        ViewPruning p = prune("table_catalog = 'main' AND t.table_schema LIKE 'sa\\\\_%' AND table_name IN ('a', 'b')",
                "columns");
        assertThat(p.catalog().test("main")).isTrue();
        assertThat(p.catalog().test("other")).isFalse();
        assertThat(p.schema().test("sa_les")).isTrue();
        assertThat(p.schema().test("saxles")).isFalse();
        assertThat(p.table().test("b")).isTrue();
        assertThat(p.table().test("c")).isFalse();
    }

    @Test
    void whatCannotBeProvenNarrowerPrunesNothing() {
        ViewPruning or = prune("table_schema = 'a' OR table_name = 'x'", "tables");
        assertThat(or.schema().test("zzz")).isTrue();
        assertThat(or.table().test("zzz")).isTrue();
        ViewPruning other = prune("u.table_schema = 'a' AND lower(table_name) = 'x'", "tables");
        assertThat(other.schema().test("zzz")).isTrue();
        assertThat(other.table().test("zzz")).isTrue();
        ViewPruning schemata = prune("schema_name = 'a' AND catalog_name = 'main'", "schemata");
        assertThat(schemata.schema().test("a")).isTrue();
        assertThat(schemata.schema().test("b")).isFalse();
        assertThat(schemata.catalog().test("other")).isFalse();
    }
}
