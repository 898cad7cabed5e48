package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.probe.Checksum;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks the server the way a driver does (statement, then chunk links, then downloads) and decodes what it
 * serves: every row must arrive once, in order, with the checksum the harness expects from every reader.
 */
class SeaServerTest {
    private static final Pattern EXTERNAL_LINK = Pattern.compile("\"external_link\":\"([^\"]+)\"");
    private static final Pattern NEXT_LINK = Pattern.compile("\"next_chunk_internal_link\":\"([^\"]+)\"");
    private static final Pattern STATEMENT_ID = Pattern.compile("\"statement_id\":\"([^\"]+)\"");

    private static BenchData data;
    private static SeaServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        data = BenchData.build(150_000, 1 << 20, 10_000);
        server = SeaServer.start(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesEveryRowOnceThroughLinksUncompressed() throws Exception {
        assertTrue(data.chunks().size() >= 3, "the walk must cross several chunks");
        assertEquals(data.checksum(), walk(Compression.NONE));
    }

    @Test
    void servesEveryRowOnceThroughLinksLz4() throws Exception {
        assertTrue(data.bytes(Compression.LZ4) < data.bytes(Compression.NONE));
        assertEquals(data.checksum(), walk(Compression.LZ4));
    }

    @Test
    void rowOffsetSelectsTheChunkHoldingThatRow() throws Exception {
        String id = statementId(post(Compression.NONE));
        BenchData.Chunk second = data.chunks().get(1);
        String body = get("/api/2.0/sql/statements/" + id + "/result/chunks/1?row_offset=" + second.rowOffset());
        assertTrue(body.contains("\"row_offset\":" + second.rowOffset() + ","), body);
        assertTrue(server.unexpected().keySet().stream().noneMatch(k -> k.contains("row_offset")),
                server.unexpected().toString());
    }

    @Test
    void otherStatementsGetAnEmptyResult() throws Exception {
        String request = "{\"statement\":\"SET x = 1\",\"format\":\"ARROW_STREAM\"}";
        String body = send(HttpRequest.newBuilder(uri("/api/2.0/sql/statements/"))
                .POST(HttpRequest.BodyPublishers.ofString(request)));
        assertTrue(body.contains("\"column_count\":0"), body);
        assertFalse(body.contains("external_links"), body);
    }

    /** Follows next_chunk_internal_link from the first response to the last chunk; returns the checksum. */
    private long walk(Compression compression) throws Exception {
        String response = post(compression);
        assertTrue(response.contains("\"result_compression\":\"" + compression.wireName() + "\""), response);
        String id = statementId(response);
        long[] sumAndRows = new long[2];
        while (true) {
            decode(download(first(EXTERNAL_LINK, response)), compression, sumAndRows);
            Matcher next = NEXT_LINK.matcher(response);
            if (!next.find()) {
                break;
            }
            response = get(next.group(1));
        }
        assertEquals(data.rows(), sumAndRows[1]);
        assertEquals("{}", send(HttpRequest.newBuilder(uri("/api/2.0/sql/statements/" + id)).DELETE()));
        return sumAndRows[0];
    }

    private static void decode(byte[] bytes, Compression compression, long[] sumAndRows) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        if (compression == Compression.LZ4) {
            in = new LZ4FrameInputStream(in);
        }
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                BigIntVector ids = (BigIntVector) root.getVector(0);
                VarCharVector names = (VarCharVector) root.getVector(1);
                Float8Vector amounts = (Float8Vector) root.getVector(2);
                for (int i = 0; i < root.getRowCount(); i++) {
                    assertEquals(sumAndRows[1], ids.get(i), "rows out of order");
                    String name = new String(names.get(i), StandardCharsets.UTF_8);
                    sumAndRows[0] = Checksum.add(sumAndRows[0], ids.get(i), name, amounts.get(i));
                    sumAndRows[1]++;
                }
            }
        }
    }

    private String post(Compression compression) throws Exception {
        String body = "{\"statement\":\"SELECT id, name, amount FROM bench." + SeaServer.TABLE + "\","
                + "\"format\":\"ARROW_STREAM\",\"disposition\":\"EXTERNAL_LINKS\","
                + "\"result_compression\":\"" + compression.wireName() + "\"}";
        return send(HttpRequest.newBuilder(uri("/api/2.0/sql/statements/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private byte[] download(String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private static String statementId(String response) {
        return first(STATEMENT_ID, response);
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " not in " + text);
        return m.group(1);
    }
}
