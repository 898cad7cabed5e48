package dev.sluice.testing.sea;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a SUCCEEDED statement returns: manifest columns and chunks, how they travel (inline JSON rows, inline
 * Arrow {@code attachment}, or external links) and the options of each shape. Immutable; {@code with*}
 * methods return copies.
 *
 * <p>Shapes follow protocol.md §1.5–1.6 and §10 item 4: {@code position} written even when 0; no
 * {@code byte_count} or {@code total_byte_count} for inline chunks; no {@code chunks} and {@code "result":{}}
 * when there are no chunks (then {@code total_byte_count} is 0, as recorded for DDL); external links carry
 * {@code byte_count} = bytes served (after LZ4) while the manifest carries the uncompressed size;
 * {@code next_chunk_index} and {@code next_chunk_internal_link} on every chunk but the last.
 *
 * <pre>{@code
 * Result.jsonRows(Column.list("id INT", "name STRING"), List.of(Result.row("1", "a"), Result.row("2", null)));
 * Result.externalLinks(Column.list("id BIGINT"), List.of(Chunk.of(3, ipc0), Chunk.of(2, ipc1)))
 *       .withCompression(Compression.LZ4_FRAME)
 *       .withLinkPolicy(LinkPolicy.standard().expiredOnFirstIssue());
 * }</pre>
 */
public final class Result {

    /** How chunks travel. */
    enum Delivery {
        /** Rows as {@code data_array} (JSON_ARRAY). */
        INLINE_ROWS,
        /** Bytes as base64 {@code attachment}. */
        INLINE_ATTACHMENT,
        /** Bytes behind {@code external_links}. */
        EXTERNAL_LINKS
    }

    private final List<Column> columns;
    private final ResultFormat format;
    private final Delivery delivery;
    private final List<List<List<String>>> rowChunks;
    private final List<Chunk> byteChunks;
    private final Compression compression;
    private final LinkPolicy linkPolicy;
    private final boolean truncated;
    private final boolean volumeOperation;

    private Result(List<Column> columns, ResultFormat format, Delivery delivery, List<List<List<String>>> rowChunks,
                   List<Chunk> byteChunks, Compression compression, LinkPolicy linkPolicy, boolean truncated,
                   boolean volumeOperation) {
        this.columns = columns;
        this.format = format;
        this.delivery = delivery;
        this.rowChunks = rowChunks;
        this.byteChunks = byteChunks;
        this.compression = Objects.requireNonNull(compression, "compression is null");
        this.linkPolicy = Objects.requireNonNull(linkPolicy, "linkPolicy is null");
        this.truncated = truncated;
        this.volumeOperation = volumeOperation;
    }

    /**
     * No result set (DDL, SET, USE...): {@code "schema":{"column_count":0}}, no chunks, {@code "result":{}}.
     * The manifest format echoes the requested one.
     */
    public static Result noResultSet() {
        return new Result(null, null, Delivery.INLINE_ROWS, List.of(), List.of(), Compression.AS_REQUESTED,
                LinkPolicy.standard(), false, false);
    }

    /** A result set with columns and zero rows; the manifest format echoes the requested one. */
    public static Result empty(List<Column> columns) {
        return new Result(List.copyOf(columns), null, Delivery.INLINE_ROWS, List.of(), List.of(),
                Compression.AS_REQUESTED, LinkPolicy.standard(), false, false);
    }

    /** INLINE JSON_ARRAY rows in one chunk; SQL NULL is a null element (see {@link #row}). */
    public static Result jsonRows(List<Column> columns, List<List<String>> rows) {
        return jsonChunks(columns, List.of(rows));
    }

    /**
     * INLINE JSON_ARRAY rows over several chunks: chunk 0 comes with the statement, later ones from
     * {@code GET .../result/chunks/{i}}.
     */
    public static Result jsonChunks(List<Column> columns, List<List<List<String>>> chunks) {
        List<List<List<String>>> copy = new ArrayList<>();
        for (List<List<String>> chunk : chunks) {
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row : chunk) {
                rows.add(Collections.unmodifiableList(new ArrayList<>(row)));
            }
            copy.add(Collections.unmodifiableList(rows));
        }
        return new Result(List.copyOf(columns), ResultFormat.JSON_ARRAY, Delivery.INLINE_ROWS,
                Collections.unmodifiableList(copy), List.of(), Compression.AS_REQUESTED, LinkPolicy.standard(),
                false, false);
    }

    /** ARROW_STREAM inline: one chunk whose IPC stream travels base64-encoded as {@code result.attachment}. */
    public static Result arrowAttachment(List<Column> columns, long rowCount, byte[] ipcStream) {
        return arrowAttachments(columns, List.of(Chunk.of(rowCount, ipcStream)));
    }

    /** ARROW_STREAM inline over several chunks, each an {@code attachment}; later ones via the chunk endpoint. */
    public static Result arrowAttachments(List<Column> columns, List<Chunk> chunks) {
        return new Result(List.copyOf(columns), ResultFormat.ARROW_STREAM, Delivery.INLINE_ATTACHMENT, List.of(),
                List.copyOf(chunks), Compression.AS_REQUESTED, LinkPolicy.standard(), false, false);
    }

    /**
     * ARROW_STREAM over EXTERNAL_LINKS, one link per chunk, downloaded from this server without Authorization.
     * Use {@link #withFormat} for JSON_ARRAY or CSV files.
     */
    public static Result externalLinks(List<Column> columns, List<Chunk> chunks) {
        return new Result(List.copyOf(columns), ResultFormat.ARROW_STREAM, Delivery.EXTERNAL_LINKS, List.of(),
                List.copyOf(chunks), Compression.AS_REQUESTED, LinkPolicy.standard(), false, false);
    }

    /** The one-row DML result of INSERT: {@code num_affected_rows}, {@code num_inserted_rows} (BIGINT). */
    public static Result inserted(long affectedRows, long insertedRows) {
        return jsonRows(Column.list("num_affected_rows BIGINT", "num_inserted_rows BIGINT"),
                List.of(row(Long.toString(affectedRows), Long.toString(insertedRows))));
    }

    /** The one-row DML result of UPDATE and DELETE: {@code num_affected_rows} (BIGINT). */
    public static Result affected(long affectedRows) {
        return jsonRows(Column.list("num_affected_rows BIGINT"), List.of(row(Long.toString(affectedRows))));
    }

    /** A JSON row; unlike {@code List.of} it accepts null for SQL NULL. */
    public static List<String> row(String... values) {
        return Collections.unmodifiableList(Arrays.asList(values.clone()));
    }

    /** A copy with another compression for byte payloads (attachments and downloads). */
    public Result withCompression(Compression codec) {
        return new Result(columns, format, delivery, rowChunks, byteChunks, codec, linkPolicy, truncated,
                volumeOperation);
    }

    /** A copy whose external links follow this policy. */
    public Result withLinkPolicy(LinkPolicy policy) {
        return new Result(columns, format, delivery, rowChunks, byteChunks, compression, policy, truncated,
                volumeOperation);
    }

    /**
     * A copy announcing another format. Inline JSON rows are always JSON_ARRAY; a byte-payload result may say
     * JSON_ARRAY or CSV when its bytes are such files.
     *
     * @throws IllegalStateException for inline JSON rows and any format but JSON_ARRAY
     */
    public Result withFormat(ResultFormat announced) {
        Objects.requireNonNull(announced, "announced is null");
        if (delivery == Delivery.INLINE_ROWS && !rowChunks.isEmpty() && announced != ResultFormat.JSON_ARRAY) {
            throw new IllegalStateException("inline rows are JSON_ARRAY, not " + announced);
        }
        return new Result(columns, announced, delivery, rowChunks, byteChunks, compression, linkPolicy, truncated,
                volumeOperation);
    }

    /** A copy with {@code manifest.truncated: true} (as after {@code row_limit} or {@code byte_limit}). */
    public Result truncated() {
        return new Result(columns, format, delivery, rowChunks, byteChunks, compression, linkPolicy, true,
                volumeOperation);
    }

    /** A copy with {@code manifest.is_volume_operation: true}. */
    public Result volumeOperation() {
        return new Result(columns, format, delivery, rowChunks, byteChunks, compression, linkPolicy, truncated,
                true);
    }

    /** The columns, or null when there is no result set. */
    List<Column> columns() {
        return columns;
    }

    /** The announced format, or null to echo the request's. */
    ResultFormat format() {
        return format;
    }

    Delivery delivery() {
        return delivery;
    }

    Compression compression() {
        return compression;
    }

    LinkPolicy linkPolicy() {
        return linkPolicy;
    }

    boolean isTruncated() {
        return truncated;
    }

    boolean isVolumeOperation() {
        return volumeOperation;
    }

    int chunkCount() {
        return delivery == Delivery.INLINE_ROWS ? rowChunks.size() : byteChunks.size();
    }

    long rowCount(int chunk) {
        return delivery == Delivery.INLINE_ROWS ? rowChunks.get(chunk).size() : byteChunks.get(chunk).rowCount();
    }

    long rowOffset(int chunk) {
        long offset = 0;
        for (int i = 0; i < chunk; i++) {
            offset += rowCount(i);
        }
        return offset;
    }

    long totalRowCount() {
        return rowOffset(chunkCount());
    }

    List<List<String>> rows(int chunk) {
        return rowChunks.get(chunk);
    }

    Chunk byteChunk(int chunk) {
        return byteChunks.get(chunk);
    }

    boolean hasBytePayloads() {
        return delivery != Delivery.INLINE_ROWS;
    }
}
