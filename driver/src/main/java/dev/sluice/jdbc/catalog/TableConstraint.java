package dev.sluice.jdbc.catalog;

import java.util.List;

/** One of a table's {@code table_constraints}: a primary key, a foreign key or another named constraint. */
public sealed interface TableConstraint permits TableConstraint.PrimaryKey, TableConstraint.ForeignKey,
        TableConstraint.Named {
    String name();

    /**
     * {@code primary_key_constraint}.
     *
     * @param timeseriesColumns the key's TIMESERIES columns (a time-series feature table's), empty for others
     */
    record PrimaryKey(String name, List<String> childColumns, List<String> timeseriesColumns)
            implements TableConstraint {
        public PrimaryKey {
            childColumns = List.copyOf(childColumns);
            timeseriesColumns = List.copyOf(timeseriesColumns);
        }
    }

    /**
     * {@code foreign_key_constraint}.
     *
     * @param parentTable the referenced table's full name
     */
    record ForeignKey(String name, List<String> childColumns, String parentTable, List<String> parentColumns)
            implements TableConstraint {
        public ForeignKey {
            childColumns = List.copyOf(childColumns);
            parentColumns = List.copyOf(parentColumns);
        }
    }

    /** {@code named_table_constraint}: a constraint known by name only. */
    record Named(String name) implements TableConstraint {
    }
}
