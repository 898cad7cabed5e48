package dev.sluice.junit;

import dev.sluice.jdbc.simulate.MockWorkspace;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Backs {@link MockDatabricks}: one mock per test method, named after it, forgotten afterwards. */
public final class MockWorkspaceExtension implements ParameterResolver, AfterEachCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MockWorkspace.class
                || type == String.class && parameter.isAnnotated(MockDatabricks.JdbcUrl.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("@MockDatabricks injects into test methods only");
        }
        MockWorkspace mock = MockWorkspace.named(name(context));
        return parameter.getParameter().getType() == MockWorkspace.class ? mock : mock.jdbcUrl();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MockWorkspace.remove(name(context));
    }

    private static String name(ExtensionContext context) {
        return context.getUniqueId();
    }
}
