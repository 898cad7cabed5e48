package dev.sluice.dao.delta;

/** The Delta error taxonomy, one constant per {@link DeltaException} subclass, and {@link #OTHER}. */
public enum DeltaErrorKind {
    /** The table (or its schema or catalog) does not exist. */
    TABLE_NOT_FOUND,
    /** A write or schema change the table's schema cannot take. */
    SCHEMA_EVOLUTION_CONFLICT,
    /** Another writer committed a conflicting change first (after the driver's own retries, if any). */
    CONCURRENT_MODIFICATION,
    /** Time travel to a version or timestamp the table does not have. */
    VERSION_NOT_FOUND,
    /** A CHECK or NOT NULL constraint refused a row. */
    CONSTRAINT_VIOLATION,
    /** A VACUUM retention under the table's minimum. */
    VACUUM_RETENTION_TOO_SHORT,
    /** Anything else. */
    OTHER
}
