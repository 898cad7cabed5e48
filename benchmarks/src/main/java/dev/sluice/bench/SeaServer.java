package dev.sluice.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of the Statement Execution API, on loopback, for both drivers to stream the benchmark result
 * through external links: sessions, one statement shape, chunk links, the link downloads, close. Responses
 * are prepared byte arrays written with a fixed length over keep-alive connections, so the server costs the
 * readers as little as it can; it is the same server for every reader. Anything unexpected is logged.
 */
final class SeaServer implements AutoCloseable {
    /** The query the harness sends; any other statement gets an empty result (drivers send their own). */
    static final String TABLE = "bench_rows";

    private static final Pattern SESSION_CREATE =
            Pattern.compile("/api/2\\.0/sql/(sessions|statements/sessions|warehouses/[^/]+/sessions)/?");
    private static final Pattern SESSION = Pattern.compile("/api/2\\.0/sql/sessions/([^/]+)/?");
    private static final Pattern STATEMENTS = Pattern.compile("/api/2\\.0/sql/statements/?");
    private static final Pattern STATEMENT = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/?");
    private static final Pattern CANCEL = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/cancel/?");
    private static final Pattern CHUNK = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/result/chunks/(\\d+)/?");
    private static final Pattern FILE = Pattern.compile("/files/(none|lz4)/(\\d+)");
    private static final Pattern ROW_OFFSET = Pattern.compile("(?:^|&)row_offset=(\\d+)");
    private static final Pattern COMPRESSION = jsonString("result_compression");
    private static final Pattern FORMAT = jsonString("format");
    private static final Pattern SQL = jsonString("statement");
    private static final Set<String> DISCOVERY =
            Set.of("/.well-known/databricks-config", "/oidc/.well-known/oauth-authorization-server");

    private final BenchData data;
    private final HttpServer server;
    private final ExecutorService executor;
    private final StatementJson json;
    private final Map<String, Compression> statements = new ConcurrentHashMap<>();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
    private final AtomicLong linkRequests = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();

    private SeaServer(BenchData data, HttpServer server, ExecutorService executor) {
        this.data = data;
        this.server = server;
        this.executor = executor;
        this.json = new StatementJson(data, baseUrl());
    }

    static SeaServer start(BenchData data) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            // the official driver downloads up to 16 chunks at once; a thread each keeps them all moving
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sea-server");
                t.setDaemon(true);
                return t;
            });
            SeaServer sea = new SeaServer(data, http, executor);
            http.createContext("/", sea::handle);
            http.setExecutor(executor);
            http.start();
            return sea;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback server", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Chunk link requests ({@code GET .../result/chunks/n}) served so far. */
    long linkRequests() {
        return linkRequests.get();
    }

    /** Chunk downloads served so far. */
    long downloads() {
        return downloads.get();
    }

    /** Requests no route knew, with their counts, for the closing report. */
    Map<String, AtomicLong> unexpected() {
        return unexpected;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            System.err.println("[server] " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " failed: " + e);
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        Matcher m;
        if ("GET".equals(method) && (m = FILE.matcher(path)).matches()) {
            serveFile(exchange, Compression.ofLabel(m.group(1)), Integer.parseInt(m.group(2)));
        } else if ("GET".equals(method) && DISCOVERY.contains(path)) {
            send(exchange, 404, StatementJson.error("NOT_FOUND", "no discovery document on the benchmark server"));
        } else if ("POST".equals(method) && SESSION_CREATE.matcher(path).matches()) {
            send(exchange, 200, "{\"session_id\":\"" + UUID.randomUUID() + "\"}");
        } else if ("DELETE".equals(method) && SESSION.matcher(path).matches()) {
            send(exchange, 200, "{}");
        } else if ("POST".equals(method) && STATEMENTS.matcher(path).matches()) {
            execute(exchange, body);
        } else if ("GET".equals(method) && (m = CHUNK.matcher(path)).matches()) {
            chunkLink(exchange, m.group(1), Integer.parseInt(m.group(2)), exchange.getRequestURI().getRawQuery());
        } else if ("POST".equals(method) && CANCEL.matcher(path).matches()) {
            send(exchange, 200, "{}");
        } else if ("GET".equals(method) && (m = STATEMENT.matcher(path)).matches()) {
            poll(exchange, m.group(1));
        } else if ("DELETE".equals(method) && (m = STATEMENT.matcher(path)).matches()) {
            if (statements.remove(m.group(1)) != null) {
                closed.add(m.group(1));
            }
            send(exchange, 200, "{}");
        } else {
            note(method + " " + path);
            send(exchange, 404, StatementJson.error("NOT_FOUND", "benchmark server has no " + method + " " + path));
        }
    }

    private void execute(HttpExchange exchange, String body) throws IOException {
        String id = UUID.randomUUID().toString();
        String sql = first(SQL, body);
        if (sql == null || !sql.contains(TABLE)) {
            note("statement '" + sql + "'");
            send(exchange, 200, StatementJson.empty(id));
            return;
        }
        if (!"ARROW_STREAM".equals(first(FORMAT, body))) {
            note("statement with format " + first(FORMAT, body));
            send(exchange, 400,
                    StatementJson.error("INVALID_PARAMETER_VALUE", "the benchmark serves ARROW_STREAM only"));
            return;
        }
        Compression compression = Compression.ofWireName(first(COMPRESSION, body));
        statements.put(id, compression);
        send(exchange, 200, json.succeeded(id, compression));
    }

    private void poll(HttpExchange exchange, String id) throws IOException {
        Compression compression = statements.get(id);
        if (compression == null && closed.contains(id)) {
            send(exchange, 200, "{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"CLOSED\"}}");
        } else if (compression == null) {
            note("GET of unknown statement");
            send(exchange, 404, StatementJson.error("NOT_FOUND", "no statement " + id));
        } else {
            send(exchange, 200, json.succeeded(id, compression));
        }
    }

    /** Bounded-mode clients add {@code ?row_offset=}: the chunk holding that row is what they ask for. */
    private void chunkLink(HttpExchange exchange, String id, int chunkIndex, String query) throws IOException {
        linkRequests.incrementAndGet();
        Compression compression = statements.get(id);
        int index = query == null ? chunkIndex : chunkAt(query, chunkIndex);
        if (compression == null && closed.contains(id)) {
            // a driver's download threads may still ask after its result set closed (the official one does
            // after an OutOfMemoryError); the server refuses, as Databricks would, without calling it unexpected
            send(exchange, 404, StatementJson.error("NOT_FOUND", "statement " + id + " is closed"));
            return;
        }
        if (compression == null || index < 0 || index >= data.chunks().size()) {
            note("chunk link for unknown statement or chunk " + chunkIndex + (query == null ? "" : "?" + query));
            send(exchange, 404, StatementJson.error("NOT_FOUND", "no chunk " + chunkIndex + " for statement " + id));
            return;
        }
        send(exchange, 200, json.chunk(id, compression, index));
    }

    private int chunkAt(String query, int chunkIndex) {
        Matcher m = ROW_OFFSET.matcher(query);
        if (!m.find()) {
            return chunkIndex;
        }
        long rowOffset = Long.parseLong(m.group(1));
        for (BenchData.Chunk c : data.chunks()) {
            if (rowOffset >= c.rowOffset() && rowOffset < c.rowOffset() + c.rowCount()) {
                if (c.index() != chunkIndex) {
                    note("row_offset " + rowOffset + " is in chunk " + c.index() + ", not " + chunkIndex);
                }
                return c.index();
            }
        }
        return -1;
    }

    private void serveFile(HttpExchange exchange, Compression compression, int chunkIndex) throws IOException {
        if (chunkIndex >= data.chunks().size()) {
            note("download of chunk " + chunkIndex);
            send(exchange, 404, StatementJson.error("NOT_FOUND", "no chunk " + chunkIndex));
            return;
        }
        downloads.incrementAndGet();
        byte[] bytes = data.chunks().get(chunkIndex).bytes(compression);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Logged on first sight only: a driver that repeats a request should not flood the table. */
    private void note(String what) {
        if (unexpected.computeIfAbsent(what, k -> new AtomicLong()).getAndIncrement() == 0) {
            System.err.println("[server] unexpected: " + what);
        }
    }

    private static String first(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static Pattern jsonString(String key) {
        return Pattern.compile("\"" + key + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    }
}
