package dev.sluice.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The Statement Execution API responses for the benchmark result, shaped like the recorded Databricks
 * responses (protocol.md 1.4 to 1.6): manifest with columns and chunk list, one external link per chunk,
 * {@code next_chunk_*} on every chunk but the last.
 */
final class StatementJson {
    static final String COLUMNS = "["
            + "{\"name\":\"id\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\",\"position\":0},"
            + "{\"name\":\"name\",\"type_text\":\"STRING\",\"type_name\":\"STRING\",\"position\":1},"
            + "{\"name\":\"amount\",\"type_text\":\"DOUBLE\",\"type_name\":\"DOUBLE\",\"position\":2}]";

    private final BenchData data;
    private final String baseUrl;

    StatementJson(BenchData data, String baseUrl) {
        this.data = data;
        this.baseUrl = baseUrl;
    }

    /** SUCCEEDED with the whole manifest and chunk 0's link, as a statement POST or GET answers. */
    String succeeded(String statementId, Compression compression) {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\"statement_id\":\"").append(statementId).append("\",\"status\":{\"state\":\"SUCCEEDED\"},");
        b.append("\"manifest\":{\"format\":\"ARROW_STREAM\",\"schema\":{\"column_count\":3,\"columns\":")
                .append(COLUMNS).append("},\"total_chunk_count\":").append(data.chunks().size())
                .append(",\"chunks\":[");
        List<BenchData.Chunk> chunks = data.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            BenchData.Chunk c = chunks.get(i);
            b.append(i == 0 ? "" : ",").append("{\"chunk_index\":").append(c.index())
                    .append(",\"row_offset\":").append(c.rowOffset()).append(",\"row_count\":").append(c.rowCount())
                    .append(",\"byte_count\":").append(c.arrow().length).append('}');
        }
        b.append("],\"total_row_count\":").append(data.rows()).append(",\"total_byte_count\":")
                .append(data.bytes(Compression.NONE)).append(",\"truncated\":false,\"result_compression\":\"")
                .append(compression.wireName()).append("\"},");
        b.append("\"result\":");
        appendLinks(b, statementId, compression, 0);
        return b.append('}').toString();
    }

    /** The answer to {@code GET .../result/chunks/{n}}: a fresh link to chunk n. */
    String chunk(String statementId, Compression compression, int chunkIndex) {
        StringBuilder b = new StringBuilder(512);
        appendLinks(b, statementId, compression, chunkIndex);
        return b.toString();
    }

    /** Anything but the benchmark query (drivers may send their own statements): no columns, no rows. */
    static String empty(String statementId) {
        return "{\"statement_id\":\"" + statementId + "\",\"status\":{\"state\":\"SUCCEEDED\"},"
                + "\"manifest\":{\"format\":\"ARROW_STREAM\",\"schema\":{\"column_count\":0},\"total_chunk_count\":0,"
                + "\"total_row_count\":0,\"total_byte_count\":0,\"truncated\":false},\"result\":{}}";
    }

    static String error(String errorCode, String message) {
        return "{\"error_code\":\"" + errorCode + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
    }

    /** The path the external links point at; the server maps it back to the chunk bytes. */
    static String filePath(Compression compression, int chunkIndex) {
        return "/files/" + compression.label() + "/" + chunkIndex;
    }

    private void appendLinks(StringBuilder b, String statementId, Compression compression, int chunkIndex) {
        BenchData.Chunk c = data.chunks().get(chunkIndex);
        // like a pre-signed URL: it names the object and carries no credentials the driver must add
        String url = baseUrl + filePath(compression, chunkIndex) + "?statement=" + statementId;
        String expiration = Instant.now().plus(15, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString();
        b.append("{\"external_links\":[{\"chunk_index\":").append(c.index())
                .append(",\"row_offset\":").append(c.rowOffset()).append(",\"row_count\":").append(c.rowCount())
                .append(",\"byte_count\":").append(c.bytes(compression).length);
        if (chunkIndex + 1 < data.chunks().size()) {
            b.append(",\"next_chunk_index\":").append(chunkIndex + 1)
                    .append(",\"next_chunk_internal_link\":\"/api/2.0/sql/statements/").append(statementId)
                    .append("/result/chunks/").append(chunkIndex + 1).append('"');
        }
        b.append(",\"external_link\":\"").append(url).append("\",\"expiration\":\"").append(expiration).append("\"}]}");
    }
}
