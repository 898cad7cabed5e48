package dev.sluice.testing.sea;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension owning a {@link ScriptedWarehouse}: starts it, resets scripts and recordings before each
 * test, stops it at the end, and injects it into test and lifecycle method parameters.
 *
 * <pre>{@code
 * class StatementTest {
 *     @RegisterExtension
 *     static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();
 *
 *     @Test
 *     void closesTheStatement(ScriptedWarehouse warehouse) throws Exception {
 *         warehouse.script(StatementScript.forSql("SELECT 1").succeeds(Result.jsonRows(...)));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Registered on a static field, one server serves the whole class; on an instance field, each test gets its own.
 */
public final class ScriptedWarehouseExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private ScriptedWarehouse warehouse;
    private boolean perTest;

    /** The running warehouse. @throws IllegalStateException outside a test's lifecycle */
    public synchronized ScriptedWarehouse warehouse() {
        if (warehouse == null) {
            throw new IllegalStateException("the scripted warehouse runs only while tests run");
        }
        return warehouse;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (warehouse == null) {
            warehouse = ScriptedWarehouse.start();
            perTest = false;
        }
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (warehouse == null) {
            warehouse = ScriptedWarehouse.start();
            perTest = true;
        } else {
            warehouse.reset();
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScriptedWarehouse.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return warehouse();
    }

    private void stop() {
        if (warehouse != null) {
            warehouse.close();
            warehouse = null;
        }
    }
}
