package dev.sluice.it.mock;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against an in-process {@link dev.sluice.jdbc.simulate.MockWorkspace}: each test method gets
 * a fresh mock (a {@code MockWorkspace} parameter) and the JDBC URL of its connections (a {@code String} parameter
 * marked {@link JdbcUrl}). No socket, no warehouse.
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
