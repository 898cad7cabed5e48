package dev.sluice.dao.jobs;

import dev.sluice.jdbc.jobs.Run;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A streaming run's state and the micro-batches its Delta sink has committed, read where it is portable to
 * Databricks: the sink's {@code DESCRIBE HISTORY}, whose {@code STREAMING UPDATE} entries carry the query id,
 * the epoch id and the rows written.
 *
 * @param run the run as {@code runs/get} reports it now
 * @param batches the sink's streaming commits, oldest first
 */
public record StreamingProgress(Run run, List<Batch> batches) {
    public StreamingProgress {
        batches = List.copyOf(batches);
    }

    /** One streaming commit of the sink: Delta version, commit time, {@code epochId}, {@code numOutputRows}. */
    public record Batch(long version, Instant timestamp, String queryId, long epochId, long numOutputRows) {
    }

    /** The newest batch, if the sink has any. */
    public Optional<Batch> latest() {
        return batches.isEmpty() ? Optional.empty() : Optional.of(batches.get(batches.size() - 1));
    }

    /** Rows written by every batch the history still lists. */
    public long totalOutputRows() {
        return batches.stream().mapToLong(Batch::numOutputRows).sum();
    }
}
