package dev.sluice.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The literal reader against Spark's own parser: for every value form the driver renders (and the tricky values
 * of each), the table read here has the same column names, types, nullability and values as the one Spark's
 * parser builds from the same text; texts it does not read are left to the parser.
 */
class LiteralInsertTest {

    private static final ParserInterface SPARK = CatalystSqlParser$.MODULE$;

    @Test
    void everyValueFormTheDriverRendersReadsAsSparkParsesIt() throws ParseException {
        String[] rows = {
            "('it\\'s', 42, 42L, 7S, 7Y, 1.5E-7D, CAST('12.34' AS DECIMAL(18,2)), TRUE, DATE'2024-02-29',"
                    + " TIMESTAMP'2024-01-01 00:00:00.123456 +05:30', TIMESTAMP_NTZ'2024-03-31 02:30:00.123456',"
                    + " X'00FF10', NULL)",
            "('back\\\\slash \\n\\r\\t \\u0024{x} \u00e9\u4e2d\ud83d\ude00 \\u0000', (-42), (-42L), (-7S), (-7Y),"
                    + " (-1.5E-7D), CAST('-9999999999999999.99' AS DECIMAL(18,2)), FALSE, DATE'0001-01-01',"
                    + " TIMESTAMP'1969-12-31 23:59:59.999999 +00:00', TIMESTAMP_NTZ'1970-01-01 00:00:00',"
                    + " X'', CAST(NULL AS BIGINT))",
            "('', 2147483647, 9223372036854775807L, 32767S, 127Y, 1.7976931348623157E308D,"
                    + " CAST(NULL AS DECIMAL(18,2)), NULL, NULL, NULL, NULL, NULL, 5)",
            "(  '\"dq\" `bq` ? :name /* -- */' , 2147483648 , 0L, 0S, 0Y, (-0.0D), CAST('1E+3' AS DECIMAL(18,2)),"
                    + " true, date '2024-01-31', timestamp '2024-06-30T12:00:00Z', NULL, x'abcdef', 2L)",
            "('x', 007, 1L, 1S, 1Y, 4.9E-324D, CAST('0.1' AS DECIMAL(18,2)), TRUE, NULL, NULL, NULL, NULL,"
                    + " CAST('NaN' AS DOUBLE))"
        };
        String sql = "INSERT INTO main.s.t (a, b, c, d, e, f, g, h, i, j, k, l, m) VALUES " + String.join(",\n", rows)
                + " ;";
        assertSameAsSpark(sql);
        // the minus belongs to the literal: the smallest value of each type keeps its type
        assertSameAsSpark("INSERT INTO t VALUES ((-2147483648), (-9223372036854775808), (-9223372036854775808L),"
                + " (-32768S), (-128Y), (-2147483649))");
        assertSameAsSpark("/* lead */ insert into `main`.`s`.`values` values (1, 'a'), (2.5E0D, NULL)");
    }

    @Test
    void textsItDoesNotReadAreLeftToTheParser() {
        for (String sql : List.of(
                "INSERT INTO t VALUES (1), /* c */ (2)",
                "INSERT INTO t VALUES ('${x}')",
                "INSERT INTO t VALUES (upper('a'))",
                "INSERT INTO t VALUES (1) AS v(a)",
                "INSERT INTO t VALUES ('a' 'b')",
                "INSERT INTO t VALUES ('it''s')",
                "INSERT INTO t VALUES (1.5)",
                "INSERT INTO t VALUES (1e5)",
                "INSERT INTO t VALUES (12BD)",
                "INSERT INTO t VALUES ((-9223372036854775809L))",
                "INSERT INTO t VALUES (9223372036854775808)",
                "INSERT INTO t VALUES (128Y)",
                "INSERT INTO t VALUES (1.8E308D)",
                "INSERT INTO t VALUES (DATE'2024-13-45')",
                "INSERT INTO t VALUES (X'ABC')",
                "INSERT INTO t VALUES (1), (2, 3)",
                "INSERT INTO t SELECT * FROM VALUES (1)",
                "INSERT INTO t SELECT 1",
                "INSERT OVERWRITE t VALUES (1, ",
                "INSERT INTO t VALUES (CAST('a' AS STRUCT<`x`: INT>))",
                // Spark's lexer refuses these (the first row is Spark's own, so they matter in a later row): an
                // information separator is white space to Character.isWhitespace but not to Spark, and the
                // ligature \uFB05 is "ST" to String.toUpperCase but stays itself for Spark's one-char upper case
                "INSERT INTO t VALUES (0, 0), (1,\u001F2)",
                "INSERT INTO t VALUES ('a'), ('b')\u001C;",
                "INSERT INTO t VALUES (NULL), (TIME\uFB05AMP '2024-01-01 00:00:00')")) {
            assertThat(LiteralInsert.plan(sql, SPARK)).as(sql).isNull();
        }
    }

    private static void assertSameAsSpark(String sql) throws ParseException {
        LogicalPlan read = LiteralInsert.plan(sql, SPARK);
        assertThat(read).as("read without the parser").isInstanceOf(InsertIntoStatement.class);
        InsertIntoStatement fast = (InsertIntoStatement) read;
        InsertIntoStatement parsed = (InsertIntoStatement) SPARK.parsePlan(sql);
        assertThat(fast.table()).isEqualTo(parsed.table());
        assertThat(fast.userSpecifiedCols()).isEqualTo(parsed.userSpecifiedCols());
        assertThat(fast.overwrite()).isEqualTo(parsed.overwrite());
        assertThat(fast.byName()).isEqualTo(parsed.byName());

        LocalRelation a = (LocalRelation) fast.query();
        LocalRelation b = (LocalRelation) parsed.query();
        StructType schema = b.schema();
        assertThat(a.schema()).isEqualTo(schema);
        List<InternalRow> rowsA = CollectionConverters.asJava(a.data());
        List<InternalRow> rowsB = CollectionConverters.asJava(b.data());
        assertThat(rowsA).hasSameSizeAs(rowsB);
        for (int r = 0; r < rowsB.size(); r++) {
            for (int c = 0; c < schema.size(); c++) {
                DataType t = schema.fields()[c].dataType();
                // Literal's equality compares byte arrays by content and NaN as equal
                assertThat(new Literal(rowsA.get(r).get(c, t), t)).as("row %d column %d", r, c)
                        .isEqualTo(new Literal(rowsB.get(r).get(c, t), t));
            }
        }
    }
}
