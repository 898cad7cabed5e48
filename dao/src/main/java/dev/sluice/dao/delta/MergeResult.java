package dev.sluice.dao.delta;

/** The counts of a MERGE, as Databricks returns them. */
public record MergeResult(long affected, long updated, long deleted, long inserted) {
}
