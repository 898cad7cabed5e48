package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.jdbc.internal.jdbc.SluiceConnection;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MyBatis 3.5 with its defaults: {@code openSession()} runs in manual-commit mode (setAutoCommit(false)),
 * commits with {@code commit()} and rolls back a session closed with uncommitted writes. Run over Sluice's
 * DataSource, MyBatis's own POOLED data source (through DriverManager with the URL alone) and HikariCP;
 * nulls go through MyBatis's default jdbcTypeForNull, Types.OTHER.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyBatisTest {
    private final LocalWarehouse warehouse;
    private ToolSchema schema;

    MyBatisTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    enum Pool { SLUICE_DATASOURCE, MYBATIS_POOLED, HIKARICP }

    /** A row as MyBatis maps it: by property name, through setters. */
    public static final class Item {
        private Long id;
        private String name;
        private BigDecimal price;
        private LocalDate added;
        private Boolean active;
        private Double score;

        public Item() {
        }

        Item(Long id, String name, BigDecimal price, LocalDate added, Boolean active, Double score) {
            this.id = id;
            this.name = name;
            this.price = price;
            this.added = added;
            this.active = active;
            this.score = score;
        }

        public Long getId() {
            return id;
        }

        public void setId(Long id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public BigDecimal getPrice() {
            return price;
        }

        public void setPrice(BigDecimal price) {
            this.price = price;
        }

        public LocalDate getAdded() {
            return added;
        }

        public void setAdded(LocalDate added) {
            this.added = added;
        }

        public Boolean getActive() {
            return active;
        }

        public void setActive(Boolean active) {
            this.active = active;
        }

        public Double getScore() {
            return score;
        }

        public void setScore(Double score) {
            this.score = score;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item i && Objects.equals(id, i.id) && Objects.equals(name, i.name)
                    && Objects.equals(price, i.price) && Objects.equals(added, i.added)
                    && Objects.equals(active, i.active) && Objects.equals(score, i.score);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name);
        }

        @Override
        public String toString() {
            return "Item[" + id + ", " + name + ", " + price + ", " + added + ", " + active + ", " + score + "]";
        }
    }

    public interface ItemMapper {
        @Insert("INSERT INTO ${table} (id, name, price, added, active, score)"
                + " VALUES (#{id}, #{name}, #{price}, #{added}, #{active}, #{score})")
        int insert(Item item);

        @Select("SELECT id, name, price, added, active, score FROM ${table} WHERE id = #{id}")
        Item byId(long id);

        @Select({"<script>SELECT id, name, price, added, active, score FROM ${table}",
            "<where><if test='name != null'>name = #{name}</if>",
            "<if test='minPrice != null'>AND price &gt;= #{minPrice}</if></where> ORDER BY id</script>"})
        List<Item> find(@Param("name") String name, @Param("minPrice") BigDecimal minPrice);

        @Update("UPDATE ${table} SET price = #{price}, active = #{active} WHERE id = #{id}")
        int update(Item item);

        @Delete("DELETE FROM ${table} WHERE id = #{id}")
        int delete(long id);

        @Select("SELECT count(*) FROM ${table}")
        long count();
    }

    @BeforeAll
    void createSchema() throws SQLException {
        schema = ToolSchema.create(warehouse, "mybatis");
    }

    @AfterAll
    void dropSchema() throws SQLException {
        schema.close();
    }

    private DataSource dataSource(Pool pool) {
        switch (pool) {
            case MYBATIS_POOLED:
                return new PooledDataSource("dev.sluice.jdbc.SluiceDriver", schema.url(), null);
            case HIKARICP:
                HikariDataSource hikari = new HikariDataSource();
                hikari.setDataSource(schema.dataSource());
                hikari.setMaximumPoolSize(2);
                return hikari;
            default:
                return schema.dataSource();
        }
    }

    private static SqlSessionFactory factory(DataSource ds, String table) {
        Configuration configuration = new Configuration(
                new Environment("test", new JdbcTransactionFactory(), ds));
        configuration.getVariables().setProperty("table", table);
        configuration.addMapper(ItemMapper.class);
        return new SqlSessionFactoryBuilder().build(configuration);
    }

    @ParameterizedTest
    @EnumSource(Pool.class)
    void defaultSessionsReadAndWriteWithDynamicSqlAndNulls(Pool pool) throws Exception {
        String table = "items_" + pool.name().toLowerCase(java.util.Locale.ROOT);
        schema.execute("CREATE TABLE " + table + " (id BIGINT, name STRING, price DECIMAL(10,2), added DATE,"
                + " active BOOLEAN, score DOUBLE)");
        DataSource ds = dataSource(pool);
        try {
            SqlSessionFactory factory = factory(ds, table);
            Item apple = new Item(1L, "apple", new BigDecimal("1.50"), LocalDate.of(2024, 3, 1), true, 0.5);
            Item unknown = new Item(2L, null, null, null, null, null);
            try (SqlSession session = factory.openSession()) {
                assertThat(session.getConnection().getAutoCommit()).as("openSession() is manual commit").isFalse();
                assertThat(session.getConnection().unwrap(SluiceConnection.class)).isNotNull();
                ItemMapper items = session.getMapper(ItemMapper.class);
                assertThat(items.insert(apple)).isEqualTo(1);
                assertThat(items.insert(unknown)).isEqualTo(1);
                session.commit();
            }
            if (pool != Pool.SLUICE_DATASOURCE) {
                // the pools differ only in how the connection is made: one round trip each is enough
                try (SqlSession session = factory.openSession()) {
                    assertThat(session.getMapper(ItemMapper.class).byId(2)).isEqualTo(unknown);
                }
                return;
            }
            try (SqlSession session = factory.openSession()) {
                ItemMapper items = session.getMapper(ItemMapper.class);
                assertThat(items.byId(1)).isEqualTo(apple);
                assertThat(items.byId(2)).isEqualTo(unknown);
                assertThat(items.find("apple", null)).containsExactly(apple);
                assertThat(items.find(null, new BigDecimal("1.00"))).containsExactly(apple);
                assertThat(items.find(null, null)).containsExactly(apple, unknown);
                apple.setPrice(new BigDecimal("2.25"));
                apple.setActive(null);
                assertThat(items.update(apple)).isEqualTo(1);
                assertThat(items.delete(2)).isEqualTo(1);
                session.commit();
                assertThat(items.byId(1)).isEqualTo(apple);
                assertThat(items.count()).isEqualTo(1);
            }
            try (SqlSession session = factory.openSession()) {
                ItemMapper items = session.getMapper(ItemMapper.class);
                items.insert(new Item(3L, "pear", null, null, false, null));
                session.rollback();
                assertThat(session.getConnection().getWarnings().getMessage())
                        .as("the rollback says the insert committed already").contains("could not undo 1");
                session.getConnection().clearWarnings();
                assertThat(items.count()).isEqualTo(2);
            }
        } finally {
            if (ds instanceof HikariDataSource hikari) {
                hikari.close();
            } else if (ds instanceof PooledDataSource pooled) {
                pooled.forceCloseAll();
            }
        }
    }
}
