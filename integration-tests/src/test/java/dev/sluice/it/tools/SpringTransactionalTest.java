package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's {@code @Transactional} over a HikariCP pool of Sluice connections with defaults: the transaction
 * manager turns auto-commit off and back on for each method, commits, and rolls back when the method throws,
 * with the method's exception reaching the caller. Spring translates the driver's SQLStates, the server's
 * transaction refusals (0A000 with IgnoreTransactions=0) included.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringTransactionalTest {
    private final LocalWarehouse warehouse;
    private ToolSchema schema;
    private HikariDataSource pool;
    private AnnotationConfigApplicationContext context;
    private Accounts accounts;
    private JdbcTemplate jdbc;

    SpringTransactionalTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** An application service: every public method runs in a Spring-managed transaction. */
    public static class Accounts {
        private final JdbcTemplate jdbc;

        public Accounts(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        public void open(long id, long balance) {
            jdbc.update("INSERT INTO accounts (id, balance) VALUES (?, ?)", id, balance);
        }

        @Transactional
        public void transfer(long from, long to, long amount) {
            jdbc.update("UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from);
            jdbc.update("UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to);
        }

        @Transactional
        public void openThenFail(long id) {
            jdbc.update("INSERT INTO accounts (id, balance) VALUES (?, 0)", id);
            throw new IllegalStateException("audit refused account " + id);
        }

        @Transactional(readOnly = true)
        public long total() {
            return jdbc.queryForObject("SELECT coalesce(sum(balance), 0) FROM accounts", Long.class);
        }

        @Transactional
        public void readMissingTable() {
            jdbc.queryForList("SELECT * FROM no_such_table");
        }
    }

    @Configuration
    @EnableTransactionManagement
    static class Config {
        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        Accounts accounts(JdbcTemplate jdbc) {
            return new Accounts(jdbc);
        }
    }

    @BeforeAll
    void start() throws SQLException {
        schema = ToolSchema.create(warehouse, "spring_tx");
        schema.execute("CREATE TABLE accounts (id BIGINT, balance BIGINT)");
        pool = new HikariDataSource();
        pool.setDataSource(schema.dataSource());
        pool.setMaximumPoolSize(2);
        context = new AnnotationConfigApplicationContext();
        context.registerBean(DataSource.class, () -> pool);
        context.register(Config.class);
        context.refresh();
        accounts = context.getBean(Accounts.class);
        jdbc = context.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stop() throws SQLException {
        context.close();
        pool.close();
        schema.close();
    }

    @BeforeEach
    void empty() {
        jdbc.update("DELETE FROM accounts");
    }

    @Test
    void transactionalMethodsCommit() {
        accounts.open(1, 100);
        accounts.open(2, 0);
        accounts.transfer(1, 2, 30);
        assertThat(accounts.total()).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT balance FROM accounts WHERE id = 2", Long.class)).isEqualTo(30);
    }

    @Test
    void aFailingMethodKeepsItsExceptionAndTheWriteThatCommittedIsNotHidden() {
        assertThatThrownBy(() -> accounts.openThenFail(7)).isInstanceOf(IllegalStateException.class)
                .hasMessage("audit refused account 7");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts WHERE id = 7", Long.class))
                .as("with IgnoreTransactions=1 each statement commits; rollback() warned").isEqualTo(1);
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("no connection was evicted").isPositive();
    }

    @Test
    void driverErrorsAreTranslatedInsideTransactions() {
        assertThatThrownBy(accounts::readMissingTable).isInstanceOf(BadSqlGrammarException.class)
                .satisfies(e -> assertThat(((BadSqlGrammarException) e).getSQLException().getSQLState())
                        .isEqualTo("42P01"));
    }

    @Test
    void serverTransactionsRefusalIsTranslatedToo() throws SQLException {
        SluiceDataSource server = schema.dataSource();
        server.setIgnoreTransactions("0");
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(server));
        JdbcTemplate serverJdbc = new JdbcTemplate(server);
        assertThatThrownBy(() -> tx.executeWithoutResult(status ->
                serverJdbc.update("INSERT INTO accounts (id, balance) VALUES (9, 9)")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("WRITE_NON_CATALOG_OWNED_TABLE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts", Long.class)).isZero();
    }
}
