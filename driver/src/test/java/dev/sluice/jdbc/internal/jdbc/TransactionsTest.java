package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.ScriptedWarehouseExtension;
import dev.sluice.testing.sea.SqlError;
import dev.sluice.testing.sea.StatementRequest;
import dev.sluice.testing.sea.StatementScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each transaction method sends, in both modes of IgnoreTransactions, and what it tells the caller. */
class TransactionsTest {
    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static Connection open(ScriptedWarehouse warehouse, String extra) throws SQLException {
        // later scripts take precedence
        warehouse.script(StatementScript.any().succeeds(Result.noResultSet()));
        warehouse.script(StatementScript.forSqlMatching("(?i)INSERT.*").succeeds(Result.inserted(1, 1)));
        warehouse.script(StatementScript.forSqlMatching("(?i)UPDATE.*").succeeds(Result.affected(2)));
        return new SluiceDriver().connect(warehouse.jdbcUrl("wh1") + ";EnableArrow=0" + extra, new Properties());
    }

    private static List<String> sent(ScriptedWarehouse warehouse) {
        return warehouse.statementRequests().stream().map(StatementRequest::statement).collect(Collectors.toList());
    }

    @Test
    void ignoredTransactionsSendNothingAndReflectTheSetter(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse, "")) {
            assertThat(c.getAutoCommit()).isTrue();
            c.setAutoCommit(false);
            assertThat(c.getAutoCommit()).isFalse();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t VALUES (1)");
            }
            c.commit();
            c.rollback();
            assertThat((Object) c.getWarnings()).as("nothing was written since the commit").isNull();
            c.setAutoCommit(true);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(sent(warehouse)).containsExactly("INSERT INTO t VALUES (1)");
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
            assertThat(c.getMetaData().supportsTransactions()).isFalse();
        }
    }

    @Test
    void rollbackOfIgnoredTransactionWarnsNamingTheStatementsThatCommitted(ScriptedWarehouse warehouse)
            throws SQLException {
        try (Connection c = open(warehouse, "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
                s.executeUpdate("INSERT INTO t VALUES (1)");
                s.executeUpdate("UPDATE t SET a = 2");
            }
            c.rollback();
            SQLWarning w = c.getWarnings();
            assertThat((Object) w).isNotNull();
            assertThat(w.getSQLState()).isEqualTo("01000");
            assertThat(w.getMessage()).contains("could not undo 2 statement(s)")
                    .contains("INSERT INTO t VALUES (1)").contains("UPDATE t SET a = 2").doesNotContain("SELECT 1");
            assertThat((Object) w.getNextWarning()).isNull();
            c.clearWarnings();
            c.rollback();
            assertThat((Object) c.getWarnings()).as("the second rollback has nothing left to report").isNull();
        }
    }

    @Test
    void serverTransactionsSendDatabricksStatements(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse, ";IgnoreTransactions=0")) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(c.getMetaData().supportsTransactions()).isTrue();
            c.setAutoCommit(false);
            c.commit(); // nothing ran: no COMMIT, which the server would answer with NO_ACTIVE_TRANSACTION
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t VALUES (1)");
                c.commit();
                s.executeUpdate("UPDATE t SET a = 2");
                c.rollback();
                s.executeUpdate("INSERT INTO t VALUES (3)");
            }
            c.setAutoCommit(true);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(sent(warehouse)).containsExactly("SET AUTOCOMMIT = FALSE", "INSERT INTO t VALUES (1)",
                    "COMMIT", "UPDATE t SET a = 2", "ROLLBACK", "INSERT INTO t VALUES (3)", "COMMIT",
                    "SET AUTOCOMMIT = TRUE");
            assertThat((Object) c.getWarnings()).isNull();
        }
    }

    @Test
    void serverThatRefusesTransactionsLeavesAutoCommitOn(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse, ";IgnoreTransactions=0")) {
            warehouse.script(StatementScript.forSql("SET AUTOCOMMIT = FALSE").fails(
                    SqlError.of("TRANSACTION_NOT_SUPPORTED.PREVIEW_NOT_ENABLED",
                            "Multi-statement transactions are not enabled for this workspace.", "0A000")));
            assertThatThrownBy(() -> c.setAutoCommit(false)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("PREVIEW_NOT_ENABLED");
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void isolationLevelsFollowTheMode(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse, ";IgnoreTransactions=0")) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat((Object) c.getWarnings()).isNull();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(c.getWarnings().getMessage()).contains("REPEATABLE_READ");
            assertThatThrownBy(() -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
                    .isInstanceOf(SQLException.class).hasMessageContaining("SERIALIZABLE")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try (Connection c = open(warehouse, "")) {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getWarnings().getMessage()).contains("not applied");
            c.setTransactionIsolation(c.getTransactionIsolation());
            assertThatThrownBy(() -> c.setTransactionIsolation(42)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("42");
        }
    }
}
