package dev.sluice.jdbc.internal.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver's own HTTP/1.1 exchange on the wire, against a socket server that answers exactly as scripted: what
 * the request looks like, chunked answers, kept-alive connections used again, and one closed by the server meanwhile.
 */
class Http1ExchangeTest {
    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Integer, String> answers;
    private volatile boolean closeAfterAnswer;
    /** One permit for every connection the server closed. */
    private final Semaphore closed = new Semaphore(0);
    private HttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "scripted-http1-server");
        acceptor.setDaemon(true);
        acceptor.start();
        transport = new HttpTransport(TransportOptions.builder("127.0.0.1", server.getLocalPort()).tls(false)
                .requestTimeout(Duration.ofSeconds(30)).auth(AuthHeaderProvider.bearer("t0ken")).build());
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> answer(socket), "scripted-http1-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                requests.add(head + body);
                out.write(answers.apply(requests.size()).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (closeAfterAnswer) {
                    return;
                }
            }
        } catch (IOException gone) {
            // the client went away
        } finally {
            closed.release();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            String s = head.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
    }

    private HttpResponse<byte[]> post(String json) throws IOException {
        return transport.send("POST", "/api/2.0/sql/statements/", "/api/2.0/sql/statements/",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPostCarriesTheDriverHeadersAndItsLengthAndAChunkedAnswerIsReadWhole() throws IOException {
        answers = n -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\n{\"a\":\r\n3\r\n12}\r\n0\r\nX-Trailer: t\r\n\r\n";

        HttpResponse<byte[]> response = post("{\"statement\":\"SELECT 1\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":12}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        String request = requests.get(0);
        assertThat(request).startsWith("POST /api/2.0/sql/statements/ HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.getLocalPort() + "\r\n");
        assertThat(request).contains("\r\nAuthorization: Bearer t0ken\r\n", "\r\nAccept: application/json\r\n",
                "\r\nContent-Type: application/json\r\n", "\r\nContent-Length: 24\r\n",
                "\r\nUser-Agent: " + transport.userAgent() + "\r\n");
        assertThat(request).endsWith("\r\n\r\n{\"statement\":\"SELECT 1\"}");
    }

    @Test
    void aKeptAliveConnectionCarriesTheNextExchangeAndAnEmptyPostSaysItsLength() throws IOException {
        answers = n -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";

        post("{}");
        HttpResponse<byte[]> second = transport.send("POST", "/api/2.0/sql/sessions/", "/api/2.0/sql/sessions/",
                null);
        HttpResponse<byte[]> third = transport.send("GET", "/api/2.0/sql/statements/x",
                "/api/2.0/sql/statements/{id}", null);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(connections.get()).isEqualTo(1);
        assertThat(requests.get(1)).contains("\r\nContent-Length: 0\r\n").doesNotContain("Content-Type");
        assertThat(requests.get(2)).doesNotContain("Content-Length", "Content-Type");
    }

    @Test
    void aConnectionTheServerClosedMeanwhileIsNotUsedSoAPostIsSentOnce() throws Exception {
        answers = n -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        closeAfterAnswer = true;
        post("{}");
        // the server closed the connection right after its answer
        assertThat(closed.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

        HttpResponse<byte[]> second = post("{\"n\":2}");

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(requests).hasSize(2);
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aConnectionWithBytesNobodyAskedForIsNotUsedAgain() throws Exception {
        // the first answer carries bytes past its length: whatever they are, they cannot start the next answer
        answers = n -> n == 1 ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"n\":2}";

        post("{}");
        HttpResponse<byte[]> second = post("{}");
        HttpResponse<byte[]> third = post("{}");

        assertThat(second.body()).isEqualTo("{\"n\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(third.body()).isEqualTo("{\"n\":2}".getBytes(StandardCharsets.UTF_8));
        // the third went on the second's connection, which had nothing left over
        assertThat(connections.get()).isEqualTo(2);
        assertThat(requests).hasSize(3);
    }

    @Test
    void anAnswerWithoutLengthEndsAtCloseAndAnErrorBodyIsKept() throws IOException {
        answers = n -> "HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n{\"error_code\":401}";
        closeAfterAnswer = true;

        HttpResponse<byte[]> response = post("{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error_code\":401}");
        assertThat(requests).hasSize(1);
    }
    @Test
    void anAnswerFramedBothByChunksAndByLengthIsReadAsChunkedAndItsConnectionIsNotUsedAgain() throws IOException {
        // RFC 9112 6.3: Transfer-Encoding overrides Content-Length, and such an answer may be a smuggling attempt:
        // the bytes after it cannot be trusted to start the next answer
        answers = n -> n == 1
                ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"n\":2}";

        HttpResponse<byte[]> first = post("{}");
        HttpResponse<byte[]> second = post("{}");

        assertThat(first.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(second.body()).isEqualTo("{\"n\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void anAnswerWhoseLastCodingIsNotChunkedEndsAtCloseWhateverItsLengthSays() throws IOException {
        // RFC 9112 6.3: a Transfer-Encoding whose final coding is not chunked is read until the server closes
        answers = n -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 2\r\n\r\n{\"a\":1}";
        closeAfterAnswer = true;

        HttpResponse<byte[]> response = post("{}");

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }
}
