package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScriptedWarehouseExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class SharedPerClass {

        @RegisterExtension
        static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

        private static int firstPort;

        @Test
        @Order(1)
        void leavesStateBehind(ScriptedWarehouse warehouse) {
            firstPort = warehouse.port();
            warehouse.expectToken("dapi-changed");
            warehouse.script(StatementScript.any().succeeds(Result.noResultSet()));
            warehouse.on(Endpoint.CREATE_SESSION).always().reply(HttpReply.internalError("x"));
            SeaClient client = new SeaClient(warehouse);
            warehouse.acceptAnyToken();
            client.execute("SELECT 1", "");

            assertThat(warehouse.requests()).hasSize(1);
            assertThat(warehouse.statementIds()).hasSize(1);
        }

        @Test
        @Order(2)
        void startsCleanOnTheSamePort(ScriptedWarehouse warehouse) {
            SeaClient client = new SeaClient(warehouse);

            assertThat(warehouse.port()).isEqualTo(firstPort);
            assertThat(warehouse.requests()).isEmpty();
            assertThat(warehouse.statementIds()).isEmpty();
            assertThat(client.execute("SELECT 1", "").statusCode()).isEqualTo(400);
            assertThat(client.post("/api/2.0/sql/sessions/", "{\"warehouse_id\":\"w\"}").statusCode()).isEqualTo(200);
            assertThat(warehouse.requests().get(0).sequence()).isEqualTo(1);
        }

        @Test
        @Order(3)
        void extensionAndParameterShareTheServer(ScriptedWarehouse warehouse) {
            assertThat(SEA.warehouse()).isSameAs(warehouse);
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class OnePerTest {

        @RegisterExtension
        final ScriptedWarehouseExtension sea = new ScriptedWarehouseExtension();

        private static ScriptedWarehouse previous;

        @BeforeEach
        void lifecycleMethodsCanTakeTheServer(ScriptedWarehouse warehouse) {
            assertThat(warehouse).isSameAs(sea.warehouse());
        }

        @Test
        @Order(1)
        void first(ScriptedWarehouse warehouse) {
            previous = warehouse;
        }

        @Test
        @Order(2)
        void secondGetsAFreshServerAndThePreviousOneIsStopped(ScriptedWarehouse warehouse) {
            assertThat(warehouse).isNotSameAs(previous);
            assertThatThrownBy(() -> new Socket(previous.host(), previous.port()).close())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void warehouseIsUnavailableOutsideTests() {
        assertThatThrownBy(() -> new ScriptedWarehouseExtension().warehouse())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resetWakesHeldRequests() throws Exception {
        try (ScriptedWarehouse warehouse = ScriptedWarehouse.start()) {
            Thread held = holdAPost(warehouse);

            warehouse.reset();
            held.join(20_000);

            assertThat(held.isAlive()).isFalse();
        }
    }

    @Test
    void closeWakesHeldRequests() throws Exception {
        ScriptedWarehouse warehouse = ScriptedWarehouse.start();
        Thread held = holdAPost(warehouse);

        warehouse.close();
        held.join(20_000);

        assertThat(held.isAlive()).isFalse();
    }

    /** Starts a POST the server holds for 50 s, and returns once the server has accepted it. */
    private static Thread holdAPost(ScriptedWarehouse warehouse) throws InterruptedException {
        warehouse.script(StatementScript.any().honoursWaitTimeout().runsUntilCancelled());
        SeaClient client = new SeaClient(warehouse);
        Thread held = new Thread(() -> {
            try {
                client.execute("SELECT 1", "\"wait_timeout\":\"50s\"");
            } catch (RuntimeException serverWentAway) {
                // only how soon the request ends matters
            }
        });
        held.start();
        while (warehouse.statementIds().isEmpty()) {
            Thread.sleep(10);
        }
        return held;
    }
}
