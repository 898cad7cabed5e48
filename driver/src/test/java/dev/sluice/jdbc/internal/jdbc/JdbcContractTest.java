package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.ScriptedWarehouseExtension;
import dev.sluice.testing.sea.StatementRequest;
import dev.sluice.testing.sea.StatementScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The parts of the JDBC contract tools rely on: downgrades with warnings, escapes, generated keys. */
class JdbcContractTest {
    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static Connection open(ScriptedWarehouse warehouse) throws SQLException {
        // later scripts take precedence
        warehouse.script(StatementScript.any().succeeds(Result.noResultSet()));
        warehouse.script(StatementScript.forSqlMatching("(?i)INSERT.*").succeeds(Result.inserted(1, 1)));
        return new SluiceDriver().connect(warehouse.jdbcUrl("wh1") + ";EnableArrow=0", new Properties());
    }

    private static List<String> sent(ScriptedWarehouse warehouse) {
        return warehouse.statementRequests().stream().map(StatementRequest::statement).collect(Collectors.toList());
    }

    @Test
    void scrollableAndUpdatableStatementsAreDowngradedWithAWarning(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            try (Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE)) {
                assertThat(s.getResultSetType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
                assertThat(s.getResultSetConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
                s.execute("DELETE FROM t");
            }
            SQLWarning w = c.getWarnings();
            assertThat(w.getSQLState()).isEqualTo("01S02");
            assertThat(w.getMessage()).contains("TYPE_FORWARD_ONLY");
            assertThat(w.getNextWarning().getMessage()).contains("CONCUR_READ_ONLY");
            c.clearWarnings();
            try (PreparedStatement p = c.prepareStatement("SELECT 1", ResultSet.TYPE_SCROLL_SENSITIVE,
                    ResultSet.CONCUR_READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT)) {
                assertThat(p.getResultSetType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            }
            assertThat((Object) c.getWarnings()).isNotNull();
        }
    }

    @Test
    void escapesAreTranslatedUnlessProcessingIsOff(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            assertThat(c.nativeSQL("SELECT {fn ucase('a')}, {d '2024-01-01'}"))
                    .isEqualTo("SELECT upper('a'), DATE '2024-01-01'");
            try (Statement s = c.createStatement()) {
                s.execute("SELECT {fn lcase('A')}");
                s.setEscapeProcessing(false);
                s.execute("SELECT '{fn lcase(x)}' {limit 1}");
                s.setEscapeProcessing(true);
                s.addBatch("INSERT INTO t VALUES ({d '2024-01-01'})");
                s.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM t WHERE d = {d '2024-01-01'} {limit 1}")) {
                p.setEscapeProcessing(false); // prepared text was translated when it was prepared
                p.execute();
            }
            assertThat(sent(warehouse)).containsExactly("SELECT lower('A')", "SELECT '{fn lcase(x)}' {limit 1}",
                    "INSERT INTO t VALUES (DATE '2024-01-01')", "SELECT * FROM t WHERE d = DATE '2024-01-01' LIMIT 1");
        }
    }

    @Test
    void generatedKeysAreAnEmptyResult(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1)", Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.getMetaData().getColumnCount()).isZero();
                assertThat(keys.next()).isFalse();
            }
            assertThat(s.executeUpdate("INSERT INTO t VALUES (2)", new String[] {"id"})).isEqualTo(1);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?)", new int[] {1})) {
                p.setInt(1, 3);
                assertThat(p.executeUpdate()).isEqualTo(1);
                assertThat(p.getGeneratedKeys().next()).isFalse();
            }
        }
    }
}
