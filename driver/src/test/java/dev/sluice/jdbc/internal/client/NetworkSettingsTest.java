package dev.sluice.jdbc.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.auth.Secret;
import dev.sluice.testing.net.TestCertificates;
import dev.sluice.testing.net.TlsFront;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proxy selection, trust sources and the download path's TLS, without a driver around them. */
class NetworkSettingsTest {
    private static final TestCertificates CERTS = TestCertificates.get();

    @Test
    void theIgnoreListMatchesExactHostsAndSubdomainsCaseInsensitively() {
        ProxySettings p = ProxySettings.fixed("proxy.corp", 3128, null, null,
                ProxySettings.parseIgnoreList(" Storage.Example.com | *.internal , .blob.core.windows.net"));
        assertThat(p.proxyFor(URI.create("https://storage.example.com/x"))).isNull();
        assertThat(p.proxyFor(URI.create("https://a.b.internal/x"))).isNull();
        assertThat(p.proxyFor(URI.create("https://internal/x"))).isNull();
        assertThat(p.proxyFor(URI.create("https://acct.blob.core.windows.net/x"))).isNull();
        assertThat(p.proxyFor(URI.create("https://adb-1.azuredatabricks.net/api")))
                .isEqualTo(InetSocketAddress.createUnresolved("proxy.corp", 3128));
        assertThat(p.proxyFor(URI.create("https://notinternal/x"))).isNotNull();
        assertThat(ProxySettings.DIRECT.proxyFor(URI.create("https://h/"))).isNull();
    }

    @Test
    void credentialsNeverShowInToString() {
        ProxySettings p = ProxySettings.fixed("proxy", 8080, "alice", Secret.of("pw-in-settings", "p"), List.of());
        assertThat(p.toString()).contains("alice").doesNotContain("pw-in-settings");
        assertThat(new Network(Tls.jvmDefault(), p, p, Duration.ofSeconds(1)).toString())
                .doesNotContain("pw-in-settings");
        assertThat(p.authorization()).startsWith("Basic ");
        assertThatThrownBy(() -> ProxySettings.fixed("proxy", 8080, "a:b", Secret.of("x", "p"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trustSourcesYieldCertificates() throws IOException {
        List<X509Certificate> file = TrustStores.file(CERTS.trustJks, "JKS",
                TestCertificates.TRUST_PASSWORD.toCharArray());
        assertThat(file).hasSize(1);
        // the first readable bundle wins; a missing one is skipped
        assertThat(TrustStores.pemBundle(List.of(CERTS.dir.resolve("absent.pem"), CERTS.serverPem)))
                .containsExactlyElementsOf(file);
        assertThat(TrustStores.pemBundle(List.of(CERTS.dir.resolve("absent.pem")))).isEmpty();
        assertThat(TrustStores.jvmDefault()).isNotEmpty().doesNotContainAnyElementsOf(file);
        assertThatThrownBy(() -> TrustStores.file(CERTS.serverPem, "PKCS12", null))
                .hasMessageContaining(CERTS.serverPem.toString());
        assertThatThrownBy(() -> TrustStores.file(Path.of("/nonexistent/trust.jks"), "JKS", null))
                .hasMessageContaining("does not exist");
    }

    @Test
    void onlyTls13And12AreEnabledForTheJdkClientAndForDownloadSockets() throws IOException {
        Tls tls = Tls.trusting(TrustStores.trusting(TrustStores.jvmDefault()));
        assertThat(tls.parameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls.socketFactory().createSocket()) {
            assertThat(s.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void downloadsUseTheConnectionsTrust() throws Exception {
        try (ScriptedWarehouseFront target = new ScriptedWarehouseFront()) {
            URI link = URI.create("https://127.0.0.1:" + target.front.port() + "/anything?sig=secret-signature");
            Tls trusted = Tls.trusting(TrustStores.trusting(TrustStores.file(CERTS.trustJks, "JKS", null)));
            try (HttpTransport transport = transport(trusted)) {
                assertThat(transport.download(link, Map.of()).statusCode()).isPositive();
            }
            try (HttpTransport transport = transport(Tls.jvmDefault())) {
                assertThatThrownBy(() -> transport.download(link, Map.of()))
                        .isInstanceOf(ConnectFailedException.class)
                        .hasMessageContaining("not trusted").hasMessageNotContaining("secret-signature");
            }
        }
    }

    private static HttpTransport transport(Tls tls) {
        return new HttpTransport(TransportOptions.builder("127.0.0.1", 443).auth(AuthHeaderProvider.bearer("t0ken"))
                .network(new Network(tls, ProxySettings.DIRECT, ProxySettings.DIRECT, Duration.ofSeconds(5))).build());
    }

    /** The scripted warehouse behind a TLS front. */
    private static final class ScriptedWarehouseFront implements AutoCloseable {
        final dev.sluice.testing.sea.ScriptedWarehouse server = dev.sluice.testing.sea.ScriptedWarehouse.start();
        final TlsFront front;

        ScriptedWarehouseFront() throws IOException {
            front = TlsFront.start(CERTS.serverContext(), server.port());
        }

        @Override
        public void close() throws IOException {
            front.close();
            server.close();
        }
    }
}
