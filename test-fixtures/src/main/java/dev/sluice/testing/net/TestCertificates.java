package dev.sluice.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made once per test JVM with the JDK's own keytool
 * (no key material is committed): the server's PKCS12 key store, trust stores holding its certificate as JKS and
 * PKCS12, and the certificate as PEM. Deleted when the JVM exits.
 */
public final class TestCertificates {
    public static final String SERVER_PASSWORD = "server-store-pass";
    public static final String TRUST_PASSWORD = "trust-store-pass-5e1f";

    private static TestCertificates instance;

    public final Path dir;
    public final Path serverStore;
    public final Path trustJks;
    public final Path trustP12;
    public final Path serverPem;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.serverStore = dir.resolve("server.p12");
        this.trustJks = dir.resolve("trust.jks");
        this.trustP12 = dir.resolve("trust.p12");
        this.serverPem = dir.resolve("server.pem");
    }

    /** Certificates already made by {@link #get()} in {@code dir} (for a child JVM). */
    public static TestCertificates existing(Path dir) {
        return new TestCertificates(dir);
    }

    /** The certificates, made on first use. */
    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("sluice-tls");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                TestCertificates c = new TestCertificates(dir);
                c.generate();
                instance = c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private void generate() throws IOException {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", serverStore.toString(), "-storepass", SERVER_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverStore.toString(),
                "-storepass", SERVER_PASSWORD, "-file", serverPem.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", serverPem.toString(), "-storetype", "JKS",
                "-keystore", trustJks.toString(), "-storepass", TRUST_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", serverPem.toString(), "-storetype", "PKCS12",
                "-keystore", trustP12.toString(), "-storepass", TRUST_PASSWORD);
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The server side: presents the certificate. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(serverStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, SERVER_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, SERVER_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL properties that make the driver trust the certificate. */
    public String trustProperties() {
        return ";SSLTrustStore=" + trustJks + ";SSLTrustStorePwd=" + TRUST_PASSWORD;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
