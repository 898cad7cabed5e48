package dev.sluice.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against an in-process {@link dev.sluice.jdbc.simulate.MockWorkspace}: each test method gets
 * a fresh mock (a {@code MockWorkspace} parameter) and the JDBC URL of its connections (a {@code String} parameter
 * marked {@link JdbcUrl}). No socket, no warehouse. The mock is named after the test and forgotten when it ends, so
 * tests running in parallel do not share one.
 *
 * <pre>{@code
 * @MockDatabricks
 * class OrdersTest {
 *     @Test
 *     void reads(MockWorkspace mock, @MockDatabricks.JdbcUrl String url) throws Exception {
 *         mock.onSql("SELECT .*").returns(new String[] {"id BIGINT"}, new Object[] {1L});
 *         try (Connection c = DriverManager.getConnection(url)) { ... }
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MockWorkspaceExtension.class)
public @interface MockDatabricks {

    /** Marks the {@code String} parameter that receives the mock's JDBC URL. */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @interface JdbcUrl {
    }
}
