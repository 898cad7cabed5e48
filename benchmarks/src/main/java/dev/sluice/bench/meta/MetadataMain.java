package dev.sluice.bench.meta;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every {@link DatabaseMetaData} call that returns rows, timed with Sluice and with Databricks' own JDBC driver
 * (SEA mode) on one local warehouse in one run. The warehouse gets two extra catalogs with two schemas of four
 * tables each (scalars, ARRAY, MAP, STRUCT, a primary key and a foreign key) next to {@code main}. Each call is
 * run once with each driver to warm up, then {@code repetitions} times alternating which driver goes first; a
 * call reads every column of every row. The table printed has the medians, their ratio and both row counts (a
 * call that is fast because it returns nothing shows up there).
 *
 * <p>Usage: {@code MetadataMain [repetitions [call name prefix ...]]} (default 5 repetitions, every call).
 */
public final class MetadataMain {

    private static final List<String> CATALOGS = List.of("bench_a", "bench_b");
    private static final List<String> SCHEMAS = List.of("sales", "ops");

    private MetadataMain() {
    }

    /** One metadata call, run against a connection's DatabaseMetaData. */
    interface Call {
        ResultSet run(DatabaseMetaData md) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("sluice-metadata-bench");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).start()) {
            System.out.printf(Locale.ROOT, "warehouse at %s started in %d ms%n", w.baseUrl(),
                    w.startupTime().toMillis());
            Driver sluiceDriver = new SluiceDriver();
            Driver officialDriver = new com.databricks.client.jdbc.Driver();
            try (Connection sluice = sluiceDriver.connect(w.jdbcUrl(), new Properties());
                    Connection official = officialDriver.connect(w.jdbcUrl()
                            + ";UseThriftClient=0;EnableTelemetry=0;EnableQueryResultLZ4Compression=1",
                            new Properties())) {
                populate(sluice);
                Map<String, Call> calls = calls();
                List<String> wanted = List.of(args).subList(Math.min(1, args.length), args.length);
                if (!wanted.isEmpty()) {
                    calls.keySet().removeIf(name -> wanted.stream().noneMatch(name::startsWith));
                }
                System.out.printf(Locale.ROOT, "%d calls, %d repetitions each, medians in ms%n%n", calls.size(),
                        repetitions);
                System.out.println("| call | Sluice ms | official ms | ratio | Sluice rows | official rows |");
                System.out.println("|---|---:|---:|---:|---:|---:|");
                for (Map.Entry<String, Call> e : calls.entrySet()) {
                    measure(e.getKey(), e.getValue(), sluice.getMetaData(), official.getMetaData(), repetitions);
                }
            }
        }
    }

    static void populate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String catalog : CATALOGS) {
                s.execute("CREATE CATALOG IF NOT EXISTS " + catalog);
                for (String schema : SCHEMAS) {
                    String ns = catalog + "." + schema;
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + ns);
                    s.execute("CREATE TABLE IF NOT EXISTS " + ns + ".customers (id BIGINT NOT NULL, name STRING,"
                            + " born DATE, balance DECIMAL(12,2), seen TIMESTAMP, CONSTRAINT customers_pk"
                            + " PRIMARY KEY (id)) USING DELTA");
                    s.execute("CREATE TABLE IF NOT EXISTS " + ns + ".orders (id BIGINT NOT NULL, customer_id BIGINT,"
                            + " tags ARRAY<STRING>, attributes MAP<STRING, INT>, address STRUCT<street: STRING,"
                            + " zip: INT>, CONSTRAINT orders_pk PRIMARY KEY (id), CONSTRAINT orders_customer FOREIGN"
                            + " KEY (customer_id) REFERENCES " + ns + ".customers (id)) USING DELTA");
                    s.execute("CREATE TABLE IF NOT EXISTS " + ns + ".events (ts TIMESTAMP_NTZ, kind STRING,"
                            + " payload BINARY, score DOUBLE, ok BOOLEAN) USING DELTA");
                    s.execute("CREATE OR REPLACE VIEW " + ns + ".big_customers AS SELECT id, name FROM " + ns
                            + ".customers WHERE balance > 1000");
                }
            }
        }
    }

    /** Every call that returns rows; the arguments are the ones a tool's tree or completion would pass. */
    static Map<String, Call> calls() {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("getCatalogs()", DatabaseMetaData::getCatalogs);
        calls.put("getSchemas()", DatabaseMetaData::getSchemas);
        calls.put("getSchemas(bench_a, %)", md -> md.getSchemas("bench_a", "%"));
        calls.put("getSchemas(null, sal%)", md -> md.getSchemas(null, "sal%"));
        calls.put("getTableTypes()", DatabaseMetaData::getTableTypes);
        calls.put("getTables(null, null, null, null)", md -> md.getTables(null, null, null, null));
        calls.put("getTables(bench_a, sales, %, null)", md -> md.getTables("bench_a", "sales", "%", null));
        calls.put("getTables(null, %, ord%, [TABLE])",
                md -> md.getTables(null, "%", "ord%", new String[] {"TABLE"}));
        calls.put("getColumns(bench_a, sales, orders, %)", md -> md.getColumns("bench_a", "sales", "orders", "%"));
        calls.put("getColumns(bench_a, %, %, %)", md -> md.getColumns("bench_a", "%", "%", "%"));
        calls.put("getColumns(null, null, customers, null)", md -> md.getColumns(null, null, "customers", null));
        calls.put("getPrimaryKeys(bench_a, sales, orders)", md -> md.getPrimaryKeys("bench_a", "sales", "orders"));
        calls.put("getImportedKeys(bench_a, sales, orders)",
                md -> md.getImportedKeys("bench_a", "sales", "orders"));
        calls.put("getExportedKeys(bench_a, sales, customers)",
                md -> md.getExportedKeys("bench_a", "sales", "customers"));
        calls.put("getCrossReference(bench_a.sales.customers, .orders)",
                md -> md.getCrossReference("bench_a", "sales", "customers", "bench_a", "sales", "orders"));
        calls.put("getIndexInfo(bench_a, sales, orders)",
                md -> md.getIndexInfo("bench_a", "sales", "orders", false, true));
        calls.put("getTablePrivileges(bench_a, sales, %)", md -> md.getTablePrivileges("bench_a", "sales", "%"));
        calls.put("getColumnPrivileges(bench_a, sales, orders, %)",
                md -> md.getColumnPrivileges("bench_a", "sales", "orders", "%"));
        calls.put("getBestRowIdentifier(bench_a, sales, orders)",
                md -> md.getBestRowIdentifier("bench_a", "sales", "orders", DatabaseMetaData.bestRowSession, true));
        calls.put("getVersionColumns(bench_a, sales, orders)", md -> md.getVersionColumns("bench_a", "sales", "orders"));
        calls.put("getPseudoColumns(bench_a, sales, orders, %)",
                md -> md.getPseudoColumns("bench_a", "sales", "orders", "%"));
        calls.put("getFunctions(null, null, %)", md -> md.getFunctions(null, null, "%"));
        calls.put("getFunctions(main, default, a%)", md -> md.getFunctions("main", "default", "a%"));
        calls.put("getFunctionColumns(main, default, abs, %)", md -> md.getFunctionColumns("main", "default", "abs", "%"));
        calls.put("getProcedures(null, null, %)", md -> md.getProcedures(null, null, "%"));
        calls.put("getProcedureColumns(null, null, %, %)", md -> md.getProcedureColumns(null, null, "%", "%"));
        calls.put("getTypeInfo()", DatabaseMetaData::getTypeInfo);
        calls.put("getClientInfoProperties()", DatabaseMetaData::getClientInfoProperties);
        calls.put("getUDTs(null, null, %, null)", md -> md.getUDTs(null, null, "%", null));
        calls.put("getSuperTypes(null, null, %)", md -> md.getSuperTypes(null, null, "%"));
        calls.put("getSuperTables(null, null, %)", md -> md.getSuperTables(null, null, "%"));
        calls.put("getAttributes(null, null, %, %)", md -> md.getAttributes(null, null, "%", "%"));
        return calls;
    }

    private static void measure(String name, Call call, DatabaseMetaData sluice, DatabaseMetaData official,
                                int repetitions) {
        Timing s = new Timing();
        Timing o = new Timing();
        s.time(call, sluice);
        o.time(call, official);
        s.times.clear();
        o.times.clear();
        for (int i = 0; i < repetitions; i++) {
            // alternate which driver goes first, so a trend in the machine's load falls on both
            if (i % 2 == 0) {
                s.time(call, sluice);
                o.time(call, official);
            } else {
                o.time(call, official);
                s.time(call, sluice);
            }
        }
        double sm = s.median();
        double om = o.median();
        String ratio = Double.isNaN(sm) || Double.isNaN(om) || om == 0 ? "-"
                : String.format(Locale.ROOT, "%.2f", sm / om);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name, s.shown(sm), o.shown(om), ratio,
                s.rows(), o.rows());
    }

    /** One driver's times for one call; a call that fails records its SQLState instead. */
    private static final class Timing {
        final List<Long> times = new ArrayList<>();
        int rows = -1;
        String failure;

        void time(Call call, DatabaseMetaData md) {
            long start = System.nanoTime();
            try {
                int n = readAll(call, md);
                times.add(System.nanoTime() - start);
                rows = n;
            } catch (SQLException | RuntimeException e) {
                failure = e instanceof SQLException se ? "error " + se.getSQLState() : e.getClass().getSimpleName();
            }
        }

        double median() {
            if (times.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            int n = sorted.size();
            double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
            return m / 1e6;
        }

        String shown(double median) {
            return Double.isNaN(median) ? failure : String.format(Locale.ROOT, "%.1f", median);
        }

        String rows() {
            return rows < 0 ? "-" : Integer.toString(rows);
        }
    }

    /** Runs {@code call} and reads every column of every row, as a tool would; the number of rows. */
    static int readAll(Call call, DatabaseMetaData md) throws SQLException {
        try (ResultSet rs = call.run(md)) {
            int n = 0;
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                n++;
            }
            return n;
        }
    }
}
