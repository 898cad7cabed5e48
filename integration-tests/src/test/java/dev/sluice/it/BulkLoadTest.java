package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.dao.delta.BulkLoadResult;
import dev.sluice.dao.delta.BulkOptions;
import dev.sluice.dao.delta.BulkRows;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.TableName;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.files.DirectoryEntry;
import dev.sluice.testing.arrow.ArrowChunks;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk loads end to end on the local warehouse: rows written as Parquet by the DAO, staged through the Files API,
 * loaded by COPY INTO / INSERT OVERWRITE / MERGE over read_files, read back through JDBC cell by cell; the staging
 * directory is empty afterwards, and a load whose answer is lost (the warehouse drops the connection after running
 * COPY INTO) is in the table once.
 */
@ExtendWith(LocalWarehouseExtension.class)
class BulkLoadTest {

    private static final String SUBMIT = "\"method\":\"POST\",\"path\":\"/api/2.0/sql/statements/?$\"";

    private final LocalWarehouse warehouse;
    private final RestClient rest;
    private final String schema = "bulk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String staging = "/Volumes/main/" + schema + "/stage/loads";
    private Connection connection;

    BulkLoadTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @BeforeEach
    void createSchemaAndVolume() throws SQLException {
        connection = DriverManager.getConnection(warehouse.jdbcUrl());
        sql("CREATE SCHEMA main." + schema);
        sql("CREATE VOLUME main." + schema + ".stage");
    }

    @AfterEach
    void drop() throws SQLException {
        rest.delete("/sluice/faults");
        sql("DROP VOLUME IF EXISTS main." + schema + ".stage");
        sql("DROP SCHEMA main." + schema + " CASCADE");
        connection.close();
    }

    private void sql(String text) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(text);
        }
    }

    private DeltaTable table(String name) {
        return DeltaTable.of(connection, TableName.of("main", schema, name));
    }

    /** What is left under the staging directory (nothing, after any load); null when it was never created. */
    private List<String> staged() throws Exception {
        try (Stream<DirectoryEntry> s = connection.unwrap(SluiceWorkspace.class).files().list(staging)) {
            return s.map(DirectoryEntry::path).toList();
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof dev.sluice.jdbc.WorkspaceException w && w.httpStatus() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static final String COLUMNS = "id BIGINT, i INT, s STRING, d DOUBLE, b BOOLEAN, dec DECIMAL(18,2),"
            + " big DECIMAL(38,10), small DECIMAL(5,1), ts TIMESTAMP, ntz TIMESTAMP_NTZ, dt DATE, bin BINARY,"
            + " arr ARRAY<INT>, st STRUCT<x: INT, y: STRING>, m MAP<STRING, BIGINT>, ti TINYINT, si SMALLINT, f FLOAT";

    private static Object[] row(int r) {
        boolean nulls = r % 9 == 4;
        if (nulls) {
            return new Object[] {(long) r, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null};
        }
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("x", r);
        struct.put("y", r % 2 == 0 ? "y" + r : null);
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("k" + r, (long) r * 3);
        return new Object[] {
            r == 0 ? Long.MIN_VALUE : r == 1 ? Long.MAX_VALUE : (long) r,
            r % 3 == 0 ? Integer.MIN_VALUE : r,
            "s-" + r + (r % 5 == 0 ? " ünï ✓" : ""),
            r * 1.25 - 7,
            r % 2 == 0,
            new BigDecimal(r * 7L).movePointLeft(2).negate(),
            new BigDecimal("12345678901234567890.0123456789").add(BigDecimal.valueOf(r)),
            new BigDecimal("-9999.9"),
            Instant.parse("2024-02-29T23:59:59.123456Z").plusSeconds(r * 3601L),
            LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000).plusMinutes(r),
            LocalDate.of(1970, 1, 1).plusDays(r * 37L - 400),
            new byte[] {(byte) r, 0, (byte) 0xff},
            r % 4 == 0 ? List.of() : Arrays.asList(r, null, -r),
            struct,
            map,
            (byte) (r - 128),
            (short) (r * 37 - 32768),
            r * 0.5f + 0.25f};
    }

    private static final List<String> NAMES = List.of("id", "i", "s", "d", "b", "dec", "big", "small", "ts", "ntz",
            "dt", "bin", "arr", "st", "m", "ti", "si", "f");

    @Test
    void everyTypeRoundTripsCellForCellAndTheStagedFilesAreGone() throws Exception {
        sql("CREATE TABLE main." + schema + ".all_types (" + COLUMNS + ")");
        int n = 1000;
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(row(r));
        }
        BulkLoadResult result = table("all_types").bulkAppend(BulkRows.ofArrays(NAMES, rows.iterator()),
                BulkOptions.staging(staging).fileSize(400, 1 << 20));

        assertThat(result.rows()).isEqualTo(n);
        assertThat(result.rowsLoaded()).isEqualTo(n);
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.bytes()).isPositive();
        assertThat(result.loadAttempts()).isEqualTo(1);
        assertThat(staged()).isEmpty();
        assertAllTypes("all_types", rows);
    }

    /** The Arrow form of {@link #COLUMNS}, as Arrow Java writes it (Spark's list, map and struct layouts). */
    private static final List<Field> ARROW_FIELDS = List.of(ArrowChunks.field("id", ArrowChunks.BIGINT),
            ArrowChunks.field("i", ArrowChunks.INT), ArrowChunks.field("s", ArrowChunks.UTF8),
            ArrowChunks.field("d", ArrowChunks.DOUBLE), ArrowChunks.field("b", ArrowChunks.BOOL),
            ArrowChunks.field("dec", ArrowChunks.decimal(18, 2)), ArrowChunks.field("big", ArrowChunks.decimal(38, 10)),
            ArrowChunks.field("small", ArrowChunks.decimal(5, 1)), ArrowChunks.field("ts", ArrowChunks.timestamp("UTC")),
            ArrowChunks.field("ntz", ArrowChunks.TIMESTAMP_NTZ), ArrowChunks.field("dt", ArrowChunks.DATE),
            ArrowChunks.field("bin", ArrowChunks.BINARY),
            ArrowChunks.list("arr", ArrowChunks.field("element", ArrowChunks.INT)),
            ArrowChunks.struct("st", ArrowChunks.field("x", ArrowChunks.INT), ArrowChunks.field("y", ArrowChunks.UTF8)),
            ArrowChunks.map("m", ArrowChunks.UTF8, ArrowChunks.field("value", ArrowChunks.BIGINT)),
            ArrowChunks.field("ti", ArrowChunks.TINYINT), ArrowChunks.field("si", ArrowChunks.SMALLINT),
            ArrowChunks.field("f", ArrowChunks.FLOAT));

    /** Arrow IPC stream bytes of the rows, written by Arrow Java, in record batches of {@code batch} rows. */
    private static byte[] arrow(List<Object[]> rows, int batch) {
        ArrowChunks.Builder b = ArrowChunks.builder(ARROW_FIELDS);
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0 && r % batch == 0) {
                b.endBatch();
            }
            b.row(rows.get(r));
        }
        return b.toBytes();
    }

    @Test
    void arrowBatchesRoundTripEveryTypeThroughAppendOverwriteAndMerge() throws Exception {
        sql("CREATE TABLE main." + schema + ".from_arrow (" + COLUMNS + ")");
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 700; r++) {
            rows.add(row(r));
        }
        BulkOptions options = BulkOptions.staging(staging).fileSize(300, 1 << 20);
        BulkLoadResult appended = table("from_arrow").bulkAppend(
                BulkRows.ofArrow(new ByteArrayInputStream(arrow(rows, 128))), options);
        assertThat(appended.rows()).isEqualTo(700);
        assertThat(appended.files()).isEqualTo(3);
        assertAllTypes("from_arrow", rows);

        // Overwrite with the first 500 rows, then merge rows 400..699 back in: every row once, values exact.
        table("from_arrow").bulkOverwrite(BulkRows.ofArrow(new ByteArrayInputStream(arrow(rows.subList(0, 500), 64))),
                options);
        assertAllTypes("from_arrow", rows.subList(0, 500));
        BulkLoadResult merged = table("from_arrow").bulkMerge(
                BulkRows.ofArrow(new ByteArrayInputStream(arrow(rows.subList(400, 700), 100))), List.of("id"), options);
        assertThat(merged.rows()).isEqualTo(300);
        assertAllTypes("from_arrow", rows);
        assertThat(staged()).isEmpty();
    }

    @Test
    void anArrowStreamThatIsNotOneIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> BulkRows.ofArrow(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22000"))
                .hasMessageContaining("Arrow IPC stream");
        assertThatThrownBy(() -> BulkRows.ofArrow(new ByteArrayInputStream(new byte[0])))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22000"))
                .hasMessageContaining("no schema");
    }

    /** The table holds exactly these rows (by id), cell for cell through SQL. */
    private void assertAllTypes(String tableName, List<Object[]> rows) throws SQLException {
        String query = "SELECT id, i, s, d, b, dec, big, small, ts, ntz, dt, bin, size(arr), get(arr, 0), get(arr, 1), get(arr, 2),"
                + " st.x, st.y, get(map_values(m), 0), size(m), ti, si, f FROM main." + schema
                + "." + tableName + " ORDER BY id";
        List<Object[]> expected = new ArrayList<>(rows);
        expected.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            for (Object[] e : expected) {
                assertThat(rs.next()).isTrue();
                String at = "row id " + e[0];
                assertThat(rs.getLong(1)).as(at).isEqualTo(e[0]);
                assertThat(rs.getObject(2)).as(at).isEqualTo(e[1]);
                assertThat(rs.getString(3)).as(at).isEqualTo(e[2]);
                assertThat(rs.getObject(4)).as(at).isEqualTo(e[3]);
                assertThat(rs.getObject(5)).as(at).isEqualTo(e[4]);
                assertThat(rs.getBigDecimal(6)).as(at).isEqualTo(e[5]);
                assertThat(rs.getBigDecimal(7)).as(at).isEqualTo(e[6]);
                assertThat(rs.getBigDecimal(8)).as(at).isEqualTo(e[7]);
                assertThat(rs.getObject(9, Instant.class)).as(at).isEqualTo(e[8]);
                assertThat(rs.getObject(10, LocalDateTime.class)).as(at).isEqualTo(e[9]);
                assertThat(rs.getObject(11, LocalDate.class)).as(at).isEqualTo(e[10]);
                assertThat(rs.getBytes(12)).as(at).isEqualTo(e[11]);
                assertThat(rs.getObject(21)).as(at).isEqualTo(e[15]);
                assertThat(rs.getObject(22)).as(at).isEqualTo(e[16]);
                assertThat(rs.getObject(23)).as(at).isEqualTo(e[17]);
                if (e[12] == null) {
                    assertThat(rs.getObject(13)).as(at).isIn(null, -1);
                    assertThat(rs.getObject(17)).as(at).isNull();
                    assertThat(rs.getObject(19)).as(at).isNull();
                    continue;
                }
                List<?> arr = (List<?>) e[12];
                assertThat(rs.getInt(13)).as(at).isEqualTo(arr.size());
                for (int k = 0; k < 3; k++) {
                    assertThat(rs.getObject(14 + k)).as(at + " arr[" + k + "]")
                            .isEqualTo(k < arr.size() ? arr.get(k) : null);
                }
                Map<?, ?> st = (Map<?, ?>) e[13];
                assertThat(rs.getObject(17)).as(at).isEqualTo(st.get("x"));
                assertThat(rs.getObject(18)).as(at).isEqualTo(st.get("y"));
                Map<?, ?> m = (Map<?, ?>) e[14];
                assertThat(rs.getObject(19)).as(at).isEqualTo(m.values().iterator().next());
                assertThat(rs.getInt(20)).as(at).isEqualTo(1);
            }
            assertThat(rs.next()).isFalse();
        }
    }

    private record Account(long id, String owner, BigDecimal balance) {
    }

    @Test
    void bulkMergeUpsertsAndBulkOverwriteReplaces() throws Exception {
        sql("CREATE TABLE main." + schema + ".accounts (id BIGINT, owner STRING, balance DECIMAL(18,2))");
        List<Account> first = new ArrayList<>();
        for (long id = 1; id <= 100; id++) {
            first.add(new Account(id, "old-" + id, BigDecimal.valueOf(id, 2)));
        }
        table("accounts").bulkAppend(BulkRows.ofRecords(Account.class, first), BulkOptions.staging(staging));
        List<Account> second = new ArrayList<>();
        for (long id = 51; id <= 150; id++) {
            second.add(new Account(id, "new-" + id, BigDecimal.valueOf(-id, 2)));
        }

        BulkLoadResult merged = table("accounts").bulkMerge(BulkRows.ofRecords(Account.class, second),
                List.of("id"), BulkOptions.staging(staging).fileSize(30, 1 << 20));

        assertThat(merged.files()).isEqualTo(4);
        assertThat(merged.rowsLoaded()).isEqualTo(100);
        assertThat(staged()).isEmpty();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*),"
                + " count_if(owner = 'old-' || id AND balance = id / 100.0),"
                + " count_if(owner = 'new-' || id AND balance = -id / 100.0) FROM main." + schema + ".accounts")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(150);
            assertThat(rs.getLong(2)).isEqualTo(50);
            assertThat(rs.getLong(3)).isEqualTo(100);
        }

        // the overwrite reads its rows from a result set: the merged table's top ten
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT id, upper(owner) AS"
                + " owner, balance FROM main." + schema + ".accounts ORDER BY id DESC LIMIT 10")) {
            table("accounts").bulkOverwrite(BulkRows.of(rs), BulkOptions.staging(staging));
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), min(id),"
                + " max(owner) FROM main." + schema + ".accounts")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10);
            assertThat(rs.getLong(2)).isEqualTo(141);
            assertThat(rs.getString(3)).isEqualTo("NEW-150");
        }
        assertThat(staged()).isEmpty();
    }

    @Test
    void aLoadWhoseAnswerIsLostIsInTheTableOnceAndSoIsALoadRetriedWithItsId() throws Exception {
        sql("CREATE TABLE main." + schema + ".events (id BIGINT, name STRING)");
        List<Object[]> rows = new ArrayList<>();
        for (long id = 0; id < 500; id++) {
            rows.add(new Object[] {id, "e" + id});
        }
        Iterator<Object[]> it = rows.iterator();
        // when the last row has been read, the next statement POST is the COPY INTO: it runs, and its answer is lost
        Iterator<Object[]> dropping = new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = it.hasNext();
                if (!more) {
                    assertThat(rest.post("/sluice/faults", "{\"action\":\"drop_after\"," + SUBMIT + ",\"count\":1}")
                            .status()).isEqualTo(200);
                }
                return more;
            }

            @Override
            public Object[] next() {
                return it.next();
            }
        };
        BulkOptions options = BulkOptions.staging(staging).loadId("events-batch-7").fileSize(200, 1 << 20);

        BulkLoadResult r = table("events").bulkAppend(BulkRows.ofArrays(List.of("id", "name"), dropping), options);

        assertThat(rest.get("/sluice/faults").body().path("rules").size()).as("the fault fired").isZero();
        assertThat(r.loadAttempts()).isEqualTo(2);
        // which of the two COPY INTOs took the files depends on timing (the first may still be queued when the
        // second arrives); the table holds them once, loaded by exactly one commit
        assertThat(r.rowsLoaded()).isIn(0L, 500L);
        assertThat(count("events")).isEqualTo(500);
        assertThat(writeCommits("events")).isEqualTo(1);
        assertThat(staged()).isEmpty();

        // the caller retries the same batch under the same id (say, after a crash): nothing is loaded twice
        BulkLoadResult again = table("events").bulkAppend(BulkRows.ofArrays(List.of("id", "name"), rows.iterator()),
                options);
        assertThat(again.files()).isEqualTo(3);
        assertThat(again.rowsLoaded()).isZero();
        assertThat(count("events")).isEqualTo(500);
        assertThat(staged()).isEmpty();
    }

    @Test
    void aLoadThatFailsLeavesNothingStaged() throws Exception {
        sql("CREATE TABLE main." + schema + ".narrow (id BIGINT, amount DECIMAL(5,2))");
        List<Object[]> rows = new ArrayList<>();
        for (long id = 0; id < 250; id++) {
            rows.add(new Object[] {id, new BigDecimal(id == 240 ? "1.005" : "1.25")});
        }

        assertThatThrownBy(() -> table("narrow").bulkAppend(BulkRows.ofArrays(List.of("id", "amount"),
                rows.iterator()), BulkOptions.staging(staging).fileSize(100, 1 << 20)))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("row 241").hasMessageContaining("amount").hasMessageContaining("1.005")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
        assertThat(staged()).as("files staged before the bad row are removed").isNullOrEmpty();
        assertThat(count("narrow")).isZero();

        // a failure on the server, after every file was staged: Delta refuses a MERGE whose source matches a row twice
        List<Object[]> twice = new ArrayList<>();
        for (long id = 0; id < 250; id++) {
            twice.add(new Object[] {id % 200, new BigDecimal("1.25")});
        }
        table("narrow").bulkAppend(BulkRows.ofArrays(List.of("id", "amount"), List.<Object[]>of(
                new Object[] {7L, BigDecimal.ONE}).iterator()), BulkOptions.staging(staging));
        assertThatThrownBy(() -> table("narrow").bulkMerge(BulkRows.ofArrays(List.of("id", "amount"),
                twice.iterator()), List.of("id"), BulkOptions.staging(staging).fileSize(100, 1 << 20)))
                .isInstanceOf(SQLException.class).hasMessageContaining("MULTIPLE_SOURCE_ROW");
        assertThat(staged()).as("the staging directory was used, and the load's files are removed").isEmpty();
        assertThat(count("narrow")).isEqualTo(1);
    }

    private long writeCommits(String name) throws SQLException {
        long n = 0;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE HISTORY main." + schema + "." + name)) {
            while (rs.next()) {
                n += "WRITE".equals(rs.getString("operation")) ? 1 : 0;
            }
        }
        return n;
    }

    private long count(String name) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM main." + schema + "." + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
