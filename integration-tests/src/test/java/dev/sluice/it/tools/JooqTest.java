package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jOOQ 3.19 with {@code SQLDialect.DEFAULT} and unquoted names (jOOQ's default double quotes are string
 * literals in Databricks SQL): DSL DML with bind values, a batch, {@code meta()} (jOOQ's reading of
 * DatabaseMetaData), and {@code transaction(...)}, which runs in manual-commit mode and rolls back when the
 * lambda throws. Connections come from HikariCP, as an
 * application's would.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JooqTest {
    private static final Table<Record> ORDERS = table(name("orders"));
    private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);
    private static final Field<String> CUSTOMER = field(name("customer"), SQLDataType.VARCHAR);
    private static final Field<BigDecimal> AMOUNT = field(name("amount"), SQLDataType.DECIMAL(10, 2));
    private static final Field<LocalDate> PLACED = field(name("placed"), SQLDataType.LOCALDATE);

    private final LocalWarehouse warehouse;
    private ToolSchema schema;
    private HikariDataSource pool;
    private DSLContext ctx;

    JooqTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void createSchema() throws SQLException {
        schema = ToolSchema.create(warehouse, "jooq");
        schema.execute("CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(10,2), placed DATE)");
        pool = new HikariDataSource();
        pool.setDataSource(schema.dataSource());
        pool.setMaximumPoolSize(2);
        ctx = DSL.using(pool, SQLDialect.DEFAULT,
                new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER));
    }

    @AfterAll
    void dropSchema() throws SQLException {
        pool.close();
        schema.close();
    }

    @BeforeEach
    void empty() {
        ctx.deleteFrom(ORDERS).execute();
    }

    @Test
    void dslInsertSelectUpdateDelete() {
        assertThat(ctx.insertInto(ORDERS, ID, CUSTOMER, AMOUNT, PLACED)
                .values(1L, "ana", new BigDecimal("10.50"), LocalDate.of(2024, 1, 2))
                .values(2L, "bo", null, null).execute()).isEqualTo(2);
        Result<? extends Record> rows = ctx.select(ID, CUSTOMER, AMOUNT, PLACED).from(ORDERS).orderBy(ID).fetch();
        assertThat(rows.getValues(CUSTOMER)).containsExactly("ana", "bo");
        assertThat(rows.get(0).get(AMOUNT)).isEqualByComparingTo("10.50");
        assertThat(rows.get(0).get(PLACED)).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(rows.get(1).get(AMOUNT)).isNull();
        assertThat(ctx.update(ORDERS).set(AMOUNT, new BigDecimal("3.00")).where(ID.eq(2L)).execute()).isEqualTo(1);
        assertThat(ctx.fetchValue(ctx.select(AMOUNT).from(ORDERS).where(ID.eq(2L)))).isEqualByComparingTo("3.00");
        assertThat(ctx.deleteFrom(ORDERS).where(CUSTOMER.eq("ana")).execute()).isEqualTo(1);
        assertThat(ctx.fetchCount(ORDERS)).isEqualTo(1);
    }

    @Test
    void metaFindsTheSchemaTheTableAndItsColumnsThroughDatabaseMetaData() {
        org.jooq.Schema found = ctx.meta().getSchemas(schema.name()).stream().findFirst()
                .orElseThrow(() -> new AssertionError("meta() has no schema " + schema.name()));
        Table<?> orders = found.getTable("orders");
        assertThat(orders).isNotNull();
        assertThat(orders.fields()).extracting(Field::getName).containsExactly("id", "customer", "amount", "placed");
        assertThat(orders.field("amount").getDataType().precision()).isEqualTo(10);
        assertThat(orders.field("amount").getDataType().scale()).isEqualTo(2);
        assertThat(orders.field("id").getDataType().getSQLDataType()).isEqualTo(SQLDataType.BIGINT);
        assertThat(ctx.meta().getTables()).extracting(Table::getName).contains("orders");
    }

    @Test
    void batchOfBoundInserts() {
        int[] counts = ctx.batch(ctx.insertInto(ORDERS, ID, CUSTOMER).values((Long) null, null))
                .bind(10L, "x").bind(11L, "y").bind(12L, "z").execute();
        assertThat(counts).hasSize(3);
        assertThat(ctx.fetchCount(ORDERS)).isEqualTo(3);
    }

    @Test
    void transactionCommitsAndAFailedOneKeepsTheApplicationsException() {
        ctx.transaction(cfg -> DSL.using(cfg).insertInto(ORDERS, ID, CUSTOMER).values(20L, "tx").execute());
        assertThat(ctx.fetchCount(ORDERS)).isEqualTo(1);

        assertThatThrownBy(() -> ctx.transaction(cfg -> {
            DSL.using(cfg).insertInto(ORDERS, ID, CUSTOMER).values(21L, "kept").execute();
            throw new IllegalStateException("the application changed its mind");
        })).hasMessageContaining("the application changed its mind");
        // each statement committed on its own (IgnoreTransactions=1): the rollback warned instead of pretending
        assertThat(ctx.fetchCount(ORDERS)).isEqualTo(2);
    }
}
