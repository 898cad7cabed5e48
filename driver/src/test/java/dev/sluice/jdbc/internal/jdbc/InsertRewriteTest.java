package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.internal.client.StatementParameter;
import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsertRewriteTest {

    @Test
    void rewritesASingleValuesTupleIntoManyRows() {
        InsertRewrite r = InsertRewrite.of(SqlText.of("insert into main.s.t (a, b) values (?, cast(? as int));"));
        assertThat(r).isNotNull();
        assertThat(r.sqlFor(3)).isEqualTo("insert into main.s.t (a, b) values "
                + "(?, cast(? as int)), (?, cast(? as int)), (?, cast(? as int))");
        assertThat(r.rowsPerStatement()).isEqualTo(InsertRewrite.MAX_PARAMETERS / 2);
    }

    @Test
    void leavesOtherStatementsAlone() {
        assertThat(InsertRewrite.of(SqlText.of("INSERT OVERWRITE t VALUES (?)"))).isNull();
        assertThat(InsertRewrite.of(SqlText.of("INSERT INTO t SELECT ? FROM s"))).isNull();
        assertThat(InsertRewrite.of(SqlText.of("INSERT INTO t VALUES (?), (?)"))).isNull();
        assertThat(InsertRewrite.of(SqlText.of("UPDATE t SET a = ?"))).isNull();
        assertThat(InsertRewrite.of(SqlText.of("INSERT INTO t VALUES (1)"))).isNull();
        assertThat(InsertRewrite.of(SqlText.of("INSERT INTO t VALUES (?) ON x"))).isNull();
    }

    @Test
    void valuesInsideLiteralsAndIdentifiersDoNotConfuseIt() {
        InsertRewrite r = InsertRewrite.of(SqlText.of("INSERT INTO `values` (v) VALUES (concat('VALUES (', ?))"));
        assertThat(r).isNotNull();
        assertThat(r.sqlFor(2)).isEqualTo("INSERT INTO `values` (v) VALUES (concat('VALUES (', ?)), "
                + "(concat('VALUES (', ?))");
    }

    private static List<Binding[]> rows(int n) {
        List<Binding[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Binding[] {Bindings.ofLong("BIGINT", i), Bindings.ofString("r" + i)});
        }
        return out;
    }

    @Test
    void withLiteralsEveryRowOfAStatementIsALiteralOnceTheParametersDoNotSuffice() {
        InsertRewrite r = InsertRewrite.of(SqlText.of("INSERT INTO t (a, b) VALUES (?, upper(?))"));
        InsertRewrite.Chunk c = r.chunk(rows(200), 0, true, 1 << 20);
        assertThat(c.rows()).isEqualTo(200);
        assertThat(c.parameters()).isEmpty();
        assertThat(SqlText.of(c.sql()).positionalCount()).isZero();
        assertThat(c.sql()).startsWith("INSERT INTO t (a, b) VALUES (0L, upper('r0')), (1L, upper('r1')), ")
                .endsWith("(199L, upper('r199'))");
        InsertRewrite.Chunk small = r.chunk(rows(128), 0, true, 1 << 20);
        assertThat(small.rows()).isEqualTo(128);
        assertThat(small.parameters()).hasSize(InsertRewrite.MAX_PARAMETERS);
        assertThat(small.sql()).isEqualTo(r.sqlFor(128));
    }

    @Test
    void splitsByTheUtf8BytesOfTheText() {
        InsertRewrite r = InsertRewrite.of(SqlText.of("INSERT INTO t VALUES (?, ?)"));
        List<Binding[]> entries = rows(1000);
        entries.set(900, new Binding[] {Bindings.ofLong("BIGINT", 900), Bindings.ofString("\u00e9".repeat(300))});
        int budget = 2000;
        int start = 0;
        List<Integer> sizes = new ArrayList<>();
        while (start < entries.size()) {
            InsertRewrite.Chunk c = r.chunk(entries, start, true, budget);
            assertThat(InsertRewrite.utf8Length(c.sql())).isLessThanOrEqualTo(budget);
            assertThat(c.parameters().size()).isLessThanOrEqualTo(InsertRewrite.MAX_PARAMETERS);
            if (start + c.rows() < entries.size()) {
                // the next row would not have fitted
                StringBuilder next = new StringBuilder();
                r.literalRow(entries.get(start + c.rows()), next);
                assertThat(InsertRewrite.utf8Length(c.sql()) + 2 + InsertRewrite.utf8Length(next))
                        .isGreaterThan(budget);
            }
            sizes.add(c.rows());
            start += c.rows();
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        assertThat(sizes.get(0)).isGreaterThan(128);
        assertThat(InsertRewrite.utf8Length("\u00e9\ud83d\ude00a")).isEqualTo(7);
    }

    @Test
    void aRowLargerThanTheBudgetGoesAlone() {
        InsertRewrite r = InsertRewrite.of(SqlText.of("INSERT INTO t VALUES (?)"));
        List<Binding[]> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(new Binding[] {Bindings.ofString("x".repeat(100))});
        }
        InsertRewrite.Chunk first = r.chunk(entries, 0, true, 50);
        assertThat(first.rows()).isEqualTo(256);
        assertThat(first.parameters()).hasSize(256);
        InsertRewrite.Chunk last = r.chunk(entries, 256, true, 50);
        assertThat(last.rows()).isEqualTo(44);
        List<Binding[]> literalOnly = new ArrayList<>();
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (?").append(", ?".repeat(299)).append(')');
        InsertRewrite wide = InsertRewrite.of(SqlText.of(sql.toString()));
        Binding[] row = new Binding[300];
        java.util.Arrays.fill(row, Bindings.ofString("y".repeat(10)));
        literalOnly.add(row);
        literalOnly.add(row);
        InsertRewrite.Chunk one = wide.chunk(literalOnly, 0, true, 100);
        assertThat(one.rows()).isEqualTo(1);
        assertThat(one.parameters()).isEmpty();
    }

    @Test
    void withoutLiteralsOnlyParameterRows() {
        InsertRewrite r = InsertRewrite.of(SqlText.of("INSERT INTO t VALUES (?, ?)"));
        InsertRewrite.Chunk c = r.chunk(rows(1000), 0, false, 1 << 20);
        assertThat(c.rows()).isEqualTo(128);
        assertThat(c.parameters()).hasSize(256);
        assertThat(c.sql()).isEqualTo(r.sqlFor(128));
    }

    @Test
    void moreMarkersPerRowThanParametersMeansAllLiterals() {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (?").append(", ?".repeat(299)).append(')');
        InsertRewrite r = InsertRewrite.of(SqlText.of(sql.toString()));
        Binding[] row = new Binding[300];
        java.util.Arrays.fill(row, Bindings.ofLong("INT", 1));
        InsertRewrite.Chunk c = r.chunk(List.of(row, row), 0, true, 1 << 20);
        assertThat(c.parameters()).isEmpty();
        assertThat(c.rows()).isEqualTo(2);
        assertThat(SqlText.of(c.sql()).positionalCount()).isZero();
    }
}
