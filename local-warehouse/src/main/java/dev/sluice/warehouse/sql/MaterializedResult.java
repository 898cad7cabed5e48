package dev.sluice.warehouse.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.types.StructType;

/** A statement's result, fully written to chunk files before the statement reports SUCCEEDED. */
public record MaterializedResult(StructType schema, ResultFormat format, boolean lz4, List<Chunk> chunks,
                                 long totalRows, boolean truncated, Path dir) {

    public long totalBytes() {
        return chunks.stream().mapToLong(Chunk::byteCount).sum();
    }

    /** Removes the chunk files; safe to call more than once. */
    public void delete() {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a file still being downloaded on another thread; the purge retries later
        }
    }
}
