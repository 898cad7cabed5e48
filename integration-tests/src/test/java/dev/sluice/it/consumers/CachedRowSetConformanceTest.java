package dev.sluice.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code CachedRowSet.populate(rs)} over a query returning every Databricks type. populate reads every
 * ResultSetMetaData getter and refuses negative sizes, then copies each value with getObject; the copy must
 * hold what the driver's own result set holds.
 */
@ExtendWith(LocalWarehouseExtension.class)
class CachedRowSetConformanceTest {
    static final String EVERY_TYPE = "SELECT CAST(1 AS TINYINT) AS t, CAST(2 AS SMALLINT) AS s, 3 AS i, 4L AS l,"
            + " CAST(1.5 AS FLOAT) AS f, 2.25D AS d, CAST(123.45 AS DECIMAL(10,2)) AS dec, 'héllo' AS str,"
            + " true AS b, X'0A0B' AS bin, DATE'2024-02-29' AS dt, TIMESTAMP'2024-02-29 12:34:56.789' AS ts,"
            + " TIMESTAMP_NTZ'2024-02-29 12:34:56.789' AS ntz, INTERVAL '1-2' YEAR TO MONTH AS ym,"
            + " INTERVAL '3 04:05:06' DAY TO SECOND AS dts, array(1, 2) AS arr, map('k', 1) AS m,"
            + " named_struct('a', 1, 'b', 'x') AS st, parse_json('{\"a\":1}') AS v, CAST(NULL AS INT) AS n,"
            + " NULL AS nothing";

    private final LocalWarehouse warehouse;

    CachedRowSetConformanceTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void populatesFromEveryTypeAndHoldsTheDriversValues() throws SQLException {
        assertCopiesEveryValue(TestSchema.dataSource(warehouse));
    }

    @Test
    void populatesWithComplexTypesAsJdbcObjects() throws SQLException {
        SluiceDataSource ds = TestSchema.dataSource(warehouse);
        ds.setUrl(warehouse.jdbcUrl() + ";EnableComplexDatatypeSupport=1");
        assertCopiesEveryValue(ds);
    }

    private static void assertCopiesEveryValue(SluiceDataSource ds) throws SQLException {
        List<Object> direct = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(EVERY_TYPE)) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                direct.add(comparable(rs.getObject(i)));
                classes.add(md.getColumnClassName(i));
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(EVERY_TYPE); CachedRowSet crs = RowSetProvider.newFactory()
                     .createCachedRowSet()) {
            // the JDK's CachedRowSetImpl.getObject dereferences the type map for STRUCT values: without one set,
            // any STRUCT column fails with a NullPointerException whatever the driver
            crs.setTypeMap(new HashMap<>());
            crs.populate(rs);
            ResultSetMetaData md = crs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(direct.size());
            for (int i = 1; i <= md.getColumnCount(); i++) {
                assertThat(md.getPrecision(i)).as(md.getColumnLabel(i)).isNotNegative();
                assertThat(md.getScale(i)).as(md.getColumnLabel(i)).isNotNegative();
                assertThat(md.getColumnDisplaySize(i)).as(md.getColumnLabel(i)).isNotNegative();
            }
            assertThat(crs.size()).isEqualTo(1);
            assertThat(crs.next()).isTrue();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                Object copied = crs.getObject(i);
                if (copied != null) {
                    assertThat(classOf(classes.get(i - 1)).isInstance(copied)).as(md.getColumnLabel(i) + " is a "
                            + copied.getClass().getName() + ", promised " + classes.get(i - 1)).isTrue();
                }
                assertThat(comparable(copied)).as(md.getColumnLabel(i)).isEqualTo(direct.get(i - 1));
            }
            assertThat(crs.getByte("t")).isEqualTo((byte) 1);
            assertThat(crs.getShort("s")).isEqualTo((short) 2);
            assertThat(crs.getInt("i")).isEqualTo(3);
            assertThat(crs.getLong("l")).isEqualTo(4L);
            assertThat(crs.getFloat("f")).isEqualTo(1.5f);
            assertThat(crs.getDouble("d")).isEqualTo(2.25);
            assertThat(crs.getBigDecimal("dec")).isEqualByComparingTo(new BigDecimal("123.45"));
            assertThat(crs.getString("str")).isEqualTo("héllo");
            assertThat(crs.getBoolean("b")).isTrue();
            assertThat(crs.getBytes("bin")).containsExactly(0x0A, 0x0B);
            assertThat(crs.getDate("dt").toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(crs.getTimestamp("ntz").toLocalDateTime().toString()).isEqualTo("2024-02-29T12:34:56.789");
            assertThat(crs.getObject("n")).isNull();
            assertThat(crs.wasNull()).isTrue();
            assertThat(crs.getObject("nothing")).isNull();
            assertThat(crs.next()).isFalse();
        }
    }

    private static Class<?> classOf(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("getColumnClassName names a class that does not exist: " + name, e);
        }
    }

    /**
     * A value that compares by content: bytes as hex, ARRAY and STRUCT values (the driver's and CachedRowSet's
     * serial copies alike) as the lists of their elements.
     */
    private static Object comparable(Object value) throws SQLException {
        if (value instanceof byte[]) {
            return HexFormat.of().formatHex((byte[]) value);
        }
        if (value instanceof Array) {
            List<Object> elements = new ArrayList<>();
            for (Object e : (Object[]) ((Array) value).getArray()) {
                elements.add(comparable(e));
            }
            return elements;
        }
        if (value instanceof Struct) {
            List<Object> attributes = new ArrayList<>();
            for (Object a : ((Struct) value).getAttributes()) {
                attributes.add(comparable(a));
            }
            return attributes;
        }
        return value;
    }
}
