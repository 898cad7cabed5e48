package dev.sluice.jdbc.procedure;

import java.sql.ResultSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a body returns: OUT values by parameter name, and at most one result set, given either as an open
 * ResultSet (the driver hands it to the application and closes it with the statement) or as rows in memory
 * (the driver builds a forward-only ResultSet; values are Java objects matching the column types).
 */
public final class ProcedureOutcome {

    private static final ProcedureOutcome NONE = new ProcedureOutcome(Map.of(), null, null, null);

    private final Map<String, Object> outValues;
    private final ResultSet resultSet;
    private final List<ResultColumn> columns;
    private final List<List<Object>> rows;

    private ProcedureOutcome(Map<String, Object> outValues, ResultSet resultSet,
                             List<ResultColumn> columns, List<List<Object>> rows) {
        this.outValues = outValues;
        this.resultSet = resultSet;
        this.columns = columns;
        this.rows = rows;
    }

    /** No OUT values, no result set. */
    public static ProcedureOutcome none() {
        return NONE;
    }

    /** OUT values by parameter name (values may be null). */
    public static ProcedureOutcome out(Map<String, Object> outValues) {
        return new ProcedureOutcome(copy(outValues), null, null, null);
    }

    /** An open result set, closed by the driver with the statement. */
    public static ProcedureOutcome resultSet(ResultSet rs) {
        return new ProcedureOutcome(Map.of(), requireNonNull(rs, "rs is null"), null, null);
    }

    /** Rows in memory; each row has one value per column. */
    public static ProcedureOutcome rows(List<ResultColumn> columns, List<List<Object>> rows) {
        requireNonNull(columns, "columns is null");
        requireNonNull(rows, "rows is null");
        return new ProcedureOutcome(Map.of(), null, List.copyOf(columns),
                Collections.unmodifiableList(List.copyOf(rows)));
    }

    /** This outcome with OUT values added (e.g. counts next to rows). */
    public ProcedureOutcome withOut(Map<String, Object> outValues) {
        Map<String, Object> merged = new LinkedHashMap<>(this.outValues);
        merged.putAll(requireNonNull(outValues, "outValues is null"));
        return new ProcedureOutcome(Collections.unmodifiableMap(merged), resultSet, columns, rows);
    }

    /** OUT values by parameter name; never null. */
    public Map<String, Object> outValues() {
        return outValues;
    }

    /** The open result set; null if none. */
    public ResultSet resultSet() {
        return resultSet;
    }

    /** Columns of the rows; null unless {@link #rows(List, List)}. */
    public List<ResultColumn> columns() {
        return columns;
    }

    /** Rows in memory; null unless {@link #rows(List, List)}. */
    public List<List<Object>> rows() {
        return rows;
    }

    private static Map<String, Object> copy(Map<String, Object> values) {
        requireNonNull(values, "outValues is null");
        // LinkedHashMap, not Map.copyOf: OUT values may be SQL NULL
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
