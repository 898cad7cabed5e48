package dev.sluice.dao.features;

import dev.sluice.dao.delta.StructField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL feature tables are made of: the DDL with the primary key, reads as of a time, and the point-in-time join
 * of a training set. Names are quoted; the only values are instants, rendered as TIMESTAMP literals from
 * {@link Instant#toString()} (digits, '-', ':', '.', 'T', 'Z': nothing to escape).
 */
final class FeatureSql {
    private static final String RANK = "`__sluice_rank`";

    private FeatureSql() {
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String timestamp(Instant t) {
        return "TIMESTAMP '" + t + "'";
    }

    /** {@code CREATE TABLE t (cols, CONSTRAINT pk PRIMARY KEY (k, ts TIMESERIES)) USING DELTA ...}. */
    static String create(FeatureTableDefinition d) {
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(d.name().sql()).append(" (");
        for (StructField c : d.columns()) {
            boolean key = d.primaryKeys().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
            b.append(key && c.nullable() ? c.notNull().sql() : c.sql()).append(", ");
        }
        b.append("CONSTRAINT ").append(quote(d.name().table() + "_pk")).append(" PRIMARY KEY (");
        for (int i = 0; i < d.primaryKeys().size(); i++) {
            String k = d.primaryKeys().get(i);
            b.append(i > 0 ? ", " : "").append(quote(k))
                    .append(d.timeseriesColumn().map(t -> t.equalsIgnoreCase(k)).orElse(false) ? " TIMESERIES" : "");
        }
        b.append(")) USING DELTA");
        d.comment().ifPresent(c -> b.append(" COMMENT ").append(literal(c)));
        if (!d.tags().isEmpty()) {
            List<String> props = new ArrayList<>();
            d.tags().forEach((k, v) -> props.add(literal("tag." + k) + " = " + literal(v)));
            b.append(" TBLPROPERTIES (").append(String.join(", ", props)).append(")");
        }
        return b.toString();
    }

    /**
     * The table as of {@code asOf}: for a time series, the latest row per key with a timestamp at or before it; for
     * other tables, the Delta version current then.
     */
    static String readAsOf(FeatureTable t, Instant asOf) {
        if (t.timeseriesColumn().isEmpty()) {
            return "SELECT * FROM " + t.name().sql() + " TIMESTAMP AS OF " + timestamp(asOf);
        }
        String columns = String.join(", ", t.columns().keySet().stream().map(FeatureSql::quote).toList());
        String keys = String.join(", ", t.lookupKeys().stream().map(FeatureSql::quote).toList());
        String ts = quote(t.timeseriesColumn().get());
        return "SELECT " + columns + " FROM (SELECT *, row_number() OVER (PARTITION BY " + keys + " ORDER BY " + ts
                + " DESC) AS " + RANK + " FROM " + t.name().sql() + " WHERE " + ts + " <= " + timestamp(asOf)
                + ") WHERE " + RANK + " = 1";
    }

    /**
     * One statement for a whole training set. Each lookup becomes a derived table keyed by the distinct (lookup keys, event
     * time) pairs of the entity rows, holding per pair {@code max_by(struct(features), ts)} over the feature rows at
     * or before the event time (and within the lookback): the latest value that existed then, never a later one. The
     * entity rows are then left-joined to every one of them on those pairs, so a row without a value gets NULLs. A table
     * without a timeseries key has one value per key, which is joined as it is now.
     *
     * @param tables the feature table of each lookup, in the same order
     */
    static String trainingSet(TrainingSet set, List<FeatureTable> tables) {
        String ev = quote(set.eventTimeColumn());
        // derived tables, not a WITH clause: the entity text is repeated, which any engine plans alike
        String entities = "(" + set.entityQuery().orElseGet(() -> "SELECT * FROM " + set.entityTable().get().sql())
                + ")";
        StringBuilder select = new StringBuilder("SELECT e.*");
        StringBuilder joins = new StringBuilder(" FROM ").append(entities).append(" e");
        Set<String> outputs = new HashSet<>();
        for (int i = 0; i < set.lookups().size(); i++) {
            FeatureLookup l = set.lookups().get(i);
            FeatureTable t = tables.get(i);
            List<String> keys = t.lookupKeys();
            if (keys.size() != l.lookupKeys().size()) {
                throw new IllegalArgumentException("the lookup of " + t.name() + " names " + l.lookupKeys().size()
                        + " keys " + l.lookupKeys() + " for its " + keys.size() + " key columns " + keys);
            }
            List<String> features = l.features().isEmpty() ? t.featureNames() : l.features();
            for (String f : features) {
                if (t.columns().keySet().stream().noneMatch(c -> c.equalsIgnoreCase(f))) {
                    throw new IllegalArgumentException(f + " is not a column of " + t.name() + " " + t.columns().keySet());
                }
                if (!outputs.add(l.outputName(f).toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("two lookups give a feature named " + l.outputName(f)
                            + ": rename one");
                }
            }
            String p = "p" + i;
            for (String f : features) {
                select.append(", ").append(p).append(".`__v`.").append(quote(f)).append(" AS ")
                        .append(quote(l.outputName(f)));
            }
            joins.append(" LEFT JOIN (").append(lookup(l, t, features, ev, entities)).append(") ").append(p)
                    .append(" ON ");
            for (int k = 0; k < keys.size(); k++) {
                String entityKey = quote(l.lookupKeys().get(k));
                joins.append(k > 0 ? " AND " : "").append("e.").append(entityKey).append(" <=> ").append(p).append('.')
                        .append(entityKey);
            }
            if (t.timeseriesColumn().isPresent()) {
                joins.append(" AND e.").append(ev).append(" <=> ").append(p).append('.').append(ev);
            }
        }
        return select.toString() + joins;
    }

    private static String lookup(FeatureLookup l, FeatureTable t, List<String> features, String ev,
                                 String entities) {
        List<String> keys = t.lookupKeys();
        StringBuilder struct = new StringBuilder("struct(");
        for (int j = 0; j < features.size(); j++) {
            struct.append(j > 0 ? ", " : "").append("f.").append(quote(features.get(j))).append(" AS ")
                    .append(quote(features.get(j)));
        }
        struct.append(")");
        StringBuilder on = new StringBuilder();
        StringBuilder group = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        for (int k = 0; k < keys.size(); k++) {
            String entityKey = quote(l.lookupKeys().get(k));
            on.append(k > 0 ? " AND " : "").append("k.").append(entityKey).append(" = f.").append(quote(keys.get(k)));
            group.append(k > 0 ? ", " : "").append("k.").append(entityKey);
            plain.append(k > 0 ? ", " : "").append(entityKey);
        }
        if (t.timeseriesColumn().isEmpty()) {
            return "SELECT " + group + ", " + struct + " AS `__v` FROM (SELECT DISTINCT "
                    + plain + " FROM " + entities + " e) k JOIN " + t.name().sql() + " f ON "
                    + on;
        }
        String ts = "f." + quote(t.timeseriesColumn().get());
        on.append(" AND ").append(ts).append(" <= k.").append(ev);
        l.lookback().ifPresent(w -> on.append(" AND ").append(ts).append(" >= k.").append(ev)
                .append(" - INTERVAL '").append(w.toSeconds()).append("' SECOND"));
        return "SELECT " + group + ", k." + ev + ", max_by(" + struct + ", " + ts + ") AS `__v` FROM (SELECT DISTINCT "
                + plain + ", " + ev + " FROM " + entities + " e) k JOIN " + t.name().sql()
                + " f ON " + on + " GROUP BY " + group + ", k." + ev;
    }
}
