package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.jdbc.ServerError;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The warehouse reads a multi-row INSERT of literals without Spark's parser; the same text with a comment between
 * its rows is parsed as before (the reader leaves any comment among the rows to the parser). Both must store the
 * same rows and fail the same way.
 */
@ExtendWith(LocalWarehouseExtension.class)
class LiteralInsertPathTest {

    private static final String[] ROWS = {
        "(1, 'it\\'s \"dq\" `bq`', 1.5E-7D, CAST('12.34' AS DECIMAL(18,2)), TIMESTAMP'2024-01-01 00:00:00.123456 +05:30',"
                + " DATE'2024-02-29', TIMESTAMP_NTZ'2024-03-31 02:30:00.123456', X'00FF10', 42, 7S, 7Y, TRUE)",
        "(2, 'back\\\\slash \\n\\t \\u0024{x} \u00e9\u4e2d\ud83d\ude00', (-1.5E-7D),"
                + " CAST('-9999999999999999.99' AS DECIMAL(18,2)), TIMESTAMP'1969-12-31 23:59:59.999999 +00:00',"
                + " DATE'0001-01-01', TIMESTAMP_NTZ'1970-01-01 00:00:00', X'', (-2147483648), (-32768S), (-128Y), FALSE)",
        "(3, '', 1.7976931348623157E308D, CAST(NULL AS DECIMAL(18,2)), CAST(NULL AS TIMESTAMP), NULL, NULL,"
                + " CAST(NULL AS BINARY), NULL, NULL, NULL, NULL)",
        "((-9223372036854775808L), 'x', CAST('NaN' AS DOUBLE), CAST('1E+3' AS DECIMAL(18,2)),"
                + " TIMESTAMP'2024-06-30T12:00:00Z', DATE'2024-01-31', NULL, X'abcdef', 2147483647, 32767S, 127Y, NULL)",
        "(9223372036854775807L, NULL, (-0.0D), CAST('0.1' AS DECIMAL(18,2)), NULL, NULL, NULL, NULL, 0, 0S, 0Y, TRUE)"
    };

    private final LocalWarehouse warehouse;
    private final String schema = "litins_" + UUID.randomUUID().toString().substring(0, 8);

    LiteralInsertPathTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void readAndParsedInsertsStoreTheSameRowsAndFailTheSameWay() throws SQLException {
        try (Connection c = DriverManager.getConnection(warehouse.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA main." + schema);
            for (String t : List.of("fast", "slow")) {
                s.execute("CREATE TABLE main." + schema + "." + t + " (id BIGINT, s STRING, d DOUBLE,"
                        + " dec DECIMAL(18,2), ts TIMESTAMP, dt DATE, ntz TIMESTAMP_NTZ, bin BINARY, i INT,"
                        + " sm SMALLINT, ti TINYINT, bo BOOLEAN) USING DELTA");
            }
            assertThat(s.executeUpdate("INSERT INTO main." + schema + ".fast VALUES " + String.join(",\n", ROWS)))
                    .isEqualTo(ROWS.length);
            assertThat(s.executeUpdate("INSERT INTO main." + schema + ".slow VALUES "
                    + String.join(", /* parsed */ ", ROWS))).isEqualTo(ROWS.length);
            // a column list in another order and integers widened to the columns' types
            String subset = " (bo, d, id, s) VALUES (TRUE, 1, 10, 'a'), (NULL, 2L, 11, NULL)";
            s.executeUpdate("INSERT INTO main." + schema + ".fast" + subset);
            s.executeUpdate("INSERT INTO main." + schema + ".slow" + subset.replace("),", "), /* parsed */"));

            List<List<Object>> fast = read(s, "fast");
            assertThat(fast).hasSize(ROWS.length + 2);
            assertThat(fast).usingElementComparator(LiteralInsertPathTest::compareRows)
                    .containsExactlyElementsOf(read(s, "slow"));

            s.execute("CREATE TABLE main." + schema + ".strict (id BIGINT NOT NULL, s STRING) USING DELTA");
            String bad = "INSERT INTO main." + schema + ".strict VALUES (1, 'a'),";
            SQLException read = catchThrowableOfType(
                    () -> s.executeUpdate(bad + " (CAST(NULL AS BIGINT), 'b')"), SQLException.class);
            SQLException parsed = catchThrowableOfType(
                    () -> s.executeUpdate(bad + " /* parsed */ (CAST(NULL AS BIGINT), 'b')"), SQLException.class);
            assertThat(read.getSQLState()).isEqualTo(parsed.getSQLState()).isNotNull();
            assertThat(errorClass(read)).isEqualTo(errorClass(parsed)).isNotEmpty();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM main." + schema + ".strict")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private static String errorClass(SQLException e) {
        return e.getCause() instanceof ServerError server ? server.errorClass().orElse("") : "";
    }

    private static int compareRows(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return 1;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            boolean same = x instanceof byte[] p && y instanceof byte[] q ? Arrays.equals(p, q)
                    : java.util.Objects.equals(x, y);
            if (!same) {
                return 1;
            }
        }
        return 0;
    }

    private List<List<Object>> read(Statement s, String table) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM main." + schema + "." + table
                + " ORDER BY id")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
