package dev.sluice.warehouse.sql;

import java.nio.file.Path;

/** One materialized result chunk: a file holding a complete Arrow IPC stream, JSON array or CSV text. */
public record Chunk(int index, long rowOffset, long rowCount, long byteCount, Path file) {
}
