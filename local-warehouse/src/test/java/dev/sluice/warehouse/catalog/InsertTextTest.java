package dev.sluice.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.sql.parser.DeltaSqlParser;
import java.util.List;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * An INSERT skips Delta's grammar pass ({@link UcParser}): what Spark's parser alone makes of it must be exactly
 * what Delta's parser made, for the statements the driver's batch rewrite sends and a few awkward ones.
 */
class InsertTextTest {

    private static final List<String> INSERTS = List.of(
            "INSERT INTO t VALUES (1L, 'a', 1.5D, CAST('12.30' AS DECIMAL(18,2)), TIMESTAMP'2024-01-01 00:00:00 +00:00')",
            "insert into main.s.t (b, a) values (:p1, :p2), (CAST(NULL AS INT), (-5)), (X'0aff', 'it\\'s \\u0024{x}')",
            "  -- a comment\n/* block */ INSERT OVERWRITE TABLE t SELECT * FROM u WHERE x > 1",
            "INSERT/* c */INTO t VALUES (DATE'2024-02-29', TIMESTAMP_NTZ'2024-01-01 00:00:00', 1Y, 2S)",
            "INSERT INTO t REPLACE WHERE d = DATE'2024-01-01' SELECT * FROM u",
            "INSERT INTO t BY NAME SELECT 1 AS a, 2 AS b");

    @Test
    void insertsAreRecognisedAndNothingElse() {
        for (String sql : INSERTS) {
            assertThat(InsertText.isInsert(sql)).as(sql).isTrue();
        }
        assertThat(InsertText.isInsert("SELECT 1")).isFalse();
        assertThat(InsertText.isInsert("INSERTX INTO t VALUES (1)")).isFalse();
        assertThat(InsertText.isInsert("insert")).isFalse();
        assertThat(InsertText.isInsert("/* unterminated INSERT INTO t VALUES (1)")).isFalse();
        assertThat(InsertText.isInsert("/* /* nested */ */ INSERT INTO t VALUES (1)")).isFalse();
        assertThat(InsertText.isInsert("-- only a comment INSERT")).isFalse();
        assertThat(InsertText.isInsert("WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c")).isFalse();
        assertThat(InsertText.isInsert("OPTIMIZE t")).isFalse();
    }

    @Test
    void sparkAloneParsesAnInsertExactlyAsDeltaDoes() throws ParseException {
        SparkSqlParser spark = new SparkSqlParser();
        DeltaSqlParser delta = new DeltaSqlParser(spark);
        for (String sql : INSERTS) {
            LogicalPlan direct = spark.parsePlan(sql);
            LogicalPlan viaDelta = delta.parsePlan(sql);
            // expression ids are fresh per parse; everything else, and the rows of inline tables, must be equal
            assertThat(withoutIds(direct)).as(sql).isEqualTo(withoutIds(viaDelta));
            assertThat(rows(direct)).as(sql).isEqualTo(rows(viaDelta));
        }
    }

    private static String withoutIds(LogicalPlan plan) {
        return plan.treeString().replaceAll("#\\d+", "#");
    }

    /** The rows of every inline table in the plan (a parsed VALUES list of literals is one), in plan order. */
    private static List<Object> rows(LogicalPlan plan) {
        List<Object> out = new java.util.ArrayList<>();
        if (plan instanceof LocalRelation local) {
            out.add(CollectionConverters.asJava(local.data()).stream().map(r -> r.toSeq(local.schema()))
                    .toList().toString());
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            out.addAll(rows(child));
        }
        return out;
    }

    @Test
    void aBadInsertFailsTheSameWayOnBothPaths() {
        SparkSqlParser spark = new SparkSqlParser();
        DeltaSqlParser delta = new DeltaSqlParser(spark);
        String bad = "INSERT INTO t VALUES (1, 'unterminated)";
        Throwable viaDelta = org.assertj.core.api.Assertions.catchThrowable(() -> delta.parsePlan(bad));
        assertThat(viaDelta).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> spark.parsePlan(bad)).isInstanceOf(ParseException.class)
                .hasMessage(viaDelta.getMessage())
                .satisfies(e -> assertThat(((ParseException) e).getSqlState())
                        .isEqualTo(((ParseException) viaDelta).getSqlState()));
    }
}
