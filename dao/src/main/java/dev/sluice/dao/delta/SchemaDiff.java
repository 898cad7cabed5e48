package dev.sluice.dao.delta;

import java.util.List;

/** The changes from a table's schema to an expected one, classified; empty when they are the same. */
public record SchemaDiff(List<SchemaChange> changes) {

    public SchemaDiff {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<SchemaChange> of(SchemaChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    /** Columns to add: auto-mergeable. */
    public List<SchemaChange> added() {
        return of(SchemaChange.Kind.ADD);
    }

    /** Type widenings: need {@code delta.enableTypeWidening}. */
    public List<SchemaChange> widenings() {
        return of(SchemaChange.Kind.WIDEN);
    }

    /** Renames and drops: need column mapping {@code name}. */
    public List<SchemaChange> needingColumnMapping() {
        return changes.stream().filter(c -> c.kind() == SchemaChange.Kind.RENAME || c.kind() == SchemaChange.Kind.DROP)
                .toList();
    }

    /** Narrowing and incompatible changes: never applied. */
    public List<SchemaChange> refused() {
        return of(SchemaChange.Kind.REFUSED);
    }
}
