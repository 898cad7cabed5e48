package dev.sluice.it.observe;

import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_ID;
import static dev.sluice.testing.warehouse.LocalWarehouseExtension.OAUTH_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.files.FilesClient;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed calls and the OAuth token exchanges through the simulation seam: a session authenticated with OAuth
 * M2M that uploads and downloads volume files (Files API and the SQL PUT/GET volume commands) is recorded against
 * the local warehouse, then replayed with nothing listening where the URL points: the same bytes; the recording
 * holds no token, secret or link signature.
 */
@ExtendWith(LocalWarehouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationFilesTest {
    private static final String VOLUME = "main.default.v_simulation_files";
    private static final String ROOT = "/Volumes/main/default/v_simulation_files";
    /** Several buffers of the transport and of the recording's copy. */
    private static final int SIZE = 3 << 20;

    private final LocalWarehouse warehouse;
    @TempDir
    static Path temp;
    private Path recording;
    private Path local;
    private byte[] source;
    private List<String> recorded;
    private LeakHarness leaks;

    SimulationFilesTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeAll
    void record() throws Exception {
        recording = temp.resolve("files");
        local = Files.createDirectories(temp.resolve("local"));
        source = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            source[i] = (byte) (i * 31 + (i >>> 11));
        }
        Files.write(local.resolve("source.bin"), source);
        leaks = new LeakHarness(warehouse);
        String url = leaks.url("AuthMech=11;Auth_Flow=1;OAuth2ClientId=" + OAUTH_CLIENT_ID + ";OAuth2Secret="
                + leaks.secret(OAUTH_CLIENT_SECRET)) + ";VolumeOperationAllowedLocalPaths=" + local
                + ";Simulation=record;SimulationDir=" + recording;
        try (Connection c = leaks.connect(url)) {
            recorded = program(c);
        }
        assertThat(leaks.proxy.issuedTokens()).as("tokens issued through the proxy").isNotEmpty();
    }

    @AfterAll
    void closeHarness() {
        leaks.close();
    }

    /** Uploads and reads back one file each way the driver streams; returns digests and sizes. */
    private List<String> program(Connection c) throws Exception {
        Files.deleteIfExists(local.resolve("back.bin"));
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE VOLUME IF NOT EXISTS " + VOLUME);
        }
        FilesClient files = c.unwrap(SluiceWorkspace.class).files();
        files.upload(ROOT + "/in/source.bin", local.resolve("source.bin"), true);
        byte[] small = "a small file, sent from a stream".getBytes(StandardCharsets.UTF_8);
        files.upload(ROOT + "/in/small.txt", new ByteArrayInputStream(small), small.length, true);
        out.add("size " + files.metadata(ROOT + "/in/source.bin").size());
        try (InputStream in = files.download(ROOT + "/in/source.bin")) {
            out.add("whole " + sha256(in.readAllBytes()));
        }
        try (InputStream in = files.download(ROOT + "/in/source.bin", 1000, 16)) {
            out.add("range " + HexFormat.of().formatHex(in.readAllBytes()));
        }
        try (InputStream in = files.download(ROOT + "/in/small.txt")) {
            out.add("small " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PUT '" + local.resolve("source.bin") + "' INTO '" + ROOT
                    + "/sql/source.bin' OVERWRITE")) {
                rs.next();
                out.add("sql put " + rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("GET '" + ROOT + "/sql/source.bin' TO '" + local.resolve("back.bin")
                    + "'")) {
                rs.next();
                out.add("sql get " + rs.getString(1));
            }
        }
        out.add("sql got " + sha256(Files.readAllBytes(local.resolve("back.bin"))));
        return out;
    }

    @Test
    void aReplayWithNoWarehouseAndOAuthM2MGivesTheSameBytes() throws Exception {
        assertThat(recorded).contains("size " + SIZE, "whole " + sha256(source), "sql got " + sha256(source));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:databricks://127.0.0.1:" + port + "/default;ssl=0;httpPath=" + warehouse.httpPath()
                + ";AuthMech=11;Auth_Flow=1;OAuth2ClientId=" + OAUTH_CLIENT_ID + ";OAuth2Secret=not-the-secret"
                + ";VolumeOperationAllowedLocalPaths=" + local + ";Simulation=replay;SimulationDir=" + recording;
        for (int round = 0; round < 2; round++) {
            try (Connection c = new SluiceDriver().connect(url, new Properties())) {
                assertThat(program(c)).isEqualTo(recorded);
            }
            assertThat(local.resolve("back.bin")).hasBinaryContent(source);
        }
    }

    @Test
    void theRecordingHoldsNoTokenSecretOrSignatureAndKeepsBodiesAsFiles() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(recording)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        // the uploaded file's answers are kept beside the mappings, whole
        assertThat(files).anyMatch(f -> f.toString().endsWith(".bin") && f.toFile().length() == SIZE);
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            leaks.show("recording file " + recording.relativize(file), text);
            if (file.toString().endsWith(".json")) {
                assertThat(text).as(file.toString()).doesNotContain("sig=").doesNotContain("Basic ");
            }
        }
        assertThat(files).anyMatch(f -> f.toString().contains("oidc"));
        assertThat(leaks.secrets()).containsKey(OAUTH_CLIENT_SECRET);
        leaks.assertNothingLeaked();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
