package dev.sluice.jdbc.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * An in-process workspace for {@code Simulation=mock}: a connection opened with {@code SimulationMock=<name>}
 * sends every REST exchange here instead of to a socket. SQL is answered by the rules a test registers (first
 * registered match wins); job runs move PENDING, RUNNING, TERMINATED on a virtual clock (one step per
 * {@link #advance()}, or per poll of the run). Register rules before or after connecting: they are read at each
 * request.
 */
public final class MockWorkspace {
    private static final Map<String, MockWorkspace> NAMED = new ConcurrentHashMap<>();

    private final String name;
    private final List<SqlRule> sqlRules = new CopyOnWriteArrayList<>();
    private final List<RunRule> runRules = new CopyOnWriteArrayList<>();
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> tables = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile boolean stepPerPoll = true;
    private volatile long ticks;

    private MockWorkspace(String name) {
        this.name = name;
    }

    /** The mock of that name, made on first use. */
    public static MockWorkspace named(String name) {
        Objects.requireNonNull(name, "name is null");
        return NAMED.computeIfAbsent(name, MockWorkspace::new);
    }

    /** The mock of that name, or null when none was made. */
    public static MockWorkspace find(String name) {
        return name == null ? null : NAMED.get(name);
    }

    /** Forgets the mock of that name (a later {@link #named} makes a fresh one). */
    public static void remove(String name) {
        NAMED.remove(name);
    }

    public String name() {
        return name;
    }

    /** A JDBC URL whose connections are answered by this mock. */
    public String jdbcUrl() {
        return "jdbc:databricks://mock.invalid:443/default;httpPath=/sql/1.0/warehouses/mock;AuthMech=3;UID=token"
                + ";PWD=mock;Simulation=mock;SimulationMock=" + name;
    }

    /** A rule for the statements matching the regular expression (the whole text, case-insensitive, trimmed). */
    public SqlRule onSql(String regex) {
        SqlRule rule = new SqlRule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL), regex);
        sqlRules.add(rule);
        return rule;
    }

    /** A rule for exactly this statement text (trimmed). */
    public SqlRule onExactSql(String text) {
        return onSql(Pattern.quote(text.strip()));
    }

    /** A script for the runs whose run name (or, for run-now, {@code job <id>}) matches the regular expression. */
    public RunRule onRun(String regex) {
        RunRule rule = new RunRule(Pattern.compile(regex, Pattern.DOTALL), regex);
        runRules.add(rule);
        return rule;
    }

    /**
     * Declares a Delta table of the Unity Catalog model: its catalog and schema exist from then on, and the
     * catalog, schema and table endpoints list and describe them. No SQL rule is made for it.
     *
     * @param fullName {@code catalog.schema.table}
     * @param columns {@code "name TYPE"} each
     */
    public MockWorkspace table(String fullName, String... columns) {
        if (fullName == null || fullName.split("\\.", -1).length != 3) {
            throw new IllegalArgumentException("table name '" + fullName + "' is not catalog.schema.table");
        }
        tables.put(fullName, List.of(columns));
        return this;
    }

    /** The declared tables, by full name, with their {@code "name TYPE"} columns. */
    public Map<String, List<String>> tables() {
        return Map.copyOf(tables);
    }

    /** Moves the virtual clock one step: every active run advances one life-cycle state. */
    public MockWorkspace advance() {
        ticks++;
        return this;
    }

    /** Whether each poll of a run ({@code runs/get}) also advances it one step; on by default. */
    public MockWorkspace stepPerPoll(boolean on) {
        this.stepPerPoll = on;
        return this;
    }

    /** The statements received, in order. */
    public List<String> executed() {
        return List.copyOf(executed);
    }

    /** Drops every rule and the statement log. */
    public MockWorkspace reset() {
        sqlRules.clear();
        runRules.clear();
        executed.clear();
        tables.clear();
        return this;
    }

    // read by the driver's mock seam

    /** The first rule matching {@code sql}, after logging it; null when none does. */
    public SqlRule answer(String sql) {
        executed.add(sql);
        String text = sql.strip();
        for (SqlRule rule : sqlRules) {
            if (rule.pattern.matcher(text).matches()) {
                return rule;
            }
        }
        return null;
    }

    /** The patterns registered, for a message about an unmatched statement. */
    public List<String> sqlPatterns() {
        return sqlRules.stream().map(r -> r.source).toList();
    }

    /** The script for a run of that name, or a default one (succeeds with no output). */
    public RunRule script(String runName) {
        for (RunRule rule : runRules) {
            if (rule.pattern.matcher(runName).matches()) {
                return rule;
            }
        }
        return new RunRule(null, "(default)");
    }

    public boolean stepsPerPoll() {
        return stepPerPoll;
    }

    public long ticks() {
        return ticks;
    }

    /** How a matched statement is answered: rows, an update count or a failure, after an optional latency. */
    public static final class SqlRule {
        private final Pattern pattern;
        private final String source;
        private volatile List<String> columns = List.of();
        private volatile List<List<Object>> rows = List.of();
        private volatile Long updateCount;
        private volatile String[] failure;
        private volatile Duration latency = Duration.ZERO;

        private SqlRule(Pattern pattern, String source) {
            this.pattern = pattern;
            this.source = source;
        }

        /**
         * Answers with rows.
         *
         * @param columns {@code "name TYPE"} each, TYPE a Databricks type name (STRING, BIGINT, INT, DOUBLE,
         *     BOOLEAN, DATE, TIMESTAMP, DECIMAL(p,s), ...)
         * @param rows the values, in column order; null for SQL NULL
         */
        public SqlRule returns(List<String> columns, List<List<Object>> rows) {
            this.columns = List.copyOf(columns);
            List<List<Object>> copy = new ArrayList<>();
            rows.forEach(row -> copy.add(new ArrayList<>(row)));
            this.rows = copy;
            return this;
        }

        /** Answers with rows; see {@link #returns(List, List)}. */
        public SqlRule returns(String[] columns, Object[]... rows) {
            return returns(Arrays.asList(columns), Arrays.stream(rows).map(Arrays::asList).toList());
        }

        /** Answers as DML does: the statement's update count. */
        public SqlRule updates(long count) {
            this.updateCount = count;
            return this;
        }

        /** Fails as the warehouse does (statement state FAILED) with that SQLSTATE, error class and message. */
        public SqlRule fails(String sqlState, String errorClass, String message) {
            this.failure = new String[] {sqlState, errorClass, message};
            return this;
        }

        /** Waits this long before answering. */
        public SqlRule after(Duration latency) {
            this.latency = Objects.requireNonNull(latency);
            return this;
        }

        public List<String> columns() {
            return columns;
        }

        public List<List<Object>> rows() {
            return rows;
        }

        /** The update count, or null when the rule answers rows or fails. */
        public Long updateCount() {
            return updateCount;
        }

        /** {sqlState, errorClass, message}, or null when the rule does not fail. */
        public String[] failure() {
            return failure == null ? null : failure.clone();
        }

        public Duration latency() {
            return latency;
        }

        public String pattern() {
            return source;
        }
    }

    /** How matching runs end: result state, notebook output or error; steps spent PENDING and RUNNING. */
    public static final class RunRule {
        private final Pattern pattern;
        private final String source;
        private volatile String resultState = "SUCCESS";
        private volatile String result;
        private volatile String error;
        private volatile int pendingSteps = 1;
        private volatile int runningSteps = 1;

        private RunRule(Pattern pattern, String source) {
            this.pattern = pattern;
            this.source = source;
        }

        /** Ends TERMINATED/SUCCESS with that {@code notebook_output.result}. */
        public RunRule succeeds(String notebookResult) {
            this.resultState = "SUCCESS";
            this.result = notebookResult;
            this.error = null;
            return this;
        }

        /** Ends TERMINATED/FAILED with that error as the task's output. */
        public RunRule fails(String errorMessage) {
            this.resultState = "FAILED";
            this.error = errorMessage;
            this.result = null;
            return this;
        }

        /** Clock steps spent PENDING, then RUNNING, before the run terminates. */
        public RunRule steps(int pending, int running) {
            if (pending < 0 || running < 0) {
                throw new IllegalArgumentException("steps must not be negative: " + pending + ", " + running);
            }
            this.pendingSteps = pending;
            this.runningSteps = running;
            return this;
        }

        public String resultState() {
            return resultState;
        }

        public String result() {
            return result;
        }

        public String error() {
            return error;
        }

        public int pendingSteps() {
            return pendingSteps;
        }

        public int runningSteps() {
            return runningSteps;
        }

        public String pattern() {
            return source;
        }
    }
}
