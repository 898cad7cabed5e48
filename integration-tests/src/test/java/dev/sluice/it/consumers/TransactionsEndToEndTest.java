package dev.sluice.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions against the local warehouse, which answers them as a Databricks SQL warehouse whose tables
 * have no catalog-managed commits: with IgnoreTransactions=1 (the default) manual commit works and a
 * rollback says what it could not undo; with IgnoreTransactions=0 the server's own refusals come through.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsEndToEndTest {
    private final LocalWarehouse warehouse;
    private TestSchema schema;
    private String table;

    TransactionsEndToEndTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void createSchema() throws SQLException {
        schema = TestSchema.create(warehouse, "tx");
        table = schema.table("t");
        schema.execute("CREATE TABLE " + table + " (id INT)");
    }

    @AfterAll
    void dropSchema() throws SQLException {
        schema.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        schema.execute("DELETE FROM " + table);
    }

    private long count() throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private SluiceDataSource serverTransactions() {
        SluiceDataSource ds = TestSchema.dataSource(warehouse);
        ds.setIgnoreTransactions("0");
        return ds;
    }

    @Test
    void ignoredTransactionCommitsEachStatementAndTheRollbackSaysSo() throws SQLException {
        try (Connection c = schema.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + table + " VALUES (1)");
                assertThat(count()).as("another session sees the row before commit()").isEqualTo(1);
            }
            c.rollback();
            assertThat(c.getWarnings().getMessage()).contains("could not undo 1 statement(s)")
                    .contains("INSERT INTO " + table + " VALUES (1)");
            assertThat(count()).as("the row stays: the warning told the truth").isEqualTo(1);
        }
    }

    @Test
    void serverTransactionsReadButRefuseWritesToTablesWithoutCatalogManagedCommits() throws SQLException {
        try (Connection c = serverTransactions().getConnection(); Statement s = c.createStatement()) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                assertThat(rs.next()).isTrue();
            }
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO " + table + " VALUES (2)"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("WRITE_NON_CATALOG_OWNED_TABLE")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
            assertThatThrownBy(() -> s.execute("CREATE TABLE " + schema.table("u") + " (id INT)"))
                    .hasMessageContaining("TRANSACTION_NOT_SUPPORTED.COMMAND");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(s.executeUpdate("INSERT INTO " + table + " VALUES (3)")).isEqualTo(1);
        }
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void theWarehouseAnswersTransactionStatementsAsDatabricksDoes() throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ROLLBACK"); // no error without a transaction
            assertThatThrownBy(() -> s.execute("COMMIT")).hasMessageContaining("NO_ACTIVE_TRANSACTION");
            s.execute("BEGIN TRANSACTION");
            assertThatThrownBy(() -> s.execute("BEGIN TRANSACTION"))
                    .hasMessageContaining("NESTED_TRANSACTION");
            assertThat(s.executeQuery("SELECT 1").next()).isTrue();
            s.execute("COMMIT TRANSACTION");
            assertThat(s.executeUpdate("INSERT INTO " + table + " VALUES (4)")).isEqualTo(1);
        }
    }
}
