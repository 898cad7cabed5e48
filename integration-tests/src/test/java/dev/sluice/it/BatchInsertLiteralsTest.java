package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch INSERT whose rows go mostly into the statement text as literals ({@code BatchInsertLiterals=1}, the
 * default) stores the same values, of the same types, as the parameterised path ({@code BatchInsertLiterals=0}):
 * every column type, NULLs of each type, and strings built to break out of a literal. Each row also stores
 * {@code typeof} of every value as the server saw it, so a literal of another type than its parameter shows.
 */
@ExtendWith(LocalWarehouseExtension.class)
class BatchInsertLiteralsTest {

    private static final String[] HOSTILE = {"it's", "back\\slash", "\\'); DROP TABLE x; --", "line\nbreak\r\n\tend",
        "${env:HOME}", "${spark.app.name}", "$1 {}", "\u00e9\u4e2d\ud83d\ude00", "? :name /* -- */", "\"dq\" `bq`",
        "nul\u0000ctl\u0007", "''", "\\", "'", "plain"};
    private static final int DISTINCT = 40;
    private static final int COLUMNS = 13;

    private final LocalWarehouse warehouse;
    private final String schema = "batch_" + UUID.randomUUID().toString().substring(0, 8);

    BatchInsertLiteralsTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void literalRowsReadBackEqualToParameterisedRows() throws SQLException {
        int rows = 600;
        try (Connection literal = DriverManager.getConnection(warehouse.jdbcUrl());
                Connection parameters = DriverManager.getConnection(warehouse.jdbcUrl() + ";BatchInsertLiterals=0");
                Statement s = literal.createStatement()) {
            s.execute("CREATE SCHEMA main." + schema);
            for (String t : List.of("lit", "par")) {
                s.execute("CREATE TABLE main." + schema + "." + t + " (id BIGINT, b BIGINT, i INT, sm SMALLINT,"
                        + " ti TINYINT, bo BOOLEAN, d DOUBLE, f FLOAT, dec DECIMAL(18,2), str STRING, dt DATE,"
                        + " ts TIMESTAMP, ntz TIMESTAMP_NTZ, bin BINARY, types STRING) USING DELTA");
            }
            int[] counts = insert(literal, "lit", rows);
            assertThat(counts).hasSize(rows).containsOnly(1);
            assertThat(insert(parameters, "par", DISTINCT)).hasSize(DISTINCT).containsOnly(1);

            List<List<Object>> reference = read(s, "par");
            List<List<Object>> stored = read(s, "lit");
            assertThat(reference).hasSize(DISTINCT);
            assertThat(stored).hasSize(rows);
            for (int r = 0; r < rows; r++) {
                assertThat(stored.get(r)).as("row %d", r).usingElementComparator(BatchInsertLiteralsTest::compare)
                        .containsExactlyElementsOf(reference.get(r % DISTINCT));
            }
            assertThat(reference.get(0).get(COLUMNS)).isEqualTo(
                    "bigint,int,smallint,tinyint,boolean,double,float,decimal(18,2),string,date,timestamp,"
                            + "timestamp_ntz,binary");
            // a few statements, not one per 256 parameters (27 per row: 74 statements)
            try (ResultSet rs = s.executeQuery("DESCRIBE HISTORY main." + schema + ".lit")) {
                int versions = 0;
                while (rs.next()) {
                    versions++;
                }
                assertThat(versions).isBetween(2, 6);
            }
        }
    }

    @Test
    void aFailingStatementReportsTheRowsOfTheStatementsBeforeIt() throws SQLException {
        String table = "main." + schema + ".strict";
        try (Connection c = DriverManager.getConnection(warehouse.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA main." + schema);
            s.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL, pad STRING) USING DELTA");
            String pad = "p".repeat(2400);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (int i = 0; i < 4000; i++) {
                    if (i == 3000) {
                        ps.setNull(1, Types.BIGINT);
                    } else {
                        ps.setLong(1, i);
                    }
                    ps.setString(2, pad);
                    ps.addBatch();
                }
                BatchUpdateException e = catchThrowableOfType(ps::executeBatch, BatchUpdateException.class);
                int[] done = e.getUpdateCounts();
                // about 1 700 rows of 2 400 bytes fit in a 4 MiB statement: the first one succeeded, the second failed
                assertThat(done.length).isBetween(1000, 2999);
                assertThat(done).containsOnly(1);
                try (ResultSet rs = s.executeQuery("SELECT count(*), max(id) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(done.length);
                    assertThat(rs.getLong(2)).isEqualTo(done.length - 1);
                }
            }
        }
    }

    private static int compare(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y) ? 0 : 1;
        }
        return java.util.Objects.equals(a, b) ? 0 : 1;
    }

    private int[] insert(Connection c, String table, int rows) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO main." + schema + "." + table + " VALUES (?");
        sql.append(", ?".repeat(COLUMNS)).append(", concat_ws(',', typeof(?)");
        sql.append(", typeof(?)".repeat(COLUMNS - 1)).append("))");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int r = 0; r < rows; r++) {
                ps.setLong(1, r);
                int k = r % DISTINCT;
                for (int pass = 0; pass < 2; pass++) {
                    bind(ps, 2 + pass * COLUMNS, k);
                }
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** The values of variant k, from parameter {@code at} on; variant k % 13 == column has that column NULL. */
    private static void bind(PreparedStatement ps, int at, int k) throws SQLException {
        String text = HOSTILE[k % HOSTILE.length];
        long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        int nullColumn = k % COLUMNS;
        Object[] values = {
            k < 4 ? longs[k] : k * -1_234_567_891L,
            k < 2 ? (k == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : k * 1000,
            (short) (k == 0 ? Short.MIN_VALUE : k * -100),
            (byte) (k == 0 ? Byte.MIN_VALUE : k == 1 ? Byte.MAX_VALUE : -k),
            k % 2 == 0,
            k == 2 ? Double.NaN : k == 3 ? Double.NEGATIVE_INFINITY : k == 4 ? -0.0 : k * 1.5e-300 - k * 1e10,
            k * 0.1f,
            k == 0 ? new BigDecimal("-9999999999999999.99") : BigDecimal.valueOf(k * 12_345L, 2),
            text,
            k == 0 ? LocalDate.of(1, 1, 1) : LocalDate.of(2024, 2, 29).plusDays(k * 37L),
            Timestamp.from(Instant.parse("1969-12-31T23:59:59.999999Z").plusSeconds(k * 86_399L)),
            LocalDateTime.of(2024, 3, 31, 2, 30, 0, 123_456_000).plusHours(k),
            ("b:" + text).getBytes(StandardCharsets.UTF_8)};
        int[] sqlTypes = {Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BOOLEAN, Types.DOUBLE,
            Types.REAL, Types.DECIMAL, Types.VARCHAR, Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP, Types.BINARY};
        for (int i = 0; i < COLUMNS; i++) {
            int index = at + i;
            Object v = values[i];
            if (i == nullColumn && k >= COLUMNS) {
                ps.setNull(index, sqlTypes[i]);
            } else if (v instanceof Long x) {
                ps.setLong(index, x);
            } else if (v instanceof Integer x) {
                ps.setInt(index, x);
            } else if (v instanceof Short x) {
                ps.setShort(index, x);
            } else if (v instanceof Byte x) {
                ps.setByte(index, x);
            } else if (v instanceof Boolean x) {
                ps.setBoolean(index, x);
            } else if (v instanceof Double x) {
                ps.setDouble(index, x);
            } else if (v instanceof Float x) {
                ps.setFloat(index, x);
            } else if (v instanceof BigDecimal x) {
                ps.setBigDecimal(index, x);
            } else if (v instanceof String x) {
                ps.setString(index, x);
            } else if (v instanceof Timestamp x) {
                ps.setTimestamp(index, x);
            } else if (v instanceof byte[] x) {
                ps.setBytes(index, x);
            } else {
                ps.setObject(index, v);
            }
        }
    }

    private List<List<Object>> read(Statement s, String table) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM main." + schema + "." + table + " ORDER BY id")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 2; i <= COLUMNS + 2; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
