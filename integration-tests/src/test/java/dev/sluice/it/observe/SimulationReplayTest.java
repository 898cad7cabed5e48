package dev.sluice.it.observe;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sluice.dao.jobs.Jobs;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Properties;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulation=record against the local warehouse, then Simulation=replay of the same program with nothing listening
 * where the URL points: the same results cell for cell, twice; the recording holds no secret and serves a plain
 * WireMock too; a request the recording lacks fails at once, saying what it was closest to.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationReplayTest {
    private static final String NOTEBOOK = "/Users/dev/simulation_replay/answer";
    private static final int STATEMENTS = 50;

    private final LocalWarehouse warehouse;
    @TempDir
    static Path temp;
    private Path recording;
    private Path fifty;
    private List<String> recorded;
    private LeakHarness leaks;

    SimulationReplayTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void record() throws Exception {
        recording = temp.resolve("program");
        fifty = temp.resolve("fifty");
        leaks = new LeakHarness(warehouse);
        String token = leaks.secret(warehouse.token());
        String url = leaks.url("AuthMech=3;UID=token;PWD=" + token) + ";Simulation=record;SimulationDir=";
        try (Connection c = leaks.connect(url + recording)) {
            recorded = program(c);
        }
        try (Connection c = connect(url + fifty)) {
            fiftyStatements(c);
        }
        assertThat(leaks.proxy.externalLinks()).as("external links recorded").hasSizeGreaterThanOrEqualTo(2);
        assertThat(leaks.proxy.responseBodies()).anyMatch(body -> body.contains("LZ4_FRAME"));
    }

    @AfterAll
    void closeHarness() {
        leaks.close();
    }

    private static Connection connect(String url) throws SQLException {
        return new SluiceDriver().connect(url, new Properties());
    }

    /** The program a user records once: links, parameters, a failure and a job polled to its end. */
    private static List<String> program(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            out.addAll(cells(s.executeQuery("SELECT id, concat('row-', id) AS name FROM range(0, 100000)")));
            try {
                s.executeQuery("SELECT * FROM sluice_simulation_missing_table");
                out.add("no failure");
            } catch (SQLException e) {
                out.add("failed " + e.getSQLState() + " " + e.getMessage());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ? AS word, ? + 1 AS next, ? AS day")) {
            ps.setString(1, "sluice");
            ps.setInt(2, 41);
            ps.setDate(3, java.sql.Date.valueOf("2026-12-04"));
            out.addAll(cells(ps.executeQuery()));
        }
        SluiceWorkspace workspace = c.unwrap(SluiceWorkspace.class);
        workspace.workspaceTree().mkdirs(NOTEBOOK.substring(0, NOTEBOOK.lastIndexOf('/')));
        workspace.workspaceTree().importObject(NOTEBOOK, ("-- Databricks notebook source\nSELECT 'forty-two'")
                .getBytes(StandardCharsets.UTF_8), "SOURCE", "SQL", true);
        Jobs jobs = Jobs.over(c).withPolling(Duration.ofMillis(50), Duration.ofMillis(200));
        long runId = jobs.submit(RunSubmit.builder("simulation").task(Task.notebook("answer", NOTEBOOK, null))
                .build());
        List<String> heard = new ArrayList<>();
        Run run = jobs.await(runId, Duration.ofMinutes(3), r -> heard.add(r.lifeCycleState()));
        out.add("run " + runId + " " + run.resultState() + " heard " + heard);
        out.add("output " + jobs.output(runId).get(0).notebookResult());
        return out;
    }

    private static void fiftyStatements(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < STATEMENTS; i++) {
                try (ResultSet rs = s.executeQuery("SELECT " + i + " AS n, 'value " + i + "' AS v")) {
                    rs.next();
                }
            }
        }
    }

    private static List<String> cells(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder header = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                header.append(md.getColumnName(i)).append(':').append(md.getColumnTypeName(i)).append(' ');
            }
            out.add(header.toString());
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    out.add(rs.getString(i));
                }
            }
        }
        return out;
    }

    /** A URL where nothing listens: a replay that opened a socket would fail. */
    private String replayUrl(Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return "jdbc:databricks://127.0.0.1:" + port + "/default;ssl=0;httpPath=" + warehouse.httpPath()
                + ";AuthMech=3;UID=token;PWD=not-a-token;Simulation=replay;SimulationDir=" + dir;
    }

    @Test
    void aReplayWithNoWarehouseGivesTheRecordedResultsCellForCellEveryTime() throws Exception {
        assertThat(recorded).hasSizeGreaterThan(200_000);
        assertThat(recorded).anyMatch(cell -> cell.startsWith("failed 42"));
        assertThat(recorded).anyMatch(cell -> cell.contains("SUCCESS heard [") && cell.contains("TERMINATED"));
        String url = replayUrl(recording);
        List<String> first;
        try (Connection c = connect(url)) {
            first = program(c);
        }
        List<String> second;
        try (Connection c = connect(url)) {
            second = program(c);
        }
        assertThat(first).isEqualTo(recorded);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theRecordingHoldsNoSecret() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(recording)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(f -> f.toString().endsWith(".bin"));
        for (Path file : files) {
            leaks.show("recording file " + recording.relativize(file),
                    new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
        assertThat(leaks.secrets()).isNotEmpty();
        leaks.assertNothingLeaked();
    }

    @Test
    void aPlainWireMockServesTheRecording() throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(recording.toString()));
        server.start();
        try (Connection c = connect("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;httpPath=" + warehouse.httpPath() + ";AuthMech=3;UID=token;PWD=not-a-token")) {
            assertThat(program(c)).isEqualTo(recorded);
        } finally {
            server.stop();
        }
    }

    @Test
    void anUnrecordedStatementFailsAtOnceNamingTheClosestRecordedOne() throws Exception {
        try (Connection c = connect(replayUrl(recording)); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT id, concat('row-', id) AS name FROM range(0, 99)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no recorded answer")
                    .hasMessageContaining("POST /api/2.0/sql/statements")
                    .hasMessageContaining("range(0, 99)")
                    .hasMessageContaining("closest recorded")
                    .hasMessageContaining("statement: recorded \"SELECT id, concat('row-', id) AS name FROM"
                            + " range(0, 100000)\"");
        }
    }

    /** Not a timed assertion: the figure is printed for the README. */
    @Test
    void fiftyRecordedStatementsReplay() throws Exception {
        String url = replayUrl(fifty);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            try (Connection c = connect(url)) {
                fiftyStatements(c);
            }
            System.out.printf("replay of %d statements (connect to close): %.1f ms%n", STATEMENTS,
                    (System.nanoTime() - start) / 1e6);
        }
    }
}
