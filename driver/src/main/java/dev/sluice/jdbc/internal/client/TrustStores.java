package dev.sluice.jdbc.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the certificates a connection trusts come from. Each source yields trusted certificates; the connection
 * trusts their union through one PKIX trust manager (no "trust all" exists here).
 *
 * <ul>
 *   <li>{@link #file}: the SSLTrustStore file.</li>
 *   <li>{@link #jvmDefault}: what any Java HTTPS client trusts: the file named by {@code javax.net.ssl.trustStore}
 *       if the application set it, else {@code <java.home>/lib/security/jssecacerts}, else {@code cacerts}.</li>
 *   <li>{@link #operatingSystem}: the OS store where the JDK exposes one — Windows {@code Windows-ROOT}
 *       (SunMSCAPI), macOS {@code KeychainStore-ROOT} (JDK 23+) and {@code KeychainStore} (Apple provider) — and
 *       elsewhere the first readable PEM bundle of {@link #LINUX_BUNDLES}.</li>
 * </ul>
 */
public final class TrustStores {
    private static final Logger LOG = LoggerFactory.getLogger(TrustStores.class);

    /** CA bundles of the common Linux and BSD distributions, first readable one wins. */
    public static final List<Path> LINUX_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),             // Debian, Ubuntu, Gentoo, Arch, Alpine
            Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"), // RHEL, Fedora, CentOS 7+
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),               // older RHEL, Fedora
            Path.of("/etc/ssl/ca-bundle.pem"),                         // openSUSE, SLES
            Path.of("/etc/ssl/cert.pem"));                             // Alpine, FreeBSD, OpenBSD, macOS

    private TrustStores() {
    }

    /**
     * The certificates of a trust store file.
     *
     * @param password null to read without checking the store's integrity
     * @throws IOException naming the path (never the password) when the file is missing, unreadable, of another
     *     type, corrupt, opened with a wrong password or holds no certificate
     */
    public static List<X509Certificate> file(Path path, String type, char[] password) throws IOException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new IOException("unknown trust store type '" + type + "' (use JKS or PKCS12)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IOException("trust store '" + path + "' does not exist");
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException whose cause is UnrecoverableKeyException
            throw new IOException("trust store '" + path + "' cannot be read as " + type + ": wrong password, other"
                    + " type or corrupt file (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new IOException("trust store '" + path + "' cannot be read as " + type + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<X509Certificate> certificates = certificatesOf(store);
        if (certificates.isEmpty()) {
            throw new IOException("trust store '" + path + "' holds no certificate");
        }
        return certificates;
    }

    /** What the JVM's default trust manager trusts. */
    public static List<X509Certificate> jvmDefault() {
        return Arrays.asList(trustManager(null).getAcceptedIssuers());
    }

    /** The operating system's trusted certificates where they can be reached; empty elsewhere. */
    public static List<X509Certificate> operatingSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return platformStore("Windows-ROOT");
        }
        if (os.startsWith("mac")) {
            List<X509Certificate> all = new ArrayList<>(platformStore("KeychainStore-ROOT"));
            all.addAll(platformStore("KeychainStore"));
            return all;
        }
        return pemBundle(LINUX_BUNDLES);
    }

    /** The certificates of the first readable PEM bundle of {@code candidates}; empty when none is readable. */
    public static List<X509Certificate> pemBundle(List<Path> candidates) {
        for (Path bundle : candidates) {
            if (!Files.isReadable(bundle)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(bundle)) {
                Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                        .generateCertificates(in);
                List<X509Certificate> out = new ArrayList<>();
                for (Certificate c : read) {
                    if (c instanceof X509Certificate) {
                        out.add((X509Certificate) c);
                    }
                }
                LOG.debug("read {} certificates from the system bundle {}", out.size(), bundle);
                return out;
            } catch (IOException | CertificateException e) {
                LOG.debug("cannot read the system CA bundle {}: {}", bundle, e.toString());
            }
        }
        return Collections.emptyList();
    }

    /** One PKIX trust manager that trusts exactly {@code certificates}. */
    public static X509TrustManager trusting(Collection<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : certificates) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
            return trustManager(store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store in memory", e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509TrustManager) {
                    return (X509TrustManager) m;
                }
            }
            throw new IllegalStateException("the JVM's trust manager factory made no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a trust manager", e);
        }
    }

    private static List<X509Certificate> platformStore(String type) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            return certificatesOf(store);
        } catch (IOException | GeneralSecurityException e) {
            LOG.debug("the {} key store is not available: {}", type, e.toString());
            return Collections.emptyList();
        }
    }

    private static List<X509Certificate> certificatesOf(KeyStore store) throws IOException {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate c = store.getCertificate(alias);
                if (c instanceof X509Certificate) {
                    out.add((X509Certificate) c);
                }
            }
            return out;
        } catch (KeyStoreException e) {
            throw new IOException("cannot list the trust store's certificates", e);
        }
    }
}
