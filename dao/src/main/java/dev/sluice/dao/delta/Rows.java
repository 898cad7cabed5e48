package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Java rows to write: column names and one value per column in each row. Values are bound as parameters with
 * {@code setObject} (String, Long, Integer, Double, BigDecimal, Boolean, LocalDate, Timestamp, ... or null).
 */
public final class Rows {

    private final List<String> columns;
    private final List<List<Object>> rows;

    private Rows(List<String> columns, List<List<Object>> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** Rows from records: the record components, in order, are the columns. */
    public static Rows ofRecords(List<? extends Record> records) {
        requireNonNull(records, "records is null");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records: the columns cannot be known");
        }
        Class<?> type = records.get(0).getClass();
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            try {
                // records nested in application classes are often not public
                accessors[i].setAccessible(true);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot read the components of " + type.getName()
                        + " (make the record public or open its package): " + e.getMessage(), e);
            }
        }
        Builder b = builder(Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new));
        for (Record r : records) {
            if (r.getClass() != type) {
                throw new IllegalArgumentException("records of two types: " + type.getName() + " and "
                        + r.getClass().getName());
            }
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                try {
                    values[i] = accessors[i].invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot read " + components[i].getName() + " of " + r, e);
                }
            }
            b.add(values);
        }
        return b.build();
    }

    public static Builder builder(String... columns) {
        return new Builder(List.of(columns));
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** Collects rows; each {@link #add} must give one value per column. */
    public static final class Builder {
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(List<String> columns) {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("no columns");
            }
            if (columns.stream().distinct().count() != columns.size()) {
                throw new IllegalArgumentException("duplicate column in " + columns);
            }
            this.columns = columns;
        }

        public Builder add(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("row " + (rows.size() + 1) + " has " + values.length
                        + " values for " + columns.size() + " columns " + columns);
            }
            rows.add(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values))));
            return this;
        }

        public Rows build() {
            return new Rows(columns, List.copyOf(rows));
        }
    }
}
