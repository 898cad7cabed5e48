package dev.sluice.dao.delta;

import java.util.Optional;

/**
 * One difference between a table's schema and an expected one. {@code column} is the dotted path of the column
 * ({@code address.city} for a nested field); {@code reason} says why the change is classified so.
 */
public record SchemaChange(Kind kind, String column, Optional<DataType> from, Optional<DataType> to,
                           Optional<String> newName, String reason) {

    /** How a change can be applied. */
    public enum Kind {
        /** A new column: ADD COLUMNS, auto-mergeable. */
        ADD,
        /** A type that widens (INT to BIGINT, ...): needs the table feature {@code delta.enableTypeWidening}. */
        WIDEN,
        /** A column that goes away: needs column mapping {@code name}. */
        DROP,
        /** A column renamed (as the caller declared): needs column mapping {@code name}. */
        RENAME,
        /** A NOT NULL column that becomes nullable: ALTER COLUMN DROP NOT NULL. */
        DROP_NOT_NULL,
        /** Narrowing, an incompatible type, or a nullable column becoming NOT NULL: refused. */
        REFUSED
    }

    /** Whether {@link DeltaTable#evolve} can apply it (possibly after enabling a table feature). */
    public boolean applicable() {
        return kind != Kind.REFUSED;
    }
}
