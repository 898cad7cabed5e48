package dev.sluice.delta;

/**
 * What a direct append did.
 *
 * @param version the table version the append committed, or the current version when it was already applied
 * @param rows rows written (0 when already applied)
 * @param files data files written
 * @param bytes bytes of the data files written
 * @param applied false when the application's transaction id showed this append had been committed before, so
 *     nothing was written (the idempotent repeat of an append whose answer was lost)
 */
public record AppendResult(long version, long rows, int files, long bytes, boolean applied) {
}
