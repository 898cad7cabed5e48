package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
}
