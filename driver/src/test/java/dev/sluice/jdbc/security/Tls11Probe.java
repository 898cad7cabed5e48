package dev.sluice.jdbc.security;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.ProxySettings;
import dev.sluice.testing.net.TestCertificates;
import dev.sluice.jdbc.internal.client.Tls;
import dev.sluice.jdbc.internal.client.TransportOptions;
import dev.sluice.jdbc.internal.client.TrustStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Run by {@link Tls11RefusalTest} in a child JVM whose java.security allows TLS 1.0/1.1 again (the test JVM's own
 * settings stay untouched): serves https with TLSv1.1 only, shows that a plain JDK client then connects, and prints
 * what the driver's API calls, token requests and downloads do with the same server, one {@code key=value} line each.
 */
public final class Tls11Probe {
    private Tls11Probe() {
    }

    public static void main(String[] args) throws Exception {
        TestCertificates certs = TestCertificates.existing(Path.of(args[0]));
        SSLContext serverContext = certs.serverContext();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = serverContext.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.1"});
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();
        Tls trusting = Tls.trusting(TrustStores.trusting(TrustStores.file(certs.trustJks, "JKS",
                TestCertificates.TRUST_PASSWORD.toCharArray())));
        try {
            HttpClient plain = HttpClient.newBuilder().sslContext(trusting.context()).build();
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("control=" + r.statusCode() + "|" + r.sslSession().map(s -> s.getProtocol()).orElse(""));
        } catch (IOException e) {
            System.out.println("control=" + e);
        }
        String base = "jdbc:databricks://127.0.0.1:" + port + "/default;httpPath=/sql/1.0/warehouses/w"
                + certs.trustProperties();
        System.out.println("api=" + connect(base + ";PWD=dapi-probe-token"));
        System.out.println("token=" + connect(base + ";AuthMech=11;Auth_Flow=1;OAuth2ClientId=cid;"
                + "OAuth2Secret=probe-secret;OAuth2TokenEndpoint=https://127.0.0.1:" + port + "/oidc/v1/token"));
        Network network = new Network(trusting, ProxySettings.DIRECT, ProxySettings.DIRECT, Duration.ofSeconds(5));
        try (HttpTransport transport = new HttpTransport(TransportOptions.builder("127.0.0.1", port)
                .auth(AuthHeaderProvider.bearer("dapi-probe-token")).network(network).build())) {
            transport.download(URI.create("https://127.0.0.1:" + port + "/chunk?sig=s"), Map.of());
            System.out.println("download=downloaded");
        } catch (IOException e) {
            System.out.println("download=" + e.getClass().getSimpleName() + "|" + e.getMessage());
        }
        server.stop(0);
        System.exit(0);
    }

    private static String connect(String url) {
        try {
            DriverManager.getConnection(url).close();
            return "connected";
        } catch (SQLException e) {
            return e.getSQLState() + "|" + e.getMessage();
        }
    }
}
