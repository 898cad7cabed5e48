package dev.sluice.dao.procedure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.dao.delta.Rows;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.features.FeatureLookup;
import dev.sluice.dao.features.FeatureTable;
import dev.sluice.dao.features.FeatureTables;
import dev.sluice.dao.features.OnlineFeatures;
import dev.sluice.dao.features.TrainingSet;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureProvider;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import dev.sluice.jdbc.procedure.ResultColumn;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.JDBCType;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The built-in feature procedures ({@code {call sluice.feature_lookup(?, ?)}}): thin adapters over
 * {@link FeatureTables} on the call's connection, with rows, keys and training-set specs given as JSON text.
 */
public final class FeatureProcedures implements ProcedureProvider {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public List<ProcedureSpec> procedures() {
        return List.of(write(), lookup(), trainingSet());
    }

    private static ProcedureSpec write() {
        return new ProcedureSpec("feature_write", "write feature rows: merged on the primary key, appended to a time"
                + " series; checked against the table's schema first",
                List.of(in("table", "feature table catalog.schema.table"),
                        in("rows", "JSON array of objects, one per row: [{\"user_id\": 1, \"clicks\": 3}]"),
                        new ParameterSpec("rows_written", ParameterMode.OUT, JDBCType.BIGINT, false, null,
                                "rows written")),
                false, call -> {
                    FeatureTables features = FeatureTables.of(call.connection());
                    TableName name = TableName.parse(call.string("table"));
                    FeatureTable table = features.get(name);
                    long n = features.write(name, rows(table, objects("rows", call.string("rows"))));
                    return ProcedureOutcome.out(Map.of("rows_written", n));
                });
    }

    private static ProcedureSpec lookup() {
        return new ProcedureSpec("feature_lookup", "look features up online at a feature serving endpoint: one row per"
                + " key with found, staleness_ms and missing_tables",
                List.of(in("endpoint", "feature serving endpoint name"),
                        in("keys", "a JSON object naming one key, or an array of them")),
                true, call -> {
                    String text = call.string("keys");
                    List<Map<String, Object>> keys = objects("keys", text.strip().startsWith("{") ? "[" + text + "]"
                            : text);
                    List<OnlineFeatures> found = FeatureTables.of(call.connection()).lookup(call.string("endpoint"), keys);
                    return lookupRows(found);
                });
    }

    private static ProcedureOutcome lookupRows(List<OnlineFeatures> found) {
        Set<String> names = new LinkedHashSet<>();
        found.forEach(f -> names.addAll(f.values().keySet()));
        List<ResultColumn> columns = new ArrayList<>();
        for (String n : names) {
            Object sample = found.stream().map(f -> f.values().get(n)).filter(v -> v != null).findFirst().orElse(null);
            columns.add(new ResultColumn(n, sample instanceof Long ? JDBCType.BIGINT : sample instanceof Double
                    ? JDBCType.DOUBLE : sample instanceof Boolean ? JDBCType.BOOLEAN : JDBCType.VARCHAR));
        }
        columns.add(new ResultColumn("found", JDBCType.BOOLEAN));
        columns.add(new ResultColumn("staleness_ms", JDBCType.BIGINT));
        columns.add(new ResultColumn("missing_tables", JDBCType.VARCHAR));
        List<List<Object>> rows = new ArrayList<>();
        for (OnlineFeatures f : found) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Object v = f.values().get(new ArrayList<>(names).get(i));
                row.add(v == null || v instanceof Long || v instanceof Double || v instanceof Boolean ? v : v.toString());
            }
            row.addAll(Arrays.asList(f.found(), f.staleness().toMillis(), String.join(",", f.missingTables())));
            rows.add(row);
        }
        return ProcedureOutcome.rows(columns, rows);
    }

    private static ProcedureSpec trainingSet() {
        return new ProcedureSpec("feature_training_set", "a point-in-time training set, streamed: spec is JSON"
                + " {entity_table | entity_query, event_time, lookups: [{table, lookup_keys, features?, renames?,"
                + " lookback_seconds?}]}",
                List.of(in("spec", "the training set as JSON")),
                true, call -> ProcedureOutcome.resultSet(FeatureTables.of(call.connection())
                        .trainingSet(trainingSetOf(call.string("spec")))));
    }

    @SuppressWarnings("unchecked")
    static TrainingSet trainingSetOf(String text) throws SQLException {
        Map<String, Object> spec = object("spec", text);
        String event = requiredString(spec, "event_time");
        TrainingSet.Builder b;
        if (spec.get("entity_table") instanceof String t) {
            b = TrainingSet.fromTable(TableName.parse(t), event);
        } else if (spec.get("entity_query") instanceof String q) {
            b = TrainingSet.fromQuery(q, event);
        } else {
            throw new SQLDataException("spec needs entity_table or entity_query: " + text, "22023");
        }
        if (!(spec.get("lookups") instanceof List<?> lookups) || lookups.isEmpty()) {
            throw new SQLDataException("spec needs a non-empty lookups array: " + text, "22023");
        }
        try {
            for (Object o : lookups) {
                if (!(o instanceof Map<?, ?>)) {
                    throw new SQLDataException("each lookup is an object: " + text, "22023");
                }
                Map<String, Object> l = (Map<String, Object>) o;
                FeatureLookup.Builder lb = FeatureLookup.of(TableName.parse(requiredString(l, "table")),
                        strings(l.get("lookup_keys")).toArray(String[]::new))
                        .features(strings(l.get("features")).toArray(String[]::new));
                if (l.get("renames") instanceof Map<?, ?> renames) {
                    renames.forEach((k, v) -> lb.rename(String.valueOf(k), String.valueOf(v)));
                }
                if (l.get("lookback_seconds") instanceof Number n) {
                    lb.lookback(Duration.ofSeconds(n.longValue()));
                }
                b.lookup(lb.build());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("spec: " + e.getMessage(), "22023", e);
        }
    }

    /** Rows with each JSON value converted to the column's type (timestamps and dates from their text). */
    private static Rows rows(FeatureTable table, List<Map<String, Object>> objects) throws SQLException {
        if (objects.isEmpty()) {
            throw new SQLDataException("rows is an empty array", "22023");
        }
        List<String> columns = new ArrayList<>(objects.get(0).keySet());
        Rows.Builder b = Rows.builder(columns.toArray(String[]::new));
        for (int r = 0; r < objects.size(); r++) {
            Map<String, Object> o = objects.get(r);
            if (!o.keySet().equals(new LinkedHashSet<>(columns))) {
                throw new SQLDataException("row " + (r + 1) + " has the columns " + o.keySet() + ", row 1 " + columns,
                        "22023");
            }
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = convert(columns.get(i), typeOf(table, columns.get(i)), o.get(columns.get(i)));
            }
            b.add(values);
        }
        return b.build();
    }

    private static String typeOf(FeatureTable table, String column) {
        return table.columns().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                .map(e -> e.getValue().toLowerCase(Locale.ROOT)).findFirst().orElse("string");
    }

    private static Object convert(String column, String type, Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        try {
            if (type.startsWith("timestamp")) {
                String s = v.toString();
                return s.endsWith("Z") || s.contains("+") ? Timestamp.from(Instant.parse(s))
                        : Timestamp.valueOf(s.replace('T', ' '));
            }
            if (type.equals("date")) {
                return LocalDate.parse(v.toString());
            }
            if (type.startsWith("decimal")) {
                return new BigDecimal(v.toString());
            }
            if (type.equals("int") || type.equals("integer")) {
                return v instanceof Number n ? n.intValue() : Integer.valueOf(v.toString());
            }
            if (type.equals("bigint") || type.equals("long")) {
                return v instanceof Number n ? n.longValue() : Long.valueOf(v.toString());
            }
            if (type.equals("double") || type.equals("float")) {
                return v instanceof Number n ? n.doubleValue() : Double.valueOf(v.toString());
            }
            return v;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new SQLDataException("column " + column + ": '" + v + "' is not a " + type, "22018", e);
        }
    }

    // ---- JSON text -------------------------------------------------------------------------------------------

    private static Map<String, Object> object(String parameter, String text) throws SQLException {
        Object v = parse(parameter, text);
        if (!(v instanceof Map<?, ?>)) {
            throw new SQLDataException(parameter + " is not a JSON object: " + text, "22023");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String parameter, String text) throws SQLException {
        Object v = parse(parameter, text);
        if (!(v instanceof List<?> l) || l.stream().anyMatch(o -> !(o instanceof Map<?, ?>))) {
            throw new SQLDataException(parameter + " is not a JSON array of objects: " + text, "22023");
        }
        return (List<Map<String, Object>>) v;
    }

    private static Object parse(String parameter, String text) throws SQLException {
        if (text == null) {
            throw new SQLDataException(parameter + " is required", "22023");
        }
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            Object v = value(p);
            if (p.nextToken() != null) {
                throw new IOException("text follows the value");
            }
            return v;
        } catch (IOException e) {
            throw new SQLDataException(parameter + " is not valid JSON: " + e.getMessage(), "22023", e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("no value");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    private static String requiredString(Map<String, Object> m, String field) throws SQLException {
        if (!(m.get(field) instanceof String s) || s.isBlank()) {
            throw new SQLDataException("spec needs the string field " + field, "22023");
        }
        return s;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    private static ParameterSpec in(String name, String remarks) {
        return new ParameterSpec(name, ParameterMode.IN, JDBCType.VARCHAR, true, null, remarks);
    }
}
