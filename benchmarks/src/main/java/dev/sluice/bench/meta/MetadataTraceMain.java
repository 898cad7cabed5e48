package dev.sluice.bench.meta;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Which HTTP requests each driver sends for a metadata call, and what each costs on the server. A small
 * logging relay sits between both drivers and one local warehouse (populated as {@link MetadataMain} does); for
 * each call of {@link MetadataMain}'s list that is named on the command line (a prefix of its name, or all),
 * it runs one warm-up with each driver and then one traced call, printing every request (method, path, the
 * statement's text and {@code wait_timeout}/{@code format}/{@code disposition}, status, bytes answered, the
 * relay's time to the server's answer) and the time left to the client (the call's time minus the requests').
 * The relay adds its own hop to every request, so read the counts and the server's share, not the totals.
 *
 * <p>Usage: {@code MetadataTraceMain [call name prefix ...]}; {@code -Dtrace.repeat=N} traces each call N times,
 * alternating which driver goes first; {@code -Dtrace.bodies=true} prints each request's whole body.
 */
public final class MetadataTraceMain {

    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    /** How many times each call is traced ({@code -Dtrace.repeat}, default 1). */
    private static final int REPEAT = Integer.getInteger("trace.repeat", 1);

    private MetadataTraceMain() {
    }

    /** One request the relay forwarded. */
    record Exchange(long startNanos, String line, int status, int bytes, double ms) {
    }

    public static void main(String[] args) throws Exception {
        List<String> wanted = List.of(args);
        Path dir = Files.createTempDirectory("sluice-metadata-trace");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).start()) {
            List<Exchange> log = Collections.synchronizedList(new ArrayList<>());
            HttpServer relay = relay(w.baseUrl(), log);
            try {
                String url = w.jdbcUrl().replace(":" + w.port() + "/", ":" + relay.getAddress().getPort() + "/");
                try (Connection sluice = new SluiceDriver().connect(url, new Properties());
                        Connection official = ((Driver) new com.databricks.client.jdbc.Driver()).connect(url
                                + ";UseThriftClient=0;EnableTelemetry=0;EnableQueryResultLZ4Compression=1",
                                new Properties())) {
                    MetadataMain.populate(sluice);
                    for (Map.Entry<String, MetadataMain.Call> e : MetadataMain.calls().entrySet()) {
                        if (!wanted.isEmpty() && wanted.stream().noneMatch(e.getKey()::startsWith)) {
                            continue;
                        }
                        for (int i = 0; i < REPEAT; i++) {
                            System.out.println("## " + e.getKey());
                            if (i % 2 == 0) {
                                trace("Sluice", e.getValue(), sluice.getMetaData(), log);
                                trace("official", e.getValue(), official.getMetaData(), log);
                            } else {
                                trace("official", e.getValue(), official.getMetaData(), log);
                                trace("Sluice", e.getValue(), sluice.getMetaData(), log);
                            }
                            System.out.println();
                        }
                    }
                }
            } finally {
                relay.stop(0);
            }
        }
    }

    private static void trace(String driver, MetadataMain.Call call, DatabaseMetaData md, List<Exchange> log)
            throws SQLException, InterruptedException {
        MetadataMain.readAll(call, md);
        Thread.sleep(300); // let a request sent in the background after the warm-up land before the traced call
        log.clear();
        long start = System.nanoTime();
        int rows = MetadataMain.readAll(call, md);
        long end = System.nanoTime();
        Thread.sleep(300);
        List<Exchange> seen;
        synchronized (log) {
            seen = new ArrayList<>(log);
        }
        double inRequests = 0;
        for (Exchange x : seen) {
            if (x.startNanos() <= end) {
                inRequests += x.ms();
            }
        }
        System.out.printf(Locale.ROOT, "%s: %.1f ms, %d rows, %d requests (%.1f ms waiting on them, %.1f ms"
                + " elsewhere)%n", driver, (end - start) / 1e6, rows, seen.size(), inRequests,
                (end - start) / 1e6 - inRequests);
        for (Exchange x : seen) {
            System.out.printf(Locale.ROOT, "  %+7.1f ms %6.1f ms %d %6d B %s%s%n", (x.startNanos() - start) / 1e6,
                    x.ms(), x.status(), x.bytes(), x.line(), x.startNanos() > end ? "  (after the call returned)" : "");
        }
    }

    private static HttpServer relay(String target, List<Exchange> log) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "trace-relay");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try {
                forward(client, target, exchange, log);
            } catch (Exception e) {
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static void forward(HttpClient client, String target, HttpExchange in, List<Exchange> log)
            throws IOException, InterruptedException {
        byte[] body;
        try (InputStream is = in.getRequestBody()) {
            body = is.readAllBytes();
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target + in.getRequestURI()))
                .method(in.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        in.getRequestHeaders().forEach((k, vs) -> {
            if (!HOP.contains(k.toLowerCase(Locale.ROOT))) {
                vs.forEach(v -> out.header(k, v));
            }
        });
        long start = System.nanoTime();
        HttpResponse<byte[]> r = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        long end = System.nanoTime();
        r.headers().map().forEach((k, vs) -> {
            if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                vs.forEach(v -> in.getResponseHeaders().add(k, v));
            }
        });
        byte[] answer = r.body();
        in.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream os = in.getResponseBody()) {
                os.write(answer);
            }
        }
        String what = in.getRequestMethod() + " " + in.getRequestURI().getPath() + describe(body);
        log.add(new Exchange(start, what, r.statusCode(), answer.length, (end - start) / 1e6));
    }

    /** The parts of a statement request that decide its cost: text, wait, format, disposition. */
    private static String describe(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String s = new String(body, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("trace.bodies")) {
            return " | " + s;
        }
        StringBuilder b = new StringBuilder();
        for (String field : List.of("wait_timeout", "on_wait_timeout", "format", "disposition", "row_limit")) {
            String v = field(s, field);
            if (v != null) {
                b.append(' ').append(field).append('=').append(v);
            }
        }
        String statement = field(s, "statement");
        if (statement != null) {
            b.append(" | ").append(statement.length() > 400 ? statement.substring(0, 400) + "..." : statement);
        } else if (b.length() == 0) {
            b.append(" | ").append(s.length() > 200 ? s.substring(0, 200) + "..." : s);
        }
        return b.toString();
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\"");
        if (i < 0) {
            return null;
        }
        int colon = json.indexOf(':', i);
        int j = colon + 1;
        while (j < json.length() && json.charAt(j) == ' ') {
            j++;
        }
        if (j < json.length() && json.charAt(j) == '"') {
            StringBuilder v = new StringBuilder();
            for (int k = j + 1; k < json.length(); k++) {
                char c = json.charAt(k);
                if (c == '\\' && k + 1 < json.length()) {
                    v.append(json.charAt(++k));
                } else if (c == '"') {
                    break;
                } else {
                    v.append(c);
                }
            }
            return v.toString();
        }
        int k = j;
        while (k < json.length() && ",}".indexOf(json.charAt(k)) < 0) {
            k++;
        }
        return json.substring(j, k).trim();
    }
}
