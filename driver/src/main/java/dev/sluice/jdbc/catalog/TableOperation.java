package dev.sluice.jdbc.catalog;

/** What vended table credentials allow ({@code operation} of {@code temporary-table-credentials}). */
public enum TableOperation {
    READ,
    READ_WRITE
}
