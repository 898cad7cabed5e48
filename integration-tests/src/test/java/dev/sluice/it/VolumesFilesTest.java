package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.files.DirectoryEntry;
import dev.sluice.jdbc.files.FileMetadata;
import dev.sluice.jdbc.files.FilesClient;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The driver's Files client against the local warehouse's Files API: real HTTP, real files under its directory. */
@ExtendWith(LocalWarehouseExtension.class)
class VolumesFilesTest {

    /** Larger than any buffer of the driver or the warehouse (64 KiB), and than the JSON body cap (20 MiB). */
    private static final long LARGE = 64L << 20;

    private final LocalWarehouse warehouse;
    private final String volume = "v_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String root = "/Volumes/main/default/" + volume;
    private Connection connection;
    private FilesClient files;

    @TempDir
    Path dir;

    VolumesFilesTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void createVolume() throws Exception {
        connection = DriverManager.getConnection(warehouse.jdbcUrl());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE VOLUME IF NOT EXISTS main.default." + volume);
        }
        files = connection.unwrap(SluiceWorkspace.class).files();
    }

    @AfterEach
    void dropVolume() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP VOLUME IF EXISTS main.default." + volume);
        }
        connection.close();
    }

    @Test
    void aFileLargerThanEveryBufferRoundTripsStreamed() throws Exception {
        Path source = dir.resolve("large.bin");
        byte[] expected = writePattern(source, LARGE);
        files.upload(root + "/in/large.bin", source, false);

        FileMetadata metadata = files.metadata(root + "/in/large.bin");
        assertThat(metadata.size()).isEqualTo(LARGE);
        assertThat(metadata.lastModified()).isNotNull();
        assertThat(warehouse.warehouseDir().resolve("Volumes/main/default/" + volume + "/in/large.bin"))
                .hasSize(LARGE);

        long[] read = new long[1];
        try (InputStream in = files.download(root + "/in/large.bin")) {
            assertThat(digest(in, read)).isEqualTo(expected);
        }
        assertThat(read[0]).isEqualTo(LARGE);

        Path copy = dir.resolve("copy.bin");
        assertThat(files.download(root + "/in/large.bin", copy, false)).isEqualTo(LARGE);
        try (InputStream in = Files.newInputStream(copy)) {
            assertThat(digest(in, read)).isEqualTo(expected);
        }

        // a range is the same bytes as the pattern at that offset
        try (InputStream in = files.download(root + "/in/large.bin", LARGE - 10, 4)) {
            assertThat(in.readAllBytes()).containsExactly(pattern(LARGE - 10, 4));
        }
    }

    @Test
    void overwriteFalseRefusesAnExistingFileAndTrueReplacesIt() throws Exception {
        String path = root + "/a.txt";
        files.upload(path, new ByteArrayInputStream("one".getBytes(StandardCharsets.UTF_8)), 3, false);
        // refused before its body is read, a large upload still gets the answer, not a reset connection
        Path big = dir.resolve("big.bin");
        writePattern(big, 8L << 20);
        assertThatThrownBy(() -> files.upload(path, big, false))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("ALREADY_EXISTS");
                });
        files.upload(path, new ByteArrayInputStream("two!".getBytes(StandardCharsets.UTF_8)), -1, true);
        try (InputStream in = files.download(path)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two!");
        }
        files.delete(path);
        assertThatThrownBy(() -> files.metadata(path)).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void directoriesAreListedPageByPage() throws Exception {
        files.createDirectory(root + "/many/sub");
        for (int i = 0; i < 7; i++) {
            files.upload(root + "/many/f" + i + ".csv", new ByteArrayInputStream(new byte[i]), i, false);
        }
        List<DirectoryEntry> entries = files.list(root + "/many", 3).collect(Collectors.toList());
        assertThat(entries).extracting(DirectoryEntry::name)
                .containsExactly("f0.csv", "f1.csv", "f2.csv", "f3.csv", "f4.csv", "f5.csv", "f6.csv", "sub");
        assertThat(entries.get(6).size()).isEqualTo(6);
        assertThat(entries.get(7).directory()).isTrue();
        assertThat(entries.get(0).path()).isEqualTo(root + "/many/f0.csv");

        assertThatThrownBy(() -> files.deleteDirectory(root + "/many")).isInstanceOf(WorkspaceException.class);
        files.deleteDirectory(root + "/many/sub");
        assertThat(files.list(root + "/many").count()).isEqualTo(7);
    }

    @Test
    void pathsThatWouldLeaveTheVolumeAreRefused() throws Exception {
        Path outside = warehouse.warehouseDir().resolve("outside-" + volume + ".txt");
        Files.writeString(outside, "secret");
        Path link = warehouse.warehouseDir().resolve("Volumes/main/default/" + volume + "/link");
        Files.createSymbolicLink(link, warehouse.warehouseDir());
        try {
            // the client refuses '..' itself; sent raw, the server refuses it too (and encoded forms of it)
            assertThatThrownBy(() -> files.download(root + "/../../../outside-" + volume + ".txt"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'");
            RestClient rest = new RestClient(warehouse);
            for (String raw : List.of("/api/2.0/fs/files" + root + "/%2e%2e/%2e%2e/%2e%2e/outside-" + volume + ".txt",
                    "/api/2.0/fs/files" + root + "/..%2F..%2F..%2Foutside-" + volume + ".txt",
                    "/api/2.0/fs/files/Volumes/main/default/..%2F..%2Foutside-" + volume + ".txt",
                    "/api/2.0/fs/files" + root + "/a%5C..%5C..%5Coutside.txt")) {
                assertThat(rest.raw(rest.request(raw).GET()).status()).as(raw).isIn(400, 404);
            }
            // a symbolic link planted in the volume is not followed, for reading, writing or listing
            assertThatThrownBy(() -> files.download(root + "/link/outside-" + volume + ".txt"))
                    .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
            assertThatThrownBy(() -> files.upload(root + "/link/planted.txt", new ByteArrayInputStream(new byte[1]),
                    1, true)).isInstanceOf(WorkspaceException.class);
            assertThat(files.list(root).map(DirectoryEntry::name)).doesNotContain("link");
            assertThat(warehouse.warehouseDir().resolve("planted.txt")).doesNotExist();
            assertThat(Files.readString(outside)).isEqualTo("secret");
            // and without the token, nothing at all
            assertThat(rest.raw(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/api/2.0/fs/directories" + root))
                    .GET()).status()).isEqualTo(401);
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void presignedLinksWorkWithoutTheTokenForTheirOneOperationOnly() throws Exception {
        RestClient rest = new RestClient(warehouse);
        String path = root + "/signed/p.txt";
        String upload = rest.post("/api/2.0/fs/create-upload-url", "{\"path\":\"" + path + "\"}").body()
                .path("url").asText();
        assertThat(anonymous(upload, "PUT", "signed bytes")).isEqualTo(204);
        assertThat(warehouse.warehouseDir().resolve("Volumes/main/default/" + volume + "/signed/p.txt"))
                .hasContent("signed bytes");

        String download = rest.post("/api/2.0/fs/create-download-url", "{\"path\":\"" + path + "\"}").body()
                .path("url").asText();
        assertThat(new String(rest.download(download, false).body(), StandardCharsets.UTF_8)).isEqualTo("signed bytes");
        // a link is good for its own operation and path only, and cannot be extended
        assertThat(anonymous(download, "DELETE", null)).isEqualTo(403);
        assertThat(anonymous(download.replace("op=GET", "op=DELETE"), "DELETE", null)).isEqualTo(403);
        assertThat(anonymous(download.replace("/p.txt", "/q.txt"), "GET", null)).isEqualTo(403);
        assertThat(anonymous(download.replaceFirst("expires=\\d", "expires=9"), "GET", null)).isEqualTo(403);

        assertThat(rest.get("/api/2.0/fs/list?path=" + root + "/signed").body().path("files").toString())
                .contains("\"path\":\"" + path + "\"", "\"is_dir\":false", "\"file_size\":12");

        String remove = rest.post("/api/2.0/fs/create-delete-url", "{\"path\":\"" + path + "\"}").body()
                .path("url").asText();
        assertThat(anonymous(remove, "DELETE", null)).isEqualTo(204);
        assertThat(files.list(root + "/signed").count()).isZero();
    }

    private static int anonymous(String url, String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Writes {@code size} bytes of {@link #pattern} streamed; returns their SHA-256. */
    private static byte[] writePattern(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(file)) {
            int block = 1 << 20;
            for (long at = 0; at < size; at += block) {
                byte[] bytes = pattern(at, (int) Math.min(block, size - at));
                sha.update(bytes);
                out.write(bytes);
            }
        }
        return sha.digest();
    }

    /** Bytes that differ with their offset, so a misplaced or repeated block changes the digest. */
    private static byte[] pattern(long offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            long at = offset + i;
            out[i] = (byte) (at ^ (at >>> 8) ^ (at >>> 16) ^ (at >>> 24));
        }
        return out;
    }

    private static byte[] digest(InputStream in, long[] count) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, sha)) {
            count[0] = d.transferTo(OutputStream.nullOutputStream());
        }
        return sha.digest();
    }
}
