package dev.sluice.jdbc.procedures;

import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureCall;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureProvider;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import dev.sluice.jdbc.procedure.ResultColumn;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The driver tests' procedure provider, registered in the test class path's META-INF/services: small procedures
 * that record what they were called with and answer with OUT values, rows or an open result set.
 */
public final class TestProcedures implements ProcedureProvider {
    /** The IN values of every call of {@code counts}, in order. */
    public static final List<Map<String, Object>> COUNTS_CALLS = new CopyOnWriteArrayList<>();

    private static final String[] TYPED = {"s", "n", "i", "b", "d", "m", "ts", "dt"};
    private static final JDBCType[] TYPES = {JDBCType.VARCHAR, JDBCType.BIGINT, JDBCType.INTEGER, JDBCType.BOOLEAN,
        JDBCType.DOUBLE, JDBCType.DECIMAL, JDBCType.TIMESTAMP, JDBCType.DATE};

    @Override
    public List<ProcedureSpec> procedures() {
        return List.of(counts(), typed(), query(), failing(), broken());
    }

    private static ParameterSpec in(String name, JDBCType type, boolean required, Object defaultValue) {
        return new ParameterSpec(name, ParameterMode.IN, type, required, defaultValue, "the " + name);
    }

    private static ParameterSpec out(String name, JDBCType type) {
        return new ParameterSpec(name, ParameterMode.OUT, type, false, null, "the " + name);
    }

    /** Merge-like counts: affected = 4 * factor, updated = factor, deleted = 2 * factor, inserted = factor. */
    private static ProcedureSpec counts() {
        return new ProcedureSpec("counts", "Counts like a merge's, from the factor",
                List.of(in("table_name", JDBCType.VARCHAR, true, null), in("factor", JDBCType.BIGINT, false, 2L),
                        out("affected", JDBCType.BIGINT), out("updated", JDBCType.BIGINT),
                        out("deleted", JDBCType.BIGINT), out("inserted", JDBCType.BIGINT)),
                false, TestProcedures::countsBody);
    }

    private static ProcedureOutcome countsBody(ProcedureCall call) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("table_name", call.string("table_name"));
        in.put("factor", call.longValue("factor"));
        COUNTS_CALLS.add(in);
        long f = call.longValue("factor") == null ? 0 : call.longValue("factor");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("affected", 4 * f);
        out.put("updated", f);
        out.put("deleted", 2 * f);
        out.put("inserted", f);
        return ProcedureOutcome.out(out);
    }

    /** One row per typed IN parameter: its name, the Java class the body received and the value as text. */
    private static ProcedureSpec typed() {
        List<ParameterSpec> params = new ArrayList<>();
        for (int i = 0; i < TYPED.length; i++) {
            params.add(in(TYPED[i], TYPES[i], false, null));
        }
        params.add(out("given", JDBCType.INTEGER));
        return new ProcedureSpec("typed", "Shows the converted IN values", params, true, call -> {
            List<List<Object>> rows = new ArrayList<>();
            int given = 0;
            for (String name : TYPED) {
                Object v = call.value(name);
                given += v == null ? 0 : 1;
                rows.add(java.util.Arrays.asList(name, v == null ? null : v.getClass().getName(),
                        v == null ? null : v.toString()));
            }
            return ProcedureOutcome.rows(List.of(new ResultColumn("name", JDBCType.VARCHAR),
                    new ResultColumn("java_class", JDBCType.VARCHAR), new ResultColumn("value", JDBCType.VARCHAR)),
                    rows).withOut(Map.of("given", given));
        });
    }

    /** Runs a query on the calling connection and hands its open result over. */
    private static ProcedureSpec query() {
        return new ProcedureSpec("query", "Runs a query on the caller's connection",
                List.of(in("sql", JDBCType.VARCHAR, true, null)), true,
                call -> ProcedureOutcome.resultSet(call.connection().createStatement().executeQuery(call.string("sql"))));
    }

    /** A provider bug: reads a parameter it does not have. */
    private static ProcedureSpec broken() {
        return new ProcedureSpec("broken", "Reads a parameter it does not declare", List.of(), false,
                call -> ProcedureOutcome.out(Map.of("x", call.value("nope"))));
    }

    /** Fails the way a DAO operation on a missing table does. */
    private static ProcedureSpec failing() {
        return new ProcedureSpec("failing", "Always fails with 42P01", List.of(), false, call -> {
            throw new SQLException("[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.", "42P01");
        });
    }
}
