package dev.sluice.warehouse.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.warehouse.oauth.EntraIdServer;
import dev.sluice.warehouse.oauth.OAuthServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive limit of the HTTP front (its routes alone, no Spark): beyond the limit a response says
 * {@code Connection: close} and the server then closes that connection, while those within the limit stay open.
 */
class KeepAliveLimitTest {

    private static final int LIMIT = 20;

    private HttpApi api;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        api = new HttpApi(new Faults(Duration.ofMinutes(15)), Set.of(),
                new OAuthServer(Map.of(), Set.of(), Duration.ofMinutes(1)),
                new EntraIdServer(List.of(), "", Duration.ofMinutes(1)),
                new HttpApi.Limits(Duration.ofSeconds(20), LIMIT, Duration.ofSeconds(30)));
        api.route("GET", "/ping", false, r -> Json.object().put("pong", true));
        api.start(0);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        api.stop();
    }

    @Test
    void connectionsBeyondTheLimitAreToldToCloseAndClosed() throws Exception {
        List<String> heads = new ArrayList<>();
        for (int i = 0; i < LIMIT + 10; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), api.port());
            sockets.add(s);
            heads.add(get(s));
        }
        for (int i = 0; i < LIMIT; i++) {
            assertThat(heads.get(i)).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            assertThat(closedWithin(sockets.get(i), Duration.ofMillis(200))).as("kept alive").isFalse();
        }
        for (int i = LIMIT; i < LIMIT + 10; i++) {
            assertThat(heads.get(i)).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
            assertThat(closedWithin(sockets.get(i), Duration.ofSeconds(30))).as("closed after saying so").isTrue();
        }
        // a client that follows the rules still gets its answers, on new connections if need be
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("{\"pong\":true}");
        }
    }

    private static String get(Socket s) throws IOException {
        s.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return h;
    }

    private static boolean closedWithin(Socket s, Duration d) throws IOException {
        s.setSoTimeout((int) d.toMillis());
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
