package dev.sluice.jdbc.internal.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional U2M token cache (EnableTokenCache=1): refresh tokens by workspace, client and scope, in one file
 * encrypted with AES-256-GCM under a key derived from TokenCachePassPhrase (PBKDF2-HMAC-SHA256, a fresh salt and
 * IV on every write). The file is readable by its owner only where the file system can say so, and replaced
 * atomically. A file that cannot be read or decrypted is ignored with a WARN and overwritten by the next write:
 * the cache saves sign-ins, it never prevents one. This is the only place the driver writes a credential.
 *
 * <p>Layout: "SLTC", version 1, iterations (int), 16-byte salt, 12-byte IV, ciphertext with its 16-byte tag.
 * The header is authenticated too (GCM associated data).
 */
public final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
    private static final byte[] MAGIC = {'S', 'L', 'T', 'C'};
    private static final byte VERSION = 1;
    private static final int SALT = 16;
    private static final int IV = 12;
    private static final int HEADER = MAGIC.length + 1 + Integer.BYTES + SALT + IV;
    // OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600,000; a derivation happens at most twice per connection
    private static final int DEFAULT_ITERATIONS = 600_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Secret passPhrase;
    private final int iterations;

    /** @param file where the cache lives; its directory is created (owner-only) on the first write */
    public TokenCache(Path file, Secret passPhrase) {
        this(file, passPhrase, DEFAULT_ITERATIONS);
    }

    TokenCache(Path file, Secret passPhrase, int iterations) {
        this.file = Objects.requireNonNull(file, "file is null").toAbsolutePath();
        this.passPhrase = Objects.requireNonNull(passPhrase, "passPhrase is null");
        this.iterations = iterations;
    }

    /** {@code <user home>/.sluice/oauth-tokens}: per user, outside any project directory. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".sluice", "oauth-tokens");
    }

    /** The cached refresh token for {@code key}, or null (also when the file cannot be read: one WARN). */
    Secret load(String key) {
        try {
            String token = read().get(key);
            return token == null ? null : Secret.of(token, "the cached refresh token");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("ignoring the OAuth token cache {}: it cannot be decrypted (wrong TokenCachePassPhrase?) or is"
                    + " damaged ({}); signing in again, the file will be overwritten", file,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Stores the refresh token for {@code key}, keeping the other entries of a readable file.
     *
     * @throws IOException when the file cannot be written (the caller goes on without the cache)
     */
    void store(String key, Secret refreshToken) throws IOException {
        synchronized (TokenCache.class) {
            Map<String, String> entries;
            try {
                entries = read();
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                entries = new HashMap<>(); // already reported by load; overwritten now
            }
            entries.put(key, refreshToken.reveal());
            try {
                write(encrypt(entries));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt the OAuth token cache: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    private Map<String, String> read() throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            return new HashMap<>();
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC) || in.get() != VERSION) {
            throw new IOException("not a Sluice token cache");
        }
        int rounds = in.getInt();
        if (rounds < 1 || rounds > MAX_ITERATIONS) {
            throw new IOException("implausible iteration count");
        }
        byte[] salt = new byte[SALT];
        byte[] iv = new byte[IV];
        in.get(salt).get(iv);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, salt, iv, rounds);
        cipher.updateAAD(in.array(), 0, HEADER);
        byte[] plain = cipher.doFinal(in.array(), HEADER, in.remaining());
        TokenResponse fields = TokenResponse.parse(plain);
        return new HashMap<>(fields.asMap());
    }

    private byte[] encrypt(Map<String, String> entries) throws IOException, GeneralSecurityException {
        byte[] salt = new byte[SALT];
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put(VERSION).putInt(iterations).put(salt).put(iv);
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, salt, iv, iterations);
        cipher.updateAAD(header.array());
        byte[] sealed = cipher.doFinal(json(entries));
        return ByteBuffer.allocate(HEADER + sealed.length).put(header.array()).put(sealed).array();
    }

    private Cipher cipher(int mode, byte[] salt, byte[] iv, int rounds) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passPhrase.reveal().toCharArray(), salt, rounds, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            return cipher;
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] json(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : entries.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Writes a temporary file that only the owner can read, then moves it over the cache in one step. */
    private void write(byte[] bytes) throws IOException {
        Path dir = file.getParent();
        boolean posix = Files.getFileStore(existing(dir)).supportsFileAttributeView("posix");
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, posix ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                        : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                // another connection created it first
            }
        }
        Path tmp = posix ? Files.createTempFile(dir, ".oauth-tokens", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".oauth-tokens", ".tmp");
        try {
            if (!posix) {
                ownerOnly(tmp);
            }
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Where ACLs exist (Windows), one entry: the owner may do anything, nobody else anything. */
    private static void ownerOnly(Path p) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(p, AclFileAttributeView.class);
        if (view != null) {
            view.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(view.getOwner())
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
        }
    }

    private static Path existing(Path p) {
        Path q = p;
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? p.getRoot() : q;
    }

    Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "TokenCache[" + file + ", passPhrase=***]";
    }
}
