package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.hibernate.DatabricksDialect;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.NaturalId;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hibernate 6 started with nothing but the JPA URL and driver: the dialect comes from sluice-hibernate's
 * resolver (by the product name), transactions are Hibernate's JDBC ones (manual commit). An entity with an
 * assigned id and a natural id is persisted, found by id and by natural id, updated and removed.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HibernateTest {
    private final LocalWarehouse warehouse;
    private ToolSchema schema;
    private SessionFactory sessions;

    HibernateTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Entity
    @Table(name = "products")
    public static class Product {
        @Id
        private Long id;
        @NaturalId
        private String sku;
        private String name;
        private BigDecimal price;

        public Product() {
        }

        Product(long id, String sku, String name, BigDecimal price) {
            this.id = id;
            this.sku = sku;
            this.name = name;
            this.price = price;
        }
    }

    @BeforeAll
    void start() throws SQLException {
        schema = ToolSchema.create(warehouse, "hibernate");
        schema.execute("CREATE TABLE products (id BIGINT, sku STRING, name STRING, price DECIMAL(10,2))");
        sessions = new Configuration()
                .addAnnotatedClass(Product.class)
                .setProperty("jakarta.persistence.jdbc.url", schema.url())
                .setProperty("jakarta.persistence.jdbc.driver", "dev.sluice.jdbc.SluiceDriver")
                .buildSessionFactory();
    }

    @AfterAll
    void stop() throws SQLException {
        sessions.close();
        schema.close();
    }

    private long rows(String where) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM products WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void startsWithTheResolvedDialectAndDoesCrudByIdAndNaturalId() throws SQLException {
        assertThat(sessions.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getJdbcServices()
                .getDialect()).isInstanceOf(DatabricksDialect.class);

        sessions.inTransaction(s -> s.persist(new Product(1, "SKU-1", "kettle", new BigDecimal("19.90"))));
        assertThat(rows("sku = 'SKU-1'")).isEqualTo(1);

        Product byId = sessions.fromTransaction(s -> s.find(Product.class, 1L));
        assertThat(byId.name).isEqualTo("kettle");
        Product byNaturalId = sessions.fromTransaction(s -> s.bySimpleNaturalId(Product.class).load("SKU-1"));
        assertThat(byNaturalId.id).isEqualTo(1L);

        sessions.inTransaction(s -> s.find(Product.class, 1L).price = new BigDecimal("24.50"));
        assertThat(rows("id = 1 AND price = 24.50")).isEqualTo(1);

        sessions.inTransaction(s -> s.remove(s.find(Product.class, 1L)));
        assertThat(rows("id = 1")).isZero();
    }
}
