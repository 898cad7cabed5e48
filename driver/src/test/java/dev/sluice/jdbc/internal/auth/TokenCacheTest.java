package dev.sluice.jdbc.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted refresh-token cache: round trip, wrong pass phrase, tampering, fresh salt and IV, permissions. */
class TokenCacheTest {
    private static final String TOKEN = "refresh-token-value-0123456789";
    // few PBKDF2 rounds keep the test fast; the rounds travel in the file, so the format is the same
    private static final int ROUNDS = 1_000;

    @TempDir
    Path dir;

    @Test
    void aStoredRefreshTokenIsReadBackByItsKeyAndNeverWrittenInClear() throws Exception {
        Path file = dir.resolve("sub").resolve("tokens");
        cache(file, "pass phrase").store("https://ws a b", Secret.of(TOKEN, "t"));
        cache(file, "pass phrase").store("https://other a b", Secret.of("second", "t"));

        TokenCache reader = cache(file, "pass phrase");
        assertThat(reader.load("https://ws a b").reveal()).isEqualTo(TOKEN);
        assertThat(reader.load("https://other a b").reveal()).isEqualTo("second");
        assertThat(reader.load("https://unknown a b")).isNull();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN).doesNotContain("https://ws");
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SLTC");
    }

    @Test
    void theFileAndItsDirectoryAreTheOwnersOnlyWhereTheFileSystemSaysSo() throws Exception {
        Path file = dir.resolve("private").resolve("tokens");
        cache(file, "p").store("k", Secret.of(TOKEN, "t"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void everyWriteUsesAFreshSaltAndIv() throws Exception {
        Path file = dir.resolve("tokens");
        cache(file, "p").store("k", Secret.of(TOKEN, "t"));
        byte[] first = Files.readAllBytes(file);
        cache(file, "p").store("k", Secret.of(TOKEN, "t"));
        byte[] second = Files.readAllBytes(file);
        // magic, version, rounds are equal; salt (16) and IV (12) after them differ
        assertThat(Arrays.copyOfRange(first, 0, 9)).isEqualTo(Arrays.copyOfRange(second, 0, 9));
        assertThat(Arrays.copyOfRange(first, 9, 25)).isNotEqualTo(Arrays.copyOfRange(second, 9, 25));
        assertThat(Arrays.copyOfRange(first, 25, 37)).isNotEqualTo(Arrays.copyOfRange(second, 25, 37));
    }

    @Test
    void aWrongPassPhraseReadsNothingAndTheNextWriteReplacesTheFile() throws Exception {
        Path file = dir.resolve("tokens");
        cache(file, "right").store("k", Secret.of(TOKEN, "t"));

        TokenCache wrong = cache(file, "wrong");
        assertThat(wrong.load("k")).isNull();
        wrong.store("k", Secret.of("new-token", "t"));
        assertThat(cache(file, "wrong").load("k").reveal()).isEqualTo("new-token");
        assertThat(cache(file, "right").load("k")).isNull();
    }

    @Test
    void aTamperedFileIsIgnoredWhateverByteChanged() throws Exception {
        Path file = dir.resolve("tokens");
        cache(file, "p").store("k", Secret.of(TOKEN, "t"));
        byte[] good = Files.readAllBytes(file);
        // a header byte (salt), a ciphertext byte and a tag byte: GCM authenticates all of them
        for (int at : new int[] {12, 40, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 1;
            Files.write(file, bad);
            assertThat(cache(file, "p").load("k")).as("byte %d flipped", at).isNull();
        }
        Files.write(file, Arrays.copyOf(good, 20));
        assertThat(cache(file, "p").load("k")).isNull();
        Files.writeString(file, "{\"k\":\"plain\"}");
        assertThat(cache(file, "p").load("k")).isNull();
        Files.write(file, good);
        assertThat(cache(file, "p").load("k").reveal()).isEqualTo(TOKEN);
    }

    @Test
    void theDefaultFileIsUnderTheUsersHomeAndToStringHidesThePassPhrase() {
        assertThat(TokenCache.defaultFile()).isEqualTo(Path.of(System.getProperty("user.home"), ".sluice",
                "oauth-tokens"));
        assertThat(cache(dir.resolve("t"), "hidden-phrase").toString()).doesNotContain("hidden-phrase");
    }

    private static TokenCache cache(Path file, String passPhrase) {
        return new TokenCache(file, Secret.of(passPhrase, "the pass phrase"), ROUNDS);
    }
}
