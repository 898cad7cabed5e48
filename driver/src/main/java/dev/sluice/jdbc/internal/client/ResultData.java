package dev.sluice.jdbc.internal.client;

import java.util.List;

/**
 * One chunk of a result: the {@code result} object of a statement response, or the response of
 * {@code GET .../result/chunks/{i}}. At most one of {@code dataArray}, {@code externalLinks} and
 * {@code attachment} carries data; all are absent for {@code "result":{}}.
 *
 * @param chunkIndex {@code chunk_index}, or -1 when absent
 * @param rowOffset {@code row_offset}, or -1 when absent
 * @param rowCount {@code row_count}, or -1 when absent
 * @param byteCount {@code byte_count}, or -1 when absent
 * @param dataArray INLINE JSON_ARRAY rows, JSON null as null,, or null when absent
 * @param externalLinks external links; empty when absent
 * @param attachment the base64-decoded inline Arrow payload (LZ4-framed when the manifest says so), or null
 * @param nextChunkIndex {@code next_chunk_index}, or -1 when absent
 * @param nextChunkInternalLink {@code next_chunk_internal_link}, or null when absent
 */
public record ResultData(int chunkIndex, long rowOffset, long rowCount, long byteCount, JsonRows dataArray,
                         List<ExternalLink> externalLinks, byte[] attachment, int nextChunkIndex,
                         String nextChunkInternalLink) {
    /** The {@code "result":{}} of statements without rows. */
    public static final ResultData EMPTY = new ResultData(-1, -1, -1, -1, null, List.of(), null, -1, null);

    public ResultData {
        externalLinks = externalLinks == null ? List.of() : List.copyOf(externalLinks);
    }

    /** True when neither rows, links nor an attachment are present. */
    public boolean isEmpty() {
        return dataArray == null && externalLinks.isEmpty() && attachment == null;
    }

    /** Describes the shape without row values, link URLs or attachment bytes. */
    @Override
    public String toString() {
        return "ResultData[chunkIndex=" + chunkIndex + ", rowOffset=" + rowOffset + ", rowCount=" + rowCount
                + ", byteCount=" + byteCount + ", dataArrayRows=" + (dataArray == null ? "absent" : dataArray.size())
                + ", externalLinks=" + externalLinks + ", attachmentBytes="
                + (attachment == null ? "absent" : attachment.length) + ", nextChunkIndex=" + nextChunkIndex + "]";
    }
}
