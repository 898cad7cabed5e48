package dev.sluice.jdbc.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.net.TestCertificates;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The driver's own loggers at TRACE (in a child JVM, so the level can be set before any logger exists) while it
 * works through an authenticating proxy with a trust store password, and while it fails with wrong ones: no
 * password, token or Basic credential appears in the logs, the messages or the stack traces.
 */
class SecretsInLogsTest {
    private static final String PAT = "dapi0123456789abcdef-leak-check";
    private static final String PASSWORD = "proxy-pw-leak-check-1";
    private static final String WRONG = "wrong-pw-leak-check-2";

    @Test
    void noSecretAppearsInTraceLogsOrMessages() throws Exception {
        TestCertificates certs = TestCertificates.get();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.log.dev.sluice.jdbc=trace", "-cp", System.getProperty("java.class.path"),
                ProxyLogProbe.class.getName(), certs.dir.toString(), PAT, PASSWORD, WRONG)
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("the probe ran").contains("rows=200").contains("url=jdbc:databricks://")
                .contains("wrong-proxy=08001|").contains("wrong-trust=22023|");
        assertThat(output).as("the driver logged at DEBUG/TRACE").containsPattern("(DEBUG|TRACE) dev\\.sluice\\.jdbc");
        for (String secret : new String[] {PAT, PASSWORD, WRONG, TestCertificates.TRUST_PASSWORD,
                base64("alice:" + PASSWORD), base64("alice:" + WRONG)}) {
            assertThat(output).as("output must not contain a secret").doesNotContain(secret);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
