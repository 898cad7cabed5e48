package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Giving up reaches the server: a statement held at a gate on the warehouse (so it provably runs there, inside
 * what used to be the POST's 10 s hybrid wait) stops running there within about a second of {@code cancel()},
 * {@code Connection.close()} or an interrupt of the thread that runs it, which the gate sees as its waiting
 * evaluation ending (Spark interrupts the task of a cancelled statement). And no driver thread outlives its
 * connection, counted after 200 connections through a HikariCP pool.
 */
@ExtendWith(LocalWarehouseExtension.class)
class GivingUpEndToEndTest {
    /** How long the server may take to stop the statement after the client gave up; the brief is about a second. */
    private static final Duration REACHES_THE_SERVER = Duration.ofSeconds(2);
    /** How long the held statement would otherwise run: longer than the old 10 s hybrid wait. */
    private static final long HELD_MILLIS = 30_000;

    private final LocalWarehouse warehouse;
    private final RestClient rest;

    GivingUpEndToEndTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    private Connection connect() throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
    }

    private static String heldAt(String gate) {
        return "SELECT reflect('dev.sluice.warehouse.sql.Gates', 'pass', '" + gate + "', CAST(" + HELD_MILLIS
                + " AS BIGINT)) AS g";
    }

    private int waiting(String gate) {
        return rest.get("/sluice/gates/" + gate).body().path("waiting").asInt(-1);
    }

    /** Starts the held statement on another thread and returns once the warehouse is running it. */
    private CompletableFuture<SQLException> runHeld(Statement s, String gate, AtomicReference<Thread> runner)
            throws InterruptedException {
        CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try (ResultSet rs = s.executeQuery(heldAt(gate))) {
                rs.next();
                return null;
            } catch (SQLException e) {
                return e;
            } finally {
                Thread.interrupted();
            }
        }, command -> new Thread(command, "held-statement").start());
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (waiting(gate) < 1) {
            assertThat(outcome).as("the held statement is still running").isNotDone();
            assertThat(System.nanoTime()).as("the statement reached its gate").isLessThan(until);
            Thread.sleep(20);
        }
        return outcome;
    }

    /** Milliseconds until the gate has no evaluation waiting, i.e. the warehouse stopped the statement. */
    private long millisUntilStopped(String gate, long sinceNanos) throws InterruptedException {
        long until = sinceNanos + TimeUnit.MILLISECONDS.toNanos(HELD_MILLIS);
        while (waiting(gate) > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }

    @Test
    void cancelDuringTheFirstWaitStopsTheStatementOnTheServerWithinASecondOrTwo() throws Exception {
        String gate = "cancel-" + System.nanoTime();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            CompletableFuture<SQLException> outcome = runHeld(s, gate, new AtomicReference<>());
            long start = System.nanoTime();
            s.cancel();
            assertThat(millisUntilStopped(gate, start)).as("ms until the warehouse stopped the statement")
                    .isLessThan(REACHES_THE_SERVER.toMillis());
            SQLException failure = outcome.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getSQLState()).isEqualTo("57014");
            // the connection is still good
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    @Test
    void closingTheConnectionDuringTheFirstWaitStopsTheStatementAndTheQueryGets08003() throws Exception {
        String gate = "close-" + System.nanoTime();
        try {
            Connection c = connect();
            Statement s = c.createStatement();
            CompletableFuture<SQLException> outcome = runHeld(s, gate, new AtomicReference<>());
            long start = System.nanoTime();
            c.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("close() took ms")
                    .isLessThan(REACHES_THE_SERVER.toMillis());
            assertThat(millisUntilStopped(gate, start)).as("ms until the warehouse stopped the statement")
                    .isLessThan(REACHES_THE_SERVER.toMillis());
            SQLException failure = outcome.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getSQLState()).isEqualTo("08003");
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    @Test
    void interruptingTheQueryingThreadDuringTheFirstWaitStopsTheStatementOnTheServer() throws Exception {
        String gate = "interrupt-" + System.nanoTime();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            AtomicReference<Thread> runner = new AtomicReference<>();
            CompletableFuture<SQLException> outcome = runHeld(s, gate, runner);
            long start = System.nanoTime();
            runner.get().interrupt();
            assertThat(millisUntilStopped(gate, start)).as("ms until the warehouse stopped the statement")
                    .isLessThan(REACHES_THE_SERVER.toMillis());
            SQLException failure = outcome.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getSQLState()).isEqualTo("57014");
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    private static long driverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("sluice-") || n.startsWith("HttpClient-"))
                .count();
    }

    /**
     * 200 physical connections opened and closed through a pool (each evicted after one query), then the threads
     * of the driver and of the JDK HTTP client are counted: there are no more than before. On JDK 17 the HTTP
     * client's selector thread ends once the closed client is collected, so the settling loop asks for a GC.
     */
    @Test
    void noThreadOutlivesTheConnectionsOfAPool() throws Exception {
        try (Connection warm = connect()) {
            assertThat(warm.isValid(5)).isTrue();
        }
        long before = settledDriverThreads(0, Duration.ofSeconds(3));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(warehouse.jdbcUrl());
        config.setDriverClassName(SluiceDriver.class.getName());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            for (int i = 0; i < 200; i++) {
                Connection c = pool.getConnection();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + i)) {
                    assertThat(rs.next()).isTrue();
                }
                pool.evictConnection(c);
            }
        }
        assertThat(settledDriverThreads(before, Duration.ofSeconds(15))).as("driver and HttpClient threads after the pool closed, against "
                + before + " before").isLessThanOrEqualTo(before);
    }

    /** The count once it is down to {@code target} or after {@code settle}, whichever comes first. */
    private static long settledDriverThreads(long target, Duration settle) throws InterruptedException {
        long until = System.nanoTime() + settle.toNanos();
        long count = driverThreads();
        while (count > target && System.nanoTime() < until) {
            System.gc();
            Thread.sleep(200);
            count = driverThreads();
        }
        return count;
    }
}
