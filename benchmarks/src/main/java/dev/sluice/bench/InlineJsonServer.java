package dev.sluice.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback Statement Execution server of the inline JSON benchmark: the benchmark rows as a JSON_ARRAY result
 * with INLINE disposition, chunk 0 in the statement response and chunk n behind {@code next_chunk_internal_link}
 * ({@code GET .../result/chunks/n}, {@code ?row_offset=} honoured), whatever format the client asked for. Every
 * chunk's {@code data_array} text is prepared once and written with a fixed length.
 */
final class InlineJsonServer implements AutoCloseable {
    private static final Pattern CHUNK = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/result/chunks/(\\d+)/?");
    private static final Pattern STATEMENT = Pattern.compile("/api/2\\.0/sql/statements/([^/]+)/?");
    private static final Pattern ROW_OFFSET = Pattern.compile("(?:^|&)row_offset=(\\d+)");

    /** One chunk: its rows' {@code data_array} text. */
    record Chunk(int index, long rowOffset, int rowCount, byte[] dataArray) {
    }

    private final List<Chunk> chunks;
    private final long rows;
    private final long checksum;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong chunkRequests = new AtomicLong();

    private InlineJsonServer(List<Chunk> chunks, long rows, long checksum) throws IOException {
        this.chunks = chunks;
        this.rows = rows;
        this.checksum = checksum;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "json-sea-server");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code rows} benchmark rows in chunks of {@code chunkRows}. */
    static InlineJsonServer start(long rows, int chunkRows) {
        List<Chunk> chunks = new ArrayList<>();
        long acc = 0;
        byte[] name = new byte[BenchRows.MAX_NAME_BYTES];
        for (long offset = 0; offset < rows; offset += chunkRows) {
            int count = (int) Math.min(chunkRows, rows - offset);
            StringBuilder b = new StringBuilder(count * 48).append('[');
            for (long r = offset; r < offset + count; r++) {
                int n = BenchRows.name(r, name);
                String s = new String(name, 0, n, StandardCharsets.UTF_8);
                double amount = BenchRows.amount(r);
                acc = dev.sluice.bench.probe.Checksum.add(acc, BenchRows.id(r), s, amount);
                b.append(r == offset ? "[\"" : ",[\"").append(BenchRows.id(r)).append("\",\"").append(s)
                        .append("\",\"").append(amount).append("\"]");
            }
            chunks.add(new Chunk(chunks.size(), offset, count,
                    b.append(']').toString().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return new InlineJsonServer(List.copyOf(chunks), rows, acc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback server", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Chunk> chunks() {
        return chunks;
    }

    long rows() {
        return rows;
    }

    long checksum() {
        return checksum;
    }

    /** JSON bytes of all data_array texts: what the result is worth in JSON. */
    long jsonBytes() {
        return chunks.stream().mapToLong(c -> c.dataArray().length).sum();
    }

    long chunkRequests() {
        return chunkRequests.get();
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
            Matcher m;
            if ("GET".equals(method) && (m = CHUNK.matcher(path)).matches()) {
                chunkRequests.incrementAndGet();
                int index = chunkAt(exchange.getRequestURI().getRawQuery(), Integer.parseInt(m.group(2)));
                if (index < 0 || index >= chunks.size()) {
                    send(exchange, 404, StatementJson.error("NOT_FOUND", "no chunk " + m.group(2)));
                } else {
                    sendChunk(exchange, m.group(1), index, null);
                }
            } else if ("POST".equals(method) && path.matches("/api/2\\.0/sql/statements/?")) {
                String id = UUID.randomUUID().toString();
                if (body.contains(SeaServer.TABLE)) {
                    sendChunk(exchange, id, 0, manifest(id));
                } else {
                    send(exchange, 200, "{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"SUCCEEDED\"},"
                            + "\"manifest\":{\"format\":\"JSON_ARRAY\",\"schema\":{\"column_count\":0},"
                            + "\"total_chunk_count\":0,\"total_row_count\":0,\"truncated\":false},\"result\":{}}");
                }
            } else if ("POST".equals(method) && path.matches("/api/2\\.0/sql/(sessions|statements/sessions|warehouses/[^/]+/sessions)/?")) {
                send(exchange, 200, "{\"session_id\":\"" + UUID.randomUUID() + "\"}");
            } else if ("DELETE".equals(method) || "POST".equals(method) && path.endsWith("/cancel")) {
                send(exchange, 200, "{}");
            } else if ("GET".equals(method) && STATEMENT.matcher(path).matches()) {
                send(exchange, 404, StatementJson.error("NOT_FOUND", "statements answer at once here"));
            } else {
                send(exchange, 404, StatementJson.error("NOT_FOUND", "benchmark server has no " + method + " " + path));
            }
        } catch (RuntimeException e) {
            System.err.println("[json server] " + exchange.getRequestURI() + " failed: " + e);
        }
    }

    private String manifest(String id) {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\"statement_id\":\"").append(id).append("\",\"status\":{\"state\":\"SUCCEEDED\"},")
                .append("\"manifest\":{\"format\":\"JSON_ARRAY\",\"schema\":{\"column_count\":3,\"columns\":")
                .append(StatementJson.COLUMNS).append("},\"total_chunk_count\":").append(chunks.size())
                .append(",\"chunks\":[");
        for (Chunk c : chunks) {
            b.append(c.index() == 0 ? "" : ",").append("{\"chunk_index\":").append(c.index())
                    .append(",\"row_offset\":").append(c.rowOffset()).append(",\"row_count\":").append(c.rowCount())
                    .append('}');
        }
        return b.append("],\"total_row_count\":").append(rows).append(",\"truncated\":false},\"result\":").toString();
    }

    /** The chunk object (inside the statement response when {@code prefix} is given) with its rows. */
    private void sendChunk(HttpExchange exchange, String id, int index, String prefix) throws IOException {
        Chunk c = chunks.get(index);
        StringBuilder head = new StringBuilder(prefix == null ? "" : prefix);
        head.append("{\"chunk_index\":").append(index).append(",\"row_offset\":").append(c.rowOffset())
                .append(",\"row_count\":").append(c.rowCount());
        if (index + 1 < chunks.size()) {
            head.append(",\"next_chunk_index\":").append(index + 1)
                    .append(",\"next_chunk_internal_link\":\"/api/2.0/sql/statements/").append(id)
                    .append("/result/chunks/").append(index + 1).append('"');
        }
        head.append(",\"data_array\":");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = (prefix == null ? "}" : "}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, start.length + c.dataArray().length + end.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(start);
            out.write(c.dataArray());
            out.write(end);
        }
    }

    private int chunkAt(String query, int chunkIndex) {
        Matcher m = query == null ? null : ROW_OFFSET.matcher(query);
        if (m == null || !m.find()) {
            return chunkIndex;
        }
        long rowOffset = Long.parseLong(m.group(1));
        for (Chunk c : chunks) {
            if (rowOffset >= c.rowOffset() && rowOffset < c.rowOffset() + c.rowCount()) {
                return c.index();
            }
        }
        return -1;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
