package dev.sluice.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Spring's JdbcTemplate over Sluice: queries with row mappers, updates with counts, batches, named
 * parameters, and translation of driver exceptions into Spring's DataAccessException hierarchy (which Spring
 * does by exception subclass, so the driver's SQLSyntaxErrorException and SQLDataException decide it).
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringJdbcTemplateConformanceTest {
    private final LocalWarehouse warehouse;
    private TestSchema schema;
    private JdbcTemplate jdbc;
    private String people;

    SpringJdbcTemplateConformanceTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    record Person(long id, String name, LocalDate born, BigDecimal score) {
    }

    @BeforeAll
    void createSchema() throws SQLException {
        schema = TestSchema.create(warehouse, "spring");
        jdbc = new JdbcTemplate(schema.dataSource());
        people = schema.table("people");
        jdbc.execute("CREATE TABLE " + people + " (id BIGINT, name STRING, born DATE, score DECIMAL(5,2))");
    }

    @AfterAll
    void dropSchema() throws SQLException {
        schema.close();
    }

    @BeforeEach
    void emptyTable() {
        jdbc.update("DELETE FROM " + people);
    }

    @Test
    void updatesReturnCountsAndQueriesMapRows() {
        assertThat(jdbc.update("INSERT INTO " + people + " VALUES (?, ?, ?, ?)", 1L, "ana",
                LocalDate.of(1990, 5, 17), new BigDecimal("9.50"))).isEqualTo(1);
        assertThat(jdbc.update("INSERT INTO " + people + " VALUES (?, ?, ?, ?)", 2L, "bo", null, null)).isEqualTo(1);
        assertThat(jdbc.update("UPDATE " + people + " SET score = ? WHERE id = ?", new BigDecimal("7.25"), 2L))
                .isEqualTo(1);

        List<Person> rows = jdbc.query("SELECT id, name, born, score FROM " + people + " ORDER BY id",
                (rs, n) -> new Person(rs.getLong("id"), rs.getString("name"), rs.getObject("born", LocalDate.class),
                        rs.getBigDecimal("score")));
        assertThat(rows).containsExactly(new Person(1, "ana", LocalDate.of(1990, 5, 17), new BigDecimal("9.50")),
                new Person(2, "bo", null, new BigDecimal("7.25")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + people, Long.class)).isEqualTo(2L);
        assertThat(jdbc.queryForObject("SELECT name FROM " + people + " WHERE id = ?", String.class, 1L))
                .isEqualTo("ana");
        List<Map<String, Object>> maps = jdbc.queryForList("SELECT id, name FROM " + people + " ORDER BY id");
        assertThat(maps).extracting(m -> m.get("name")).containsExactly("ana", "bo");
        assertThat(jdbc.update("DELETE FROM " + people + " WHERE id = ?", 1L)).isEqualTo(1);
    }

    @Test
    void batchUpdatesReportOneRowPerEntry() {
        List<Object[]> args = List.of(new Object[] {10L, "x", null, null}, new Object[] {11L, "y", null, null},
                new Object[] {12L, "z", null, null});
        int[] counts = jdbc.batchUpdate("INSERT INTO " + people + " (id, name, born, score) VALUES (?, ?, ?, ?)",
                args);
        assertThat(counts).hasSize(3);
        for (int n : counts) {
            assertThat(n).isIn(1, Statement.SUCCESS_NO_INFO);
        }
        assertThat(jdbc.queryForList("SELECT name FROM " + people + " ORDER BY id", String.class))
                .containsExactly("x", "y", "z");

        int[] plain = jdbc.batchUpdate("UPDATE " + people + " SET name = 'x2' WHERE id = 10",
                "DELETE FROM " + people + " WHERE id = 12");
        assertThat(plain).containsExactly(1, 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + people, Integer.class)).isEqualTo(2);
    }

    @Test
    void namedParametersBindByName() {
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        named.update("INSERT INTO " + people + " (id, name) VALUES (:id, :name)",
                new MapSqlParameterSource("id", 7L).addValue("name", "named"));
        assertThat(named.queryForObject("SELECT name FROM " + people + " WHERE id = :id",
                new MapSqlParameterSource("id", 7L), String.class)).isEqualTo("named");
    }

    @Test
    void aSyntaxErrorIsBadSqlGrammar() {
        assertThatThrownBy(() -> jdbc.queryForList("SELEC 1"))
                .isInstanceOf(BadSqlGrammarException.class)
                .satisfies(e -> assertThat(((BadSqlGrammarException) e).getSQLException().getSQLState())
                        .isEqualTo("42601"));
    }

    @Test
    void aMissingTableIsBadSqlGrammarWithTheTableNotFoundState() {
        assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM " + schema.table("no_such_table")))
                .isInstanceOf(BadSqlGrammarException.class)
                .satisfies(e -> assertThat(((BadSqlGrammarException) e).getSQLException().getSQLState())
                        .isEqualTo("42P01"));
    }

    @Test
    void aValueThatDoesNotCastIsADataIntegrityViolation() {
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT CAST('not a number' AS INT)", Integer.class))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
