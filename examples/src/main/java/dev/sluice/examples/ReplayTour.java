package dev.sluice.examples;

import dev.sluice.jdbc.simulate.DryRunReport;
import dev.sluice.jdbc.simulate.SkippedAction;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Record once, replay anywhere: a small program runs against a local warehouse with {@code Simulation=record},
 * the warehouse stops, and the same program runs again with {@code Simulation=replay} against a port where nothing
 * listens, getting the same answers from the recording. Then a dry run of a migration against a fresh warehouse
 * shows what it would have done.
 *
 * <p>{@code ./mvnw -q -pl examples exec:java -Dexec.mainClass=dev.sluice.examples.ReplayTour}
 */
public final class ReplayTour {

    private ReplayTour() {
    }

    public static void main(String[] args) throws Exception {
        Path recording = Path.of("target", "replay-tour", "recording");
        List<String> recorded;
        String httpPath;
        say("1. Start a local warehouse and run the program with Simulation=record");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(Path.of("target", "replay-tour", "data"))
                .start()) {
            httpPath = w.httpPath();
            try (Connection c = DriverManager.getConnection(w.jdbcUrl() + ";Simulation=record;SimulationDir="
                    + recording.toAbsolutePath())) {
                recorded = program(c);
            }
            say("   " + recorded.size() + " values; recording in " + recording + ": " + count(recording.resolve(
                    "mappings")) + " mappings, " + count(recording.resolve("__files")) + " body files");

            say("2. Dry-run a migration on the same warehouse: reads run, writes are only planned");
            try (Connection c = DriverManager.getConnection(w.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE TABLE tour_orders (id INT, amount DOUBLE) USING delta");
                s.execute("INSERT INTO tour_orders VALUES (1, 9.5)");
            }
            try (Connection c = DriverManager.getConnection(w.jdbcUrl() + ";Simulation=dry-run");
                 Statement s = c.createStatement()) {
                s.execute("INSERT INTO tour_orders VALUES (2, 12.0)");
                say("   INSERT: update count " + s.getUpdateCount() + "; " + s.getWarnings().getMessage());
                s.execute("DELETE FROM tour_orders WHERE amount < 10");
                try {
                    s.execute("UPDATE tour_order SET amount = 0");
                } catch (SQLException e) {
                    say("   a typo fails the dry run as it would fail the real one: " + e.getSQLState());
                }
                for (SkippedAction skipped : c.unwrap(DryRunReport.class).skipped()) {
                    say("   skipped " + skipped.kind() + ": " + skipped.action());
                }
            }
            try (Connection c = DriverManager.getConnection(w.jdbcUrl()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM tour_orders")) {
                rs.next();
                say("   rows in tour_orders afterwards: " + rs.getLong(1));
            }
        }
        // the host, port and token may change; the requests may not: the warehouse id is part of them
        say("3. The warehouse is stopped. Replay against a port where nothing listens");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        List<String> replayed;
        try (Connection c = DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + port
                + "/default;ssl=0;httpPath=" + httpPath + ";AuthMech=3;UID=token;PWD=unused"
                + ";Simulation=replay;SimulationDir=" + recording.toAbsolutePath())) {
            replayed = program(c);
        }
        say("   replayed in " + (System.nanoTime() - start) / 1_000_000 + " ms; identical to the recording: "
                + replayed.equals(recorded));
    }

    private static List<String> program(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, id * id AS square FROM range(0, 5)")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + "^2=" + rs.getLong(2));
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM tour_missing_table");
        } catch (SQLException e) {
            out.add(e.getSQLState());
        }
        return out;
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
