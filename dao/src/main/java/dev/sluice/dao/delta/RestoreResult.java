package dev.sluice.dao.delta;

/** The metrics of {@code RESTORE TABLE}, as Databricks returns them. */
public record RestoreResult(long tableSizeAfterRestore, long numOfFilesAfterRestore, long numRemovedFiles,
                            long numRestoredFiles, long removedFilesSize, long restoredFilesSize) {
}
