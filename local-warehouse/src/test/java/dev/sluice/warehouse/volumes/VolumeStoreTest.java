package dev.sluice.warehouse.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.warehouse.http.ApiError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where volume paths lead on disk, and everything that must not lead out of the volume. */
class VolumeStoreTest {

    @TempDir
    Path warehouse;

    private VolumeStore store;

    @BeforeEach
    void createVolume() throws IOException {
        store = new VolumeStore(warehouse);
        store.create("Main", "default", "landing", false);
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiError e) {
            return e.status();
        }
        return 200;
    }

    @Test
    void aVolumePathIsAFileUnderTheWarehouseDirectory() throws IOException {
        VolumeStore.VolumePath p = store.resolve("/Volumes/main/default/landing/day 1/a.csv");
        assertThat(p.file()).isEqualTo(warehouse.toAbsolutePath().resolve("Volumes/main/default/landing/day 1/a.csv"));
        assertThat(p.display()).isEqualTo("/Volumes/main/default/landing/day 1/a.csv");
        store.write(p, bytes("x"), false);
        assertThat(p.file()).hasContent("x");
        assertThat(store.list(store.resolve("/Volumes/main/default/landing"))).extracting(VolumeStore.Entry::path)
                .containsExactly("/Volumes/main/default/landing/day 1/");
        assertThatThrownBy(() -> store.write(p, bytes("y"), false)).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.errorCode()).isEqualTo("ALREADY_EXISTS"));
        store.write(p, bytes("y"), true);
        assertThat(p.file()).hasContent("y");
        assertThat(store.create("main", "default", "landing", true)).isFalse();
        assertThat(status(() -> {
            try {
                store.create("main", "default", "landing", false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })).isEqualTo(409);
    }

    @Test
    void namesAndSegmentsThatCouldEscapeAreRefused() {
        for (String bad : List.of("/Volumes/main/default/landing/../../../../etc/passwd",
                "/Volumes/main/default/landing/a/./b", "/Volumes/main/default/landing/a//b",
                "/Volumes/main/default/landing/a\\..\\..\\b", "/Volumes/main/default/landing/a\u0000b",
                "/Volumes/../default/landing/a", "/Volumes/main/de fault/landing/a", "/Volumes/main/default",
                "/etc/passwd", "/Volumes/main/default/landing/.sluice-upload-123")) {
            assertThat(status(() -> store.resolve(bad))).as(bad).isEqualTo(400);
        }
        assertThat(status(() -> store.resolve("/Volumes/main/default/missing/a"))).isEqualTo(404);
    }

    @Test
    void symbolicLinksOnTheWayAreNotFollowed() throws IOException {
        Path outside = Files.createDirectories(warehouse.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Path volume = warehouse.resolve("Volumes/main/default/landing");
        Files.createSymbolicLink(volume.resolve("link"), outside);
        assertThat(status(() -> store.resolve("/Volumes/main/default/landing/link/secret.txt"))).isEqualTo(400);
        assertThat(store.list(store.resolve("/Volumes/main/default/landing"))).isEmpty();
        // a link in place of a whole volume does not make a volume
        Files.createDirectories(warehouse.resolve("Volumes/main/default"));
        Files.createSymbolicLink(warehouse.resolve("Volumes/main/default/linked"), outside);
        assertThat(store.exists("main", "default", "linked")).isFalse();
        assertThat(status(() -> store.resolve("/Volumes/main/default/linked/secret.txt"))).isEqualTo(404);
    }

    @Test
    void presignedLinksAreGoodForOneOperationOnOnePathUntilTheyExpire() {
        VolumeLinks links = new VolumeLinks();
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        String url = links.url(VolumeLinks.Operation.GET, "/Volumes/main/default/landing/a b.csv", false, now);
        String query = url.substring(url.indexOf('?') + 1);
        String op = param(query, "op");
        String expires = param(query, "expires");
        String sig = param(query, "sig");
        String path = "/Volumes/main/default/landing/a b.csv";
        assertThat(url).contains("/sluice/volume-files/Volumes/main/default/landing/a%20b.csv?");
        assertThat(links.check("GET", path, op, "false", expires, sig, now)).isFalse();
        assertThat(status(() -> links.check("PUT", path, op, "false", expires, sig, now))).isEqualTo(403);
        assertThat(status(() -> links.check("GET", path + "x", op, "false", expires, sig, now))).isEqualTo(403);
        assertThat(status(() -> links.check("GET", path, op, "true", expires, sig, now))).isEqualTo(403);
        assertThat(status(() -> links.check("GET", path, op, "false", expires, sig,
                now.plus(VolumeLinks.TTL).plusSeconds(1)))).isEqualTo(403);
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " missing from " + query);
    }
}
