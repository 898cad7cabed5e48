package dev.sluice.jdbc.internal.client;

import java.util.List;
import java.util.Objects;

/**
 * The {@code manifest} of a succeeded statement.
 *
 * @param format the result format
 * @param columns {@code schema.columns}; empty for statements without a result set
 * @param totalChunkCount {@code total_chunk_count}, or -1 when absent
 * @param chunks {@code chunks} in the order sent; empty when absent (then chunks are discovered through
 *     {@code next_chunk_index})
 * @param totalRowCount {@code total_row_count}, or -1 when absent
 * @param totalByteCount {@code total_byte_count}, or -1 when absent (INLINE results)
 * @param truncated whether a row or byte limit cut the result
 * @param resultCompression the compression of the chunk payloads; {@link ResultCompression#NONE} when absent
 * @param isVolumeOperation whether the statement was a Unity Catalog Volume PUT/GET/REMOVE
 */
public record ResultManifest(ResultFormat format, List<ColumnInfo> columns, int totalChunkCount,
                             List<ChunkInfo> chunks, long totalRowCount, long totalByteCount, boolean truncated,
                             ResultCompression resultCompression, boolean isVolumeOperation) {
    public ResultManifest {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(resultCompression, "resultCompression is null");
        columns = columns == null ? List.of() : List.copyOf(columns);
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }
}
