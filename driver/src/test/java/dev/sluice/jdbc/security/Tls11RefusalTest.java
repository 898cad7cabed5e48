package dev.sluice.jdbc.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.net.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that speaks only TLS 1.1 is refused by API calls, the token endpoint and downloads, even in a JVM whose
 * java.security allows TLS 1.1 (where a plain JDK client does connect, so the refusal is the driver's own). The JDK
 * disables TLS 1.0/1.1 by default, so the probe runs in a child JVM started with {@code java.security.properties}
 * re-enabling them; the test JVM's own security settings are not changed.
 */
class Tls11RefusalTest {
    private static final String RELAXED = "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024,"
            + " EC keySize < 224, 3DES_EDE_CBC, anon, NULL\n";

    @Test
    void aTls11OnlyServerIsRefusedEverywhereWithTheHostAndTheReason() throws Exception {
        TestCertificates certs = TestCertificates.get();
        Path security = certs.dir.resolve("relaxed.security");
        Files.writeString(security, RELAXED);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security, "-cp", System.getProperty("java.class.path"),
                Tls11Probe.class.getName(), certs.dir.toString())
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<String, String> lines = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && List.of("control", "api", "token", "download").contains(line.substring(0, eq))) {
                lines.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        assertThat(lines).as(output).containsKeys("control", "api", "token", "download");
        assertThat(lines.get("control")).as("a plain JDK client in that JVM speaks TLS 1.1").isEqualTo("200|TLSv1.1");
        assertThat(lines.get("api")).startsWith("08001|").contains("127.0.0.1:").contains("TLS 1.3 and TLS 1.2")
                .doesNotContain("dapi-probe-token");
        assertThat(lines.get("token")).startsWith("08001|").contains("127.0.0.1").contains("TLS 1.3 and TLS 1.2")
                .doesNotContain("probe-secret");
        assertThat(lines.get("download")).startsWith("ConnectFailedException|").contains("127.0.0.1")
                .contains("TLS 1.3 and TLS 1.2").doesNotContain("sig=s");
        assertThat(output).doesNotContain("dapi-probe-token").doesNotContain("probe-secret");
    }
}
